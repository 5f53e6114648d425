package io.tidegate.xds;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.MessageOrBuilder;
import io.envoyproxy.envoy.config.core.v3.DataSource;
import io.envoyproxy.envoy.extensions.transport_sockets.tls.v3.Secret;
import java.util.List;

/**
 * {@link XdsResources} as YAML, for golden files and {@code tidegate translate --to xds}. Each type
 * renders to a YAML sequence of its resources in name order; {@link #render} joins them as a
 * multi-document stream {@code listeners}, {@code routes}, {@code clusters}, {@code endpoints}
 * (and {@code secrets} when there are any, private keys redacted).
 */
public final class XdsYaml {

    private XdsYaml() {
    }

    public static String render(XdsResources resources) {
        StringBuilder out = new StringBuilder();
        document(out, "listeners", resources.listeners());
        document(out, "routes", resources.routes());
        document(out, "clusters", resources.clusters());
        document(out, "endpoints", resources.endpoints());
        if (!resources.secrets().isEmpty()) {
            document(out, "secrets", redacted(resources.secrets()));
        }
        return out.toString();
    }

    public static String listeners(XdsResources resources) {
        return ProtoYaml.toYaml(resources.listeners());
    }

    public static String routes(XdsResources resources) {
        return ProtoYaml.toYaml(resources.routes());
    }

    public static String clusters(XdsResources resources) {
        return ProtoYaml.toYaml(resources.clusters());
    }

    public static String endpoints(XdsResources resources) {
        return ProtoYaml.toYaml(resources.endpoints());
    }

    /** The secrets with every private key replaced by {@code [redacted: N bytes]}: output is read by people and logs. */
    public static String secrets(XdsResources resources) {
        return ProtoYaml.toYaml(redacted(resources.secrets()));
    }

    static List<Secret> redacted(List<Secret> secrets) {
        return secrets.stream().map(secret -> {
            if (!secret.hasTlsCertificate() || !secret.getTlsCertificate().hasPrivateKey()) return secret;
            DataSource key = secret.getTlsCertificate().getPrivateKey();
            int size = key.getInlineBytes().size() + key.getInlineString().length();
            return secret.toBuilder().setTlsCertificate(secret.getTlsCertificate().toBuilder()
                    .setPrivateKey(DataSource.newBuilder().setInlineString("[redacted: " + size + " bytes]"))).build();
        }).toList();
    }

    private static void document(StringBuilder out, String name, List<? extends MessageOrBuilder> list) {
        ObjectNode document = JsonNodeFactory.instance.objectNode();
        document.set(name, ProtoYaml.sequence(list));
        out.append("---\n").append(ProtoYaml.write(document));
    }
}
