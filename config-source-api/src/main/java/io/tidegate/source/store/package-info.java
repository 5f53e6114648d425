/**
 * The merge rules of the store, without threads or timing.
 *
 * <p>{@link io.tidegate.source.store.MergedResources} holds them; {@link io.tidegate.source.ResourceStore}
 * adds the startup sync gate, coalescing and the publishing thread, and
 * {@link io.tidegate.source.Snapshots} uses them offline.
 */
package io.tidegate.source.store;
