package io.tidegate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidegate.source.ResourceSnapshot;
import io.tidegate.source.Snapshots;
import io.tidegate.testing.Documents;
import io.tidegate.translator.Translator;
import io.tidegate.translator.TranslatorOptions;
import io.tidegate.translator.annotation.AnnotationHandler;
import io.tidegate.translator.annotation.AnnotationHandlers;
import io.tidegate.translator.annotation.IngressAnnotations;
import io.tidegate.translator.annotation.ParseContext;
import io.tidegate.translator.annotation.ParseResult;
import io.tidegate.xds.SnapshotPublisher;
import io.tidegate.xds.XdsOptions;
import io.tidegate.xds.XdsTranslator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The real translator, xDS stage and publisher; one annotation handler recurses without end on one value. */
class SnapshotPipelineTest {

    @Test
    void aStackOverflowInOneGenerationKeepsThePublishedConfigAndTheNextGenerationIsServed() {
        SnapshotPublisher publisher = new SnapshotPublisher();
        SnapshotPipeline pipeline = new SnapshotPipeline(new Translator(TranslatorOptions.defaults(), handlers()),
                new XdsTranslator(new XdsOptions("127.0.0.1", Map.of(), TranslatorOptions.defaults().gatewaySelector(),
                        XdsOptions.defaults().connectTimeout())), publisher, "group");

        pipeline.accept(snapshot(1, Documents.ingress("shop", "shop.example.com", "/", "Prefix")));
        var first = publisher.publishedVersions("group").orElseThrow();
        assertEquals(1, pipeline.status().generation());

        pipeline.accept(snapshot(2, Documents.ingress("shop", "shop.example.com", "/", "Prefix")
                .replace("namespace: default}", "namespace: default, annotations: {higress.io/recurse: \"yes\"}}")));
        assertEquals(first, publisher.publishedVersions("group").orElseThrow(), "the published config stays");
        assertEquals(1, pipeline.status().generation());
        assertTrue(pipeline.status().lastFailure().contains("StackOverflowError"), pipeline.status().lastFailure());

        pipeline.accept(snapshot(3, Documents.ingress("shop", "shop.example.com", "/v3", "Prefix")));
        assertEquals(3, pipeline.status().generation(), "the pipeline still translates");
        assertTrue(!first.equals(publisher.publishedVersions("group").orElseThrow()), "the new routes are published: "
                + first + " then " + publisher.publishedVersions("group") + " " + pipeline.status());
    }

    private static ResourceSnapshot snapshot(long generation, String ingress) {
        ResourceSnapshot parsed = Snapshots.fromStrings(List.of(Map.entry("shop.yaml",
                Documents.backend(8080) + "---\n" + ingress)));
        return new ResourceSnapshot(generation, parsed.resources(), parsed.diagnostics());
    }

    /** One handler, which recurses without end when {@code recurse} is set (the documents use no other annotation). */
    private static AnnotationHandlers handlers() {
        return new AnnotationHandlers(List.of(new AnnotationHandler() {
            @Override
            public Set<String> names() {
                return Set.of("recurse");
            }

            @Override
            public ParseResult parse(IngressAnnotations annotations, ParseContext context) {
                if (annotations.find("recurse").isPresent()) return recurse(0);
                return ParseResult.none(List.of());
            }

            private ParseResult recurse(int depth) {
                return depth < 0 ? ParseResult.none(List.of()) : recurse(depth + 1);
            }
        }));
    }
}
