/**
 * The {@code tidegate} command and the running control plane: picocli commands ({@code run},
 * {@code translate}, {@code bootstrap}), {@link io.tidegate.launcher.ControlPlane} wiring sources →
 * store → {@link io.tidegate.launcher.SnapshotPipeline} (translate, keep last good documents,
 * publish) → xDS server, the Envoy supervisor and the status endpoint. Nothing here translates or
 * watches by itself; it connects the modules that do.
 */
package io.tidegate.launcher;
