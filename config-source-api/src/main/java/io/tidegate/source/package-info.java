/**
 * The source-neutral document model and the entry points of the config-source layer.
 *
 * <p>Documents ({@link io.tidegate.source.Resource}) come from blobs ({@link io.tidegate.source.Origin})
 * read by a {@link io.tidegate.source.ConfigSource}, which {@link io.tidegate.source.ConfigSources}
 * creates from a URI. Sources report {@link io.tidegate.source.ResourceEvent}s to a
 * {@link io.tidegate.source.ResourceSink} (normally the {@link io.tidegate.source.ResourceStore}),
 * which publishes {@link io.tidegate.source.ResourceSnapshot}s. {@link io.tidegate.source.Snapshots}
 * builds a snapshot from files without any of that, for offline commands.
 */
package io.tidegate.source;
