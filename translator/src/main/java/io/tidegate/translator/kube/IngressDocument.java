package io.tidegate.translator.kube;

import java.util.List;
import java.util.Objects;

/**
 * The part of a {@code networking.k8s.io/v1} Ingress the translator reads. Absent lists bind as
 * empty lists; absent objects and scalars stay {@code null}, because "not written" matters
 * (a missing path means "/", a missing port is an error).
 */
public record IngressDocument(Spec spec) {

    public IngressDocument {
        spec = Objects.requireNonNullElse(spec, new Spec(null, null, null, null));
    }

    public record Spec(String ingressClassName, Backend defaultBackend, List<Tls> tls, List<Rule> rules) {
        public Spec {
            tls = Lists.orEmpty(tls);
            rules = Lists.orEmpty(rules);
        }
    }

    public record Tls(List<String> hosts, String secretName) {
        public Tls {
            hosts = Lists.orEmpty(hosts);
        }
    }

    /** A rule without {@code http} serves nothing; a rule without {@code host} serves every host. */
    public record Rule(String host, Http http) { }

    public record Http(List<Path> paths) {
        public Http {
            paths = Lists.orEmpty(paths);
        }
    }

    public record Path(String path, String pathType, Backend backend) { }

    /** Exactly one of {@code service} and {@code resource} is expected. */
    public record Backend(ServiceBackend service, ResourceBackend resource) { }

    public record ServiceBackend(String name, ServiceBackendPort port) { }

    /** Exactly one of {@code number} and {@code name} is expected. */
    public record ServiceBackendPort(String name, Integer number) { }

    public record ResourceBackend(String apiGroup, String kind, String name) { }
}
