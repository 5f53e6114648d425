package io.tidegate.translator.istio;

import io.tidegate.translator.binding.Nulls;
import java.util.List;
import java.util.Map;

/** {@code networking.istio.io} Gateway (v1alpha3, v1beta1 and v1 share this shape). */
public record IstioGatewaySpec(List<ServerSpec> servers, Map<String, String> selector) {

    public IstioGatewaySpec {
        servers = Nulls.list(servers);
        selector = Nulls.map(selector);
    }

    public record ServerSpec(PortSpec port, String bind, List<String> hosts, TlsSpec tls, String defaultEndpoint,
                             String name) {
        public ServerSpec {
            hosts = Nulls.list(hosts);
        }
    }

    public record PortSpec(Integer number, String protocol, String name, Integer targetPort) { }

    public record TlsSpec(Boolean httpsRedirect, String mode, String serverCertificate, String privateKey,
                          String caCertificates, String caCrl, String credentialName, List<String> credentialNames,
                          List<Object> tlsCertificates, List<String> subjectAltNames,
                          List<String> verifyCertificateSpki, List<String> verifyCertificateHash,
                          String minProtocolVersion, String maxProtocolVersion, List<String> cipherSuites) {
        public TlsSpec {
            credentialNames = Nulls.list(credentialNames);
            tlsCertificates = Nulls.list(tlsCertificates);
            subjectAltNames = Nulls.list(subjectAltNames);
            verifyCertificateSpki = Nulls.list(verifyCertificateSpki);
            verifyCertificateHash = Nulls.list(verifyCertificateHash);
            cipherSuites = Nulls.list(cipherSuites);
        }
    }
}
