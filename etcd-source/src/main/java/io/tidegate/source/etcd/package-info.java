/**
 * The {@code etcd://} config source on jetcd. {@link io.tidegate.source.etcd.EtcdSourceProvider}
 * parses the URI into {@link io.tidegate.source.etcd.EtcdSettings};
 * {@link io.tidegate.source.etcd.EtcdSource} talks to etcd (list at a revision, watch from the next,
 * reconnect, re-list after compaction); {@code KeyspaceDecoder} turns keys and values into document
 * events, one batch per etcd revision.
 */
package io.tidegate.source.etcd;
