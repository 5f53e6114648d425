/**
 * Decoding blobs of text (a file, a Nacos dataId, an etcd value) into documents.
 *
 * <p>{@link io.tidegate.source.decode.BlobParser} is the stateless part: text → documents and
 * every problem, with lines. {@link io.tidegate.source.decode.BlobDecoder} keeps the last good
 * documents of each blob and turns new content into {@link io.tidegate.source.ResourceEvent}s
 * (Istio's "apply content" rule). Sources own one decoder each; nothing here does I/O.
 */
package io.tidegate.source.decode;
