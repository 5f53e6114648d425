package io.tidegate.xds;

import io.tidegate.translator.model.ServerTls;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The filter chains of one TLS port: one per distinct TLS policy (certificate, mode, CA, versions,
 * ciphers), matching the SNI names of the servers that share it, each with its own route
 * configuration holding only those servers' hosts. SNI thus picks the policy, and a connection can
 * only reach hosts whose policy it went through: a client cannot skip a host's client-certificate
 * check by sending another host's name.
 *
 * <p>The chain holding host {@code *} matches no SNI name, so it serves clients that send no SNI or
 * a name no other chain lists, and it routes every host of its policy (the Ingress certificate for
 * host-less rules is the default certificate). Without such a chain those clients are refused, as
 * in Higress. A name claimed by an earlier chain is not listed again (Envoy refuses two chains with
 * one name); a chain left with no name and no {@code *} is dropped.
 */
final class TlsChains {

    /**
     * @param name        stable across unrelated changes: the credential, plus a digest of the policy when it is not plain SIMPLE
     * @param serverNames SNI names, sorted; empty for the default chain
     */
    record TlsChain(String name, List<String> serverNames, ServerTls tls, List<BoundServer> servers) {
        TlsChain {
            serverNames = List.copyOf(serverNames);
            servers = List.copyOf(servers);
        }

        boolean isDefault() {
            return serverNames.isEmpty();
        }
    }

    private TlsChains() {
    }

    static List<TlsChain> group(List<BoundServer> servers) {
        Map<ServerTls, List<BoundServer>> byPolicy = new LinkedHashMap<>();
        for (BoundServer server : servers) {
            byPolicy.computeIfAbsent(server.server().tls().orElseThrow(), tls -> new ArrayList<>()).add(server);
        }
        Set<String> claimed = new HashSet<>();
        boolean defaultTaken = false;
        List<TlsChain> chains = new ArrayList<>();
        for (Map.Entry<ServerTls, List<BoundServer>> policy : byPolicy.entrySet()) {
            TreeSet<String> names = new TreeSet<>();
            boolean wildcard = false;
            for (BoundServer server : policy.getValue()) {
                for (String host : server.server().hosts()) {
                    String name = host.substring(host.indexOf('/') + 1);
                    if (name.equals("*")) {
                        wildcard = true;
                    } else if (!claimed.contains(name)) {
                        names.add(name);
                    }
                }
            }
            boolean isDefault = wildcard && !defaultTaken;
            if (names.isEmpty() && !isDefault) continue;
            claimed.addAll(names);
            defaultTaken |= isDefault;
            chains.add(new TlsChain(name(policy.getKey()), isDefault ? List.of() : List.copyOf(names), policy.getKey(),
                    policy.getValue()));
        }
        return List.copyOf(chains);
    }

    static String name(ServerTls tls) {
        if (tls.equals(new ServerTls("SIMPLE", tls.credentialName()))) return tls.credentialName();
        String policy = String.join("|", tls.mode(), tls.caCertCredentialName().orElse(""),
                tls.minProtocolVersion().map(Enum::name).orElse(""), tls.maxProtocolVersion().map(Enum::name).orElse(""),
                String.join(":", tls.cipherSuites()));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(policy.getBytes(StandardCharsets.UTF_8));
            return tls.credentialName() + "~" + HexFormat.of().formatHex(digest).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
