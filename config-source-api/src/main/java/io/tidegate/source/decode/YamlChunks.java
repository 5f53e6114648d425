package io.tidegate.source.decode;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a blob into its YAML documents on {@code ---} (and {@code ...}) marker lines. We split
 * ourselves instead of letting the YAML parser iterate documents because the parser stops at the
 * first syntax error; parsed one by one, every broken document of a blob is reported.
 */
final class YamlChunks {

    /** One document's text and the 1-based blob line its first text line has. */
    record Chunk(int firstLine, String text) { }

    private YamlChunks() {
    }

    static List<Chunk> split(String content) {
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        List<Chunk> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int start = 1;
        int lineNo = 0;
        int from = 0;
        while (from <= text.length()) {
            int newline = text.indexOf('\n', from);
            int end = newline < 0 ? text.length() : newline;
            if (newline < 0 && from == text.length()) {
                break;
            }
            String line = text.substring(from, end);
            String bare = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            lineNo++;
            if (isMarker(bare, "---")) {
                addChunk(chunks, start, current);
                current = new StringBuilder();
                String rest = bare.substring(3).strip();
                if (!rest.isEmpty() && !rest.startsWith("#")) {
                    // "--- !tag" or "--- {json}": the rest of the marker line is the document's first line.
                    current.append(rest).append('\n');
                    start = lineNo;
                } else {
                    start = lineNo + 1;
                }
            } else if (isMarker(bare, "...")) {
                addChunk(chunks, start, current);
                current = new StringBuilder();
                start = lineNo + 1;
            } else if (bare.startsWith("%")) {
                // A directive (%YAML, %TAG) belongs before "---"; blank it so line numbers stay right.
                current.append('\n');
            } else {
                current.append(bare).append('\n');
            }
            from = end + 1;
        }
        addChunk(chunks, start, current);
        return List.copyOf(chunks);
    }

    private static boolean isMarker(String line, String marker) {
        return line.startsWith(marker)
                && (line.length() == marker.length() || Character.isWhitespace(line.charAt(marker.length())));
    }

    private static void addChunk(List<Chunk> chunks, int start, StringBuilder text) {
        if (!text.toString().isBlank()) {
            chunks.add(new Chunk(start, text.toString()));
        }
    }
}
