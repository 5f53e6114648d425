/**
 * Fixtures for integration tests and benchmarks: real Envoy processes on free loopback ports, plain
 * or TLS HTTP/1.1 connections with full control over Host, SNI and keep-alive, and a throw-away
 * certificate authority ({@link io.tidegate.testing.TestPki}, the JDK's keytool). Never used by
 * production code.
 */
package io.tidegate.testing;
