/**
 * Small real backends for integration tests that the echo backend cannot play: one that fails on
 * purpose ({@link io.tidegate.testing.backends.FlakyBackend}, for retries) and a gRPC server
 * ({@link io.tidegate.testing.backends.GrpcEchoServer}, for GRPCRoute), a TLS server with its own
 * certificate ({@link io.tidegate.testing.backends.TlsNameServer}, for TLS passthrough), a raw
 * TCP echo ({@link io.tidegate.testing.backends.TcpEchoServer}, for tcp routes) and one answering
 * the status its path names ({@link io.tidegate.testing.backends.StatusBackend}, for error pages),
 * each on a free loopback port.
 */
package io.tidegate.testing.backends;
