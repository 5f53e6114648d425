package io.tidegate.source.etcd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.etcd.jetcd.common.exception.EtcdExceptionFactory;
import io.grpc.Status;
import java.net.ConnectException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class EtcdErrorsTest {

    private static final EtcdSettings SETTINGS = EtcdSettings.parse(
            URI.create("etcd://127.0.0.1:2379/tidegate/?user=gw&password-file=/p"), Map.<String, String>of()::get);

    @Test
    void unreachable() {
        Throwable error = new ExecutionException(Status.UNAVAILABLE.withDescription("io exception")
                .withCause(new ConnectException("Connection refused")).asRuntimeException());
        String text = EtcdErrors.describe(error, SETTINGS);
        assertTrue(text.startsWith("etcd 127.0.0.1:2379 is unreachable"), text);
        assertTrue(text.contains("Connection refused"), text);
    }

    @Test
    void droppedWatchConnectionIsUnreachable() {
        Throwable error = EtcdExceptionFactory.toEtcdException(Status.UNAVAILABLE.withDescription("Network closed for unknown reason"));
        String text = EtcdErrors.describe(error, SETTINGS);
        assertEquals("etcd 127.0.0.1:2379 is unreachable (EtcdException: Network closed for unknown reason)", text);
    }

    @Test
    void tlsHandshake() {
        Throwable error = Status.UNAVAILABLE.withCause(new SSLHandshakeException("PKIX path building failed")).asRuntimeException();
        String text = EtcdErrors.describe(error, SETTINGS);
        assertTrue(text.startsWith("TLS handshake with etcd 127.0.0.1:2379 failed"), text);
        assertTrue(text.contains("ca="), text);
    }

    @Test
    void wrongPasswordNamesTheUser() {
        Throwable error = Status.UNAUTHENTICATED.withCause(Status.INVALID_ARGUMENT
                .withDescription("etcdserver: authentication failed, invalid user ID or password").asException()).asRuntimeException();
        assertEquals("etcd 127.0.0.1:2379 rejected user 'gw': invalid user or password", EtcdErrors.describe(error, SETTINGS));
    }

    @Test
    void permissionDeniedNamesThePrefix() {
        Throwable error = Status.PERMISSION_DENIED.withDescription("etcdserver: permission denied").asRuntimeException();
        String text = EtcdErrors.describe(error, SETTINGS);
        assertTrue(text.contains("denied user 'gw' reading keys under /tidegate/"), text);
    }

    @Test
    void configurationProblemsKeepTheirOwnWords() {
        Throwable error = new EtcdConfigException("ca=/nope.pem does not exist", null);
        assertEquals("ca=/nope.pem does not exist", EtcdErrors.describe(error, SETTINGS));
    }

    @Test
    void compactionIsRecognisedThroughWrappers() {
        assertTrue(EtcdErrors.isCompacted(new RuntimeException(EtcdExceptionFactory.newCompactedException(42))));
        assertFalse(EtcdErrors.isCompacted(Status.UNAVAILABLE.asRuntimeException()));
    }
}
