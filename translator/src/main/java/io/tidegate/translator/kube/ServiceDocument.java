package io.tidegate.translator.kube;

import java.util.List;
import java.util.Objects;

/** The part of a core/v1 Service the translator reads. */
public record ServiceDocument(Spec spec) {

    public ServiceDocument {
        spec = Objects.requireNonNullElse(spec, new Spec(null, null, null));
    }

    public record Spec(String type, List<Port> ports, String externalName) {
        public Spec {
            ports = Lists.orEmpty(ports);
        }

        public boolean isExternalName() {
            return "ExternalName".equals(type);
        }
    }

    /**
     * {@code targetPort} is Kubernetes' int-or-string; both forms bind as text. {@code protocol}
     * is the transport (TCP, UDP, SCTP), {@code appProtocol} the application protocol.
     */
    public record Port(String name, Integer port, String targetPort, String protocol, String appProtocol) { }
}
