package io.tidegate.source.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.grpc.netty.GrpcSslContexts;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Builds a jetcd {@link Client} from {@link EtcdSettings}: endpoints, TLS material and credentials,
 * read from their files (and the environment) at the moment of connecting, so rotated files are
 * picked up by the next connection. RPCs fail fast instead of waiting for a connection
 * ({@code waitForReady(false)}): the source does its own retrying with backoff and must see failures.
 */
final class EtcdClients {

    /** Large listings arrive in pages; a single value can still be large (etcd's default limit is 1.5 MiB). */
    private static final int MAX_INBOUND_BYTES = 32 * 1024 * 1024;

    private EtcdClients() {
    }

    static Client create(EtcdSettings settings, Function<String, String> env) throws EtcdConfigException {
        ClientBuilder builder = Client.builder()
                .endpoints(settings.endpointUris().toArray(URI[]::new))
                .waitForReady(false)
                .connectTimeout(Duration.ofSeconds(3))
                .keepaliveTime(Duration.ofSeconds(10))
                .keepaliveTimeout(Duration.ofSeconds(5))
                .maxInboundMessageSize(MAX_INBOUND_BYTES);
        if (settings.tls()) {
            builder.sslContext(sslContext(settings));
        }
        if (settings.user().isPresent()) {
            builder.user(ByteSequence.from(settings.user().get(), StandardCharsets.UTF_8))
                    .password(ByteSequence.from(password(settings, env)));
        }
        return builder.build();
    }

    private static SslContext sslContext(EtcdSettings settings) throws EtcdConfigException {
        SslContextBuilder ssl = GrpcSslContexts.forClient();
        if (settings.caFile().isPresent()) {
            Path ca = readable(settings.caFile().get(), "ca");
            try {
                ssl.trustManager(ca.toFile());
            } catch (IllegalArgumentException e) {
                throw new EtcdConfigException("ca=" + ca + " holds no PEM certificate (" + e.getMessage() + ")", e);
            }
        }
        if (settings.certFile().isPresent()) {
            Path cert = readable(settings.certFile().get(), "cert");
            Path key = readable(settings.keyFile().orElseThrow(), "key");
            try {
                ssl.keyManager(cert.toFile(), key.toFile());
            } catch (IllegalArgumentException e) {
                throw new EtcdConfigException("cannot use the client certificate cert=" + cert + " with key=" + key + " ("
                        + e.getMessage() + "); the key must be an unencrypted PKCS#8 PEM file "
                        + "(convert with: openssl pkcs8 -topk8 -nocrypt -in old.key -out new.key)", e);
            }
        }
        try {
            return ssl.build();
        } catch (IOException e) {
            throw new EtcdConfigException("cannot set up TLS for etcd (" + e.getMessage() + ")", e);
        }
    }

    /** The password bytes, from the file or the environment variable the settings name. */
    private static byte[] password(EtcdSettings settings, Function<String, String> env) throws EtcdConfigException {
        Optional<Path> file = settings.passwordFile();
        String password;
        if (file.isPresent()) {
            Path path = readable(file.get(), "password-file");
            try {
                password = Files.readString(path, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new EtcdConfigException("cannot read password-file=" + path + " (" + e.getClass().getSimpleName() + ")", e);
            }
            // Files written by editors and `echo` end with a newline that is not part of the password.
            password = password.endsWith("\r\n") ? password.substring(0, password.length() - 2)
                    : password.endsWith("\n") ? password.substring(0, password.length() - 1) : password;
        } else {
            String variable = settings.passwordEnv().orElseThrow();
            password = env.apply(variable);
            if (password == null || password.isEmpty()) {
                throw new EtcdConfigException("$" + variable + " is empty; it must hold the etcd password", null);
            }
        }
        if (password.isEmpty()) {
            throw new EtcdConfigException("password-file=" + file.orElseThrow() + " is empty", null);
        }
        return password.getBytes(StandardCharsets.UTF_8);
    }

    private static Path readable(Path path, String option) throws EtcdConfigException {
        if (!Files.isReadable(path)) {
            throw new EtcdConfigException(option + "=" + path + (Files.exists(path) ? " is not readable" : " does not exist"), null);
        }
        return path;
    }
}
