package io.tidegate.source;

import java.util.List;

/** Receives a source's events. One call is one atomic batch (an etcd revision, a rescanned file). Thread-safe. */
@FunctionalInterface
public interface ResourceSink {
    void accept(List<ResourceEvent> batch);
}
