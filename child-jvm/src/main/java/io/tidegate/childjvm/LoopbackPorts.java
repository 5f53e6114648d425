package io.tidegate.childjvm;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Ports on 127.0.0.1 for a server about to start in a child JVM. */
public final class LoopbackPorts {

    private LoopbackPorts() {
    }

    /** A port the OS reports free on 127.0.0.1 now (another process may still take it before the child binds it). */
    public static int free() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }

    /** Whether {@code port} can be bound on 127.0.0.1 now. */
    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return true;
        } catch (IOException taken) {
            // Failing to bind is the answer asked for, not an error.
            return false;
        }
    }
}
