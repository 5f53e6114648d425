package io.tidegate.launcher;

import io.tidegate.source.Diagnostic;
import io.tidegate.source.ResourceSnapshot;
import io.tidegate.translator.Translator;
import io.tidegate.translator.model.MeshModel;
import io.tidegate.xds.SnapshotPublisher;
import io.tidegate.xds.XdsTranslator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The translation stage: each merged snapshot from the store becomes a MeshModel, then xDS, then a
 * published cache snapshot. Runs on the store's single publishing thread, so translations never
 * overlap. A system failure (an exception, not a user mistake) keeps the last good config in Envoy;
 * a document whose new version cannot be used keeps its last good version ({@link LastGoodDocuments}).
 */
public final class SnapshotPipeline implements Consumer<ResourceSnapshot> {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotPipeline.class);

    private final Translator translator;
    private final XdsTranslator xdsTranslator;
    private final SnapshotPublisher publisher;
    private final String proxyGroup;
    private final DiagnosticsLog diagnosticsLog = new DiagnosticsLog();
    private final LastGoodDocuments lastGood = new LastGoodDocuments();
    private final AtomicReference<PipelineStatus> status = new AtomicReference<>(PipelineStatus.initial());

    SnapshotPipeline(Translator translator, XdsTranslator xdsTranslator, SnapshotPublisher publisher, String proxyGroup) {
        this.translator = translator;
        this.xdsTranslator = xdsTranslator;
        this.publisher = publisher;
        this.proxyGroup = proxyGroup;
    }

    @Override
    public void accept(ResourceSnapshot snapshot) {
        long started = System.nanoTime();
        try {
            MeshModel model = lastGood.translate(snapshot, translator::translate);
            XdsTranslator.Translation translation = xdsTranslator.translateReporting(model);
            List<Diagnostic> diagnostics = translation.allDiagnostics(model, snapshot);
            diagnosticsLog.log(diagnostics);
            publisher.publish(proxyGroup, translation.resources());
            status.set(new PipelineStatus(snapshot.generation(), snapshot.resources().size(),
                    diagnostics, "", System.currentTimeMillis()));
            LOG.debug("generation {} translated and published in {} ms", snapshot.generation(),
                    (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException | StackOverflowError e) {
            // Not a user mistake (those are diagnostics): a bug, or recursion a pathological document drove too
            // deep (the stack is unwound by now, so the thread goes on). Envoy keeps what it has, and the next
            // snapshot is translated as usual: an escaping error would end the store's publishing thread.
            LOG.error("generation {} could not be translated; Envoy keeps the last published config", snapshot.generation(), e);
            PipelineStatus previous = status.get();
            status.set(new PipelineStatus(previous.generation(), previous.resourceCount(), previous.diagnostics(),
                    "generation " + snapshot.generation() + " failed: " + e, previous.publishedAtMillis()));
        }
    }

    PipelineStatus status() {
        return status.get();
    }

    /** What the last snapshot did: the published generation, its diagnostics, and the last failure if any. */
    public record PipelineStatus(long generation, int resourceCount, List<Diagnostic> diagnostics, String lastFailure,
                          long publishedAtMillis) {
        public PipelineStatus {
            diagnostics = List.copyOf(diagnostics);
        }

        static PipelineStatus initial() {
            return new PipelineStatus(-1, 0, List.of(), "", 0);
        }
    }
}
