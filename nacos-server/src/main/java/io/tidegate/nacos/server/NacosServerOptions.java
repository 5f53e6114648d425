package io.tidegate.nacos.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How to start a {@link NacosServerProcess}.
 *
 * @param home          the server's own directory: {@code conf/}, {@code data/} (embedded Derby), {@code logs/}
 * @param port          the main HTTP port P; 0 picks free ports. Nacos also binds P+1000 (client gRPC),
 *                      P+1001 (cluster gRPC) and P-1000 (raft)
 * @param auth          {@code nacos.core.auth.enabled}; with auth the admin user is created at start
 * @param adminPassword the password of user {@code nacos} when {@code auth} is on
 * @param properties    extra {@code application.properties} entries; they win over the defaults
 * @param startTimeout  how long to wait for {@code /nacos/v3/admin/core/state/liveness} to answer {@code ok}
 * @param maxHeap       {@code -Xmx} of the server JVM
 * @param version       which Nacos server to run; 3.1.0 unless told otherwise
 */
public record NacosServerOptions(Path home, int port, boolean auth, String adminPassword,
                                 Map<String, String> properties, Duration startTimeout, String maxHeap,
                                 Version version) {

    public static final String ADMIN_USER = "nacos";

    /** The Nacos servers this fixture can run; each has its own classpath file inside this jar. */
    public enum Version {
        /** Nacos 3.1.0 ({@code io.github.pig-mesh.nacos:nacos-server:3.1.0-bugfix}): fuzzy watch, v3 open API. */
        NACOS_3("server-classpath.txt", "io.tidegate.nacos.server.NacosBootstrap"),
        /**
         * Nacos 2.3.1 ({@code vip.xiaonuo.nacos} naming + config): what most Higress users run; no fuzzy
         * watch, v1/v2 open API only (the v3 calls of {@link NacosOpenApi} fail), auth not supported here.
         */
        NACOS_2("server2-classpath.txt", "io.tidegate.nacos.server.Nacos2Bootstrap");

        private final String classpathResource;
        private final String mainClass;

        Version(String classpathResource, String mainClass) {
            this.classpathResource = classpathResource;
            this.mainClass = mainClass;
        }

        String classpathResource() {
            return classpathResource;
        }

        String mainClass() {
            return mainClass;
        }
    }

    public NacosServerOptions {
        Objects.requireNonNull(home, "home");
        Objects.requireNonNull(adminPassword, "adminPassword");
        Objects.requireNonNull(startTimeout, "startTimeout");
        Objects.requireNonNull(maxHeap, "maxHeap");
        Objects.requireNonNull(version, "version");
        properties = Map.copyOf(properties);
        if (port != 0 && (port < 1025 || port > 64534)) {
            throw new IllegalArgumentException("port must leave room for port-1000 and port+1001: " + port);
        }
        if (auth && adminPassword.isBlank()) {
            throw new IllegalArgumentException("auth needs an admin password");
        }
        if (auth && version == Version.NACOS_2) {
            throw new IllegalArgumentException("auth is not supported for the Nacos 2 test server");
        }
    }

    /** Free ports, auth off, naming pushes without the 500 ms delay, 60 s to start, 512 MB heap. */
    public static NacosServerOptions defaults(Path home) {
        return new NacosServerOptions(home, 0, false, "tidegate-admin",
                Map.of("nacos.naming.push.pushTaskDelay", "0"), Duration.ofSeconds(60), "512m", Version.NACOS_3);
    }

    public NacosServerOptions withPort(int newPort) {
        return new NacosServerOptions(home, newPort, auth, adminPassword, properties, startTimeout, maxHeap, version);
    }

    public NacosServerOptions withAuth(String password) {
        return new NacosServerOptions(home, port, true, password, properties, startTimeout, maxHeap, version);
    }

    public NacosServerOptions withProperty(String key, String value) {
        Map<String, String> all = new TreeMap<>(properties);
        all.put(key, value);
        return new NacosServerOptions(home, port, auth, adminPassword, all, startTimeout, maxHeap, version);
    }

    public NacosServerOptions withStartTimeout(Duration timeout) {
        return new NacosServerOptions(home, port, auth, adminPassword, properties, timeout, maxHeap, version);
    }

    /** Runs {@code newVersion} instead; the defaults (free ports, push delay 0) apply to both. */
    public NacosServerOptions withVersion(Version newVersion) {
        return new NacosServerOptions(home, port, auth, adminPassword, properties, startTimeout, maxHeap, newVersion);
    }
}
