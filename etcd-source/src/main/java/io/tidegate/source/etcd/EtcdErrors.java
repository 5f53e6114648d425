package io.tidegate.source.etcd;

import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.common.exception.ErrorCode;
import io.etcd.jetcd.common.exception.EtcdException;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.NoSuchFileException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Turns what jetcd, gRPC and netty throw into one sentence an operator can act on: unreachable
 * members, a TLS handshake that failed, a rejected user or password, a missing permission. The
 * sentences name the members, the prefix and the user, never a password (none is ever in reach
 * of this class).
 */
final class EtcdErrors {

    private EtcdErrors() {
    }

    /** True when the watch failed because its start revision was compacted away. */
    static boolean isCompacted(Throwable error) {
        for (Throwable t : chain(error)) {
            if (t instanceof CompactedException) {
                return true;
            }
        }
        return false;
    }

    static String describe(Throwable error, EtcdSettings settings) {
        List<Throwable> chain = chain(error);
        for (Throwable t : chain) {
            if (t instanceof EtcdConfigException) {
                return t.getMessage();
            }
        }
        String members = String.join(",", settings.endpoints());
        String user = settings.user().map(u -> "user '" + u + "'").orElse("the anonymous user");
        String all = messages(chain).toLowerCase(Locale.ROOT);
        Throwable root = chain.get(chain.size() - 1);

        if (has(chain, SSLException.class) || has(chain, CertificateException.class)
                || all.contains("pkix") || all.contains("handshake")) {
            return "TLS handshake with etcd " + members + " failed (" + rootMessage(chain)
                    + "); check ca= (the CA that signed the server certificate) and cert=/key= (a client "
                    + "certificate signed by a CA the server trusts)";
        }
        if (all.contains("authentication failed") || all.contains("invalid user id or password")) {
            return "etcd " + members + " rejected " + user + ": invalid user or password";
        }
        if (all.contains("authentication is not enabled")) {
            return "etcd " + members + " has authentication disabled but a user was configured; drop user= or enable auth";
        }
        if (all.contains("user name is empty") || all.contains("user name not found")) {
            return "etcd " + members + " requires authentication; configure user= and password-file=";
        }
        if (all.contains("permission denied")) {
            return "etcd " + members + " denied " + user + " reading keys under " + settings.prefix()
                    + " (permission denied); grant it read on that prefix";
        }
        if (has(chain, NoSuchFileException.class)) {
            return "cannot read " + root.getMessage() + ": no such file";
        }
        if (has(chain, TimeoutException.class)) {
            return "etcd " + members + " did not answer in time";
        }
        if (has(chain, ConnectException.class) || has(chain, UnknownHostException.class)
                || status(chain) == Status.Code.UNAVAILABLE) {
            return "etcd " + members + " is unreachable (" + rootMessage(chain) + ")";
        }
        return "etcd " + members + " failed: " + rootMessage(chain);
    }

    private static Status.Code status(List<Throwable> chain) {
        for (Throwable t : chain) {
            if (t instanceof EtcdException e && e.getErrorCode() == ErrorCode.UNAVAILABLE) {
                return Status.Code.UNAVAILABLE; // jetcd's watch reports a dropped connection this way
            }
            if (t instanceof StatusRuntimeException e) {
                return e.getStatus().getCode();
            }
            if (t instanceof StatusException e) {
                return e.getStatus().getCode();
            }
        }
        return null;
    }

    private static boolean has(List<Throwable> chain, Class<? extends Throwable> type) {
        return chain.stream().anyMatch(type::isInstance);
    }

    private static String rootMessage(List<Throwable> chain) {
        for (int i = chain.size() - 1; i >= 0; i--) {
            String message = chain.get(i).getMessage();
            if (message != null && !message.isBlank()) {
                return chain.get(i).getClass().getSimpleName() + ": " + message.strip();
            }
        }
        return chain.get(chain.size() - 1).getClass().getSimpleName();
    }

    private static String messages(List<Throwable> chain) {
        StringBuilder all = new StringBuilder();
        for (Throwable t : chain) {
            all.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    private static List<Throwable> chain(Throwable error) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable t = error; t != null && !chain.contains(t) && chain.size() < 20; t = t.getCause()) {
            chain.add(t);
        }
        return chain;
    }
}
