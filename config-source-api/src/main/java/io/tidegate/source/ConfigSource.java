package io.tidegate.source;

/**
 * A watched store of documents: files, Nacos, etcd. {@link #start} begins watching and returns; the
 * source then reports its first full listing followed by {@link ResourceEvent.Synced}, and every
 * later change, to the sink. Construction does no I/O.
 */
public interface ConfigSource extends AutoCloseable {

    /** A stable id, the URI without credentials, e.g. {@code file:/etc/tidegate}. */
    String id();

    /** Starts watching; failures that may heal (server down) are retried inside, not thrown. */
    void start(ResourceSink sink) throws Exception;

    SourceHealth health();

    @Override
    void close();
}
