package io.tidegate.testing.etcd;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds {@code etcd}, {@code etcdctl} and {@code openssl}: {@code $TIDEGATE_ETCD_BIN} /
 * {@code $TIDEGATE_ETCDCTL_BIN} first, then PATH. A missing binary fails with the install hint:
 * tests never skip for want of etcd.
 */
public final class EtcdBinaries {

    public static final String INSTALL_HINT = "run scripts/setup.sh, which installs the Debian packages "
            + "etcd-server and etcd-client (apt-get install etcd-server etcd-client)";

    private EtcdBinaries() {
    }

    public static Path etcd() {
        return locate("etcd", "TIDEGATE_ETCD_BIN", INSTALL_HINT);
    }

    public static Path etcdctl() {
        return locate("etcdctl", "TIDEGATE_ETCDCTL_BIN", INSTALL_HINT);
    }

    public static Path openssl() {
        return locate("openssl", "TIDEGATE_OPENSSL_BIN", "install it with: apt-get install openssl (scripts/setup.sh does)");
    }

    private static Path locate(String name, String variable, String hint) {
        String explicit = System.getenv(variable);
        if (explicit != null && !explicit.isBlank()) {
            Path path = Path.of(explicit);
            if (!Files.isExecutable(path)) {
                throw new IllegalStateException("$" + variable + "=" + explicit + " is not an executable; " + hint);
            }
            return path;
        }
        return onPath(name).orElseThrow(() -> new IllegalStateException(
                name + " not found on PATH (nor $" + variable + "); " + hint));
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
