package io.tidegate.testing.backends;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** A raw TCP backend that sends every byte it reads straight back, for tcp routes. */
public final class TcpEchoServer extends SocketBackend {

    public TcpEchoServer() {
        super("tcp-echo");
    }

    /** Listens on a free loopback port; read it with {@link #port()}. */
    public TcpEchoServer start() {
        startListening();
        return this;
    }

    @Override
    ServerSocket listen() throws IOException {
        return new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
    }

    @Override
    void serve(Socket socket) {
        try (socket; InputStream in = socket.getInputStream(); OutputStream out = socket.getOutputStream()) {
            byte[] buffer = new byte[8192];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException clientWentAway) {
            // A client that resets the connection ends only its own session.
        }
    }
}
