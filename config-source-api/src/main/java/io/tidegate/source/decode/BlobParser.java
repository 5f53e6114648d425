package io.tidegate.source.decode;

import io.tidegate.source.Diagnostic;
import io.tidegate.source.Origin;
import io.tidegate.source.Resource;
import io.tidegate.source.ResourceKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stateless: one blob of text → its documents and every problem found in it. Documents are split
 * on {@code ---} lines and parsed one by one, so a syntax error in one document does not hide the
 * errors of the others. Line numbers are 1-based lines of the blob.
 *
 * <p>Most callers want {@link BlobDecoder}, which adds the "apply content" diff on top.
 */
public final class BlobParser {

    /**
     * The outcome of parsing a blob.
     *
     * @param resources the valid documents, in blob order (meaningless when there are problems:
     *                  a blob with problems is not applied at all)
     * @param problems  every error found, in blob order; empty when the blob is good
     */
    public record ParsedBlob(List<Resource> resources, List<Diagnostic> problems) {
        public ParsedBlob {
            resources = List.copyOf(resources);
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    private BlobParser() {
    }

    public static ParsedBlob parse(Origin origin, String content) {
        List<Resource> resources = new ArrayList<>();
        List<Diagnostic> problems = new ArrayList<>();
        for (YamlChunks.Chunk chunk : YamlChunks.split(content)) {
            TreeReader.Tree tree;
            try {
                tree = TreeReader.read(chunk.text());
            } catch (TreeReader.SyntaxError e) {
                // An error "at the end of the stream" points past the text; show the last line instead.
                int inChunk = Math.min(Math.max(e.line, 1), lastContentLine(chunk.text()));
                int line = chunk.firstLine() + inChunk - 1;
                problems.add(new Diagnostic(origin.toString(), origin.at(line), Diagnostic.Severity.ERROR, "",
                        "InvalidYaml", "The document is not valid YAML: " + e.getMessage() + "."));
                continue;
            }
            if (tree.root() != null) {
                EnvelopeReader.read(origin, chunk.firstLine(), tree, resources, problems);
            }
        }
        rejectDuplicates(origin, resources, problems);
        return new ParsedBlob(resources, problems);
    }

    private static int lastContentLine(String text) {
        List<String> lines = text.lines().toList();
        for (int i = lines.size(); i > 0; i--) {
            if (!lines.get(i - 1).isBlank()) {
                return i;
            }
        }
        return 1;
    }

    /** Two documents with one key in one blob: the second is an error, since one would silently hide the other. */
    private static void rejectDuplicates(Origin origin, List<Resource> resources, List<Diagnostic> problems) {
        Map<ResourceKey, Resource> seen = new HashMap<>();
        for (Resource resource : resources) {
            Resource first = seen.putIfAbsent(resource.key(), resource);
            if (first != null) {
                problems.add(new Diagnostic(origin.toString(), resource.location(), Diagnostic.Severity.ERROR, "",
                        "DuplicateDocument", resource.key() + " is defined twice in this blob; the first one is at "
                        + first.location() + "."));
            }
        }
    }
}
