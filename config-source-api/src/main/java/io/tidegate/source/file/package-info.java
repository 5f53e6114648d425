/**
 * The {@code file:} source: a watched directory tree (or single file) of YAML documents.
 *
 * <p>{@link io.tidegate.source.file.FileSourceProvider} is registered with
 * {@link java.util.ServiceLoader}; {@link io.tidegate.source.file.FileSource} watches;
 * {@link io.tidegate.source.file.FileTree} decides which files hold documents.
 */
package io.tidegate.source.file;
