/**
 * Small real backends for integration tests that the echo backend cannot play: one that fails on
 * purpose ({@link io.tidegate.testing.backends.FlakyBackend}, for retries) and a gRPC server
 * ({@link io.tidegate.testing.backends.GrpcEchoServer}, for GRPCRoute), each on a free loopback port.
 */
package io.tidegate.testing.backends;
