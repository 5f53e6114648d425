package io.tidegate.testing.backends;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A loopback socket backend: one thread accepts, one thread per connection runs {@link #serve}.
 * Subclasses say how to listen (plain or TLS) and what to answer.
 */
abstract class SocketBackend implements AutoCloseable {

    private final String threadName;
    private ServerSocket server;
    private ExecutorService executor;

    SocketBackend(String threadName) {
        this.threadName = threadName;
    }

    /** A server socket on a free loopback port. */
    abstract ServerSocket listen() throws IOException;

    /** Serves one accepted connection until the client goes away; closes the socket. */
    abstract void serve(Socket socket);

    /** Called on the accept thread for each connection, before it is served. */
    void accepted() {
    }

    /** Starts listening; the port is {@link #port()}. */
    void startListening() {
        try {
            server = listen();
        } catch (IOException e) {
            throw new UncheckedIOException(threadName + " cannot listen on loopback", e);
        }
        executor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        executor.execute(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                accepted();
                executor.execute(() -> serve(socket));
            } catch (SocketException closed) {
                return; // close() was called
            } catch (IOException e) {
                throw new UncheckedIOException(threadName + " accept failed", e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (server != null) server.close();
        if (executor != null) executor.shutdownNow();
    }
}
