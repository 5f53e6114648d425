package io.tidegate.xds;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Message;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** The version of one xDS type: the first 16 hex digits of SHA-256 over its resources. */
final class ContentHash {

    private ContentHash() {
    }

    /** {@code resources} must already be sorted by name; the caller guarantees that. */
    static String of(List<? extends Message> resources) {
        MessageDigest digest = sha256();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        for (Message resource : resources) {
            buffer.reset();
            try {
                CodedOutputStream out = CodedOutputStream.newInstance(buffer);
                // Map fields (typed_per_filter_config, metadata) otherwise serialize in insertion order.
                out.useDeterministicSerialization();
                resource.writeTo(out);
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot serialize " + resource.getDescriptorForType().getFullName(), e);
            }
            // Type name and length prefix: two resources can never hash like one concatenated one.
            digest.update(resource.getDescriptorForType().getFullName().getBytes(StandardCharsets.UTF_8));
            digest.update(longBytes(buffer.size()));
            digest.update(buffer.toByteArray());
        }
        return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    }

    private static byte[] longBytes(long value) {
        byte[] bytes = new byte[8];
        for (int i = 7; i >= 0; i--) {
            bytes[i] = (byte) value;
            value >>>= 8;
        }
        return bytes;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
