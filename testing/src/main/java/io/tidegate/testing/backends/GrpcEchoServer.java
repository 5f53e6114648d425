package io.tidegate.testing.backends;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.ServerCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real gRPC server (grpc-java over HTTP/2 cleartext) with one unary method,
 * {@value #SERVICE}/{@value #METHOD}, whose messages are plain UTF-8 strings: no generated code,
 * just a string marshaller. The answer names the server and echoes the request, so a test sees
 * which backend a gateway chose.
 */
public final class GrpcEchoServer implements AutoCloseable {

    public static final String SERVICE = "tidegate.test.Echo";
    public static final String METHOD = "Say";

    /** Marshals {@code String} messages as UTF-8 bytes. */
    public static final MethodDescriptor.Marshaller<String> UTF8 = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(String value) {
            return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(InputStream stream) {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read a gRPC message", e);
            }
        }
    };

    public static final MethodDescriptor<String, String> SAY = MethodDescriptor.<String, String>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, METHOD))
            .setRequestMarshaller(UTF8)
            .setResponseMarshaller(UTF8)
            .build();

    private final String name;
    private final AtomicLong calls = new AtomicLong();
    private Server server;

    public GrpcEchoServer(String name) {
        this.name = name;
    }

    /** Listens on a free loopback port; read it with {@link #port()}. */
    public GrpcEchoServer start() {
        ServerServiceDefinition echo = ServerServiceDefinition.builder(SERVICE)
                .addMethod(SAY, ServerCalls.asyncUnaryCall((request, response) -> {
                    calls.incrementAndGet();
                    response.onNext(name + ": " + request);
                    response.onCompleted();
                }))
                .build();
        try {
            server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                    .addService(echo)
                    .build()
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("gRPC echo server cannot listen on 127.0.0.1", e);
        }
        return this;
    }

    public int port() {
        return server.getPort();
    }

    public long callCount() {
        return calls.get();
    }

    /**
     * One unary call through {@code host:port} (a gateway) with {@code authority} as the
     * {@code :authority}, plaintext HTTP/2, the given extra headers; returns the answer.
     */
    public static String say(String host, int port, String authority, String message, Map<String, String> headers,
                             long timeoutMillis) {
        ManagedChannel channel = NettyChannelBuilder.forAddress(host, port).overrideAuthority(authority)
                .usePlaintext().build();
        try {
            Metadata metadata = new Metadata();
            headers.forEach((key, value) -> metadata.put(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER),
                    value));
            io.grpc.Channel intercepted = io.grpc.ClientInterceptors.intercept(channel,
                    MetadataUtils.newAttachHeadersInterceptor(metadata));
            return ClientCalls.blockingUnaryCall(intercepted, SAY,
                    CallOptions.DEFAULT.withDeadlineAfter(timeoutMillis, TimeUnit.MILLISECONDS), message);
        } finally {
            channel.shutdownNow();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (server != null) {
            server.shutdownNow();
            server.awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
