/**
 * A real etcd for integration tests, examples and benchmarks: {@link io.tidegate.testing.etcd.EtcdProcess}
 * starts the Debian {@code etcd} binary on free loopback ports with a temporary data directory
 * (optionally with TLS from {@link io.tidegate.testing.etcd.EtcdTls} and user/password auth) and
 * drives the real {@code etcdctl}; {@link io.tidegate.testing.etcd.TcpProxy} sits between a client
 * and etcd so a test can cut the client off while etcd keeps accepting writes.
 */
package io.tidegate.testing.etcd;
