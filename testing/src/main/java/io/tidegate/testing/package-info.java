/**
 * Fixtures for integration tests and benchmarks: real Envoy processes on free loopback ports, plain
 * HTTP/1.1 connections with full control over Host and keep-alive. Never used by production code.
 */
package io.tidegate.testing;
