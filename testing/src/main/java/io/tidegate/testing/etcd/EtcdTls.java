package io.tidegate.testing.etcd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Certificates for a TLS etcd, made with the real {@code openssl}: a CA, a server certificate for
 * {@code 127.0.0.1}/{@code localhost}, a client certificate signed by that CA, and a "rogue" client
 * certificate signed by an unrelated CA (what a wrongly configured client presents). Keys are
 * EC P-256 in PKCS#8 PEM, the form netty (and so jetcd) reads without extra providers.
 */
public record EtcdTls(Path caCert, Path serverCert, Path serverKey, Path clientCert, Path clientKey,
                      Path rogueCaCert, Path rogueClientCert, Path rogueClientKey) {

    /** Writes every file into {@code dir} (created if needed). */
    public static EtcdTls generate(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("server.ext"),
                "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth,clientAuth\n");
        Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
        selfSigned(dir, "ca", "tidegate-test-ca");
        signed(dir, "server", "etcd-server", "ca", "server.ext");
        signed(dir, "client", "tidegate-client", "ca", "client.ext");
        selfSigned(dir, "rogue-ca", "rogue-ca");
        signed(dir, "rogue-client", "tidegate-client", "rogue-ca", "client.ext");
        return new EtcdTls(dir.resolve("ca.crt"), dir.resolve("server.crt"), dir.resolve("server.key"),
                dir.resolve("client.crt"), dir.resolve("client.key"),
                dir.resolve("rogue-ca.crt"), dir.resolve("rogue-client.crt"), dir.resolve("rogue-client.key"));
    }

    private static void selfSigned(Path dir, String name, String commonName) {
        openssl(dir, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", name + ".key", "-out", name + ".crt", "-days", "7", "-subj", "/CN=" + commonName,
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign");
    }

    private static void signed(Path dir, String name, String commonName, String ca, String extensions) {
        openssl(dir, "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", name + ".key", "-out", name + ".csr", "-subj", "/CN=" + commonName);
        openssl(dir, "x509", "-req", "-in", name + ".csr", "-CA", ca + ".crt", "-CAkey", ca + ".key",
                "-set_serial", String.valueOf(System.nanoTime() & 0xffffffffL), "-days", "7",
                "-extfile", extensions, "-out", name + ".crt");
    }

    private static void openssl(Path dir, String... args) {
        List<String> command = new ArrayList<>();
        command.add(EtcdBinaries.openssl().toString());
        command.addAll(List.of(args));
        Commands.Result result = Commands.run(command, null, dir, 30);
        if (!result.ok()) {
            throw new IllegalStateException("openssl failed: " + result.describe());
        }
    }
}
