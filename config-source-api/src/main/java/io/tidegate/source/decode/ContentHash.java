package io.tidegate.source.decode;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The content hash of a document: SHA-256 (hex) of its JSON form with object keys sorted, so that
 * reordering keys or reformatting YAML is not a change, while any value change is.
 */
public final class ContentHash {

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
            .build();

    private ContentHash() {
    }

    public static String of(JsonNode document) {
        try {
            return sha256(CANONICAL.writeValueAsBytes(document));
        } catch (JsonProcessingException e) {
            // A tree we parsed ourselves always serialises; failing here is a bug, not user input.
            throw new IllegalStateException("cannot serialise a parsed document", e);
        }
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
