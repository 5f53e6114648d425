package io.tidegate.source.nacos;

import com.alibaba.nacos.api.NacosFactory;
import com.alibaba.nacos.api.config.ConfigService;
import com.alibaba.nacos.api.exception.NacosException;
import com.alibaba.nacos.api.naming.NamingService;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Properties;

/**
 * Where a Nacos server is and who Tidegate is there: the one place that turns settings into
 * nacos-client objects. Creating a client opens a gRPC connection in the background; it does not
 * fail when the server is down (see {@link ConfigService#getServerStatus()}).
 *
 * @param address   {@code host:port} of the HTTP port; nacos-client adds 1000 for gRPC
 * @param namespace the Nacos namespace id; empty for the public namespace
 */
public record NacosServer(String address, String namespace, NacosCredentials credentials) {

    private static final Object PATHS = new Object();

    public NacosServer {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(credentials, "credentials");
    }

    public ConfigService configService() throws NacosException {
        keepClientFilesOutOfHome();
        return NacosFactory.createConfigService(properties());
    }

    public NamingService namingService() throws NacosException {
        keepClientFilesOutOfHome();
        return NacosFactory.createNamingService(properties());
    }

    /** {@code address (namespace ns)} for messages. */
    public String describe() {
        return address + " (namespace " + (namespace.isEmpty() ? "public" : namespace) + ")";
    }

    private Properties properties() {
        Properties properties = new Properties();
        properties.setProperty("serverAddr", address);
        if (!namespace.isEmpty()) {
            properties.setProperty("namespace", namespace);
        }
        // A cached listing from a previous run must not stand in for the server's truth at start.
        properties.setProperty("namingLoadCacheAtStart", "false");
        credentials.addTo(properties);
        return properties;
    }

    /**
     * nacos-client writes its logs, config snapshots and naming cache under {@code ~} unless told
     * otherwise by system properties read when its classes load; point them into the temp directory
     * unless the user chose a place. Must run before the first nacos-client class is used.
     */
    static void keepClientFilesOutOfHome() {
        synchronized (PATHS) {
            Path base = Path.of(System.getProperty("java.io.tmpdir"), "tidegate-nacos-client");
            setIfAbsent("JM.LOG.PATH", base.resolve("logs"));
            setIfAbsent("JM.SNAPSHOT.PATH", base.resolve("snapshot"));
            setIfAbsent("com.alibaba.nacos.naming.cache.dir", base.resolve("naming"));
        }
    }

    private static void setIfAbsent(String key, Path value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value.toString());
        }
    }
}
