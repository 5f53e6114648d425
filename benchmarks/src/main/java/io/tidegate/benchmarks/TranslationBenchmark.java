package io.tidegate.benchmarks;

import io.tidegate.testing.Documents;
import io.tidegate.source.ResourceSnapshot;
import io.tidegate.source.Snapshots;
import io.tidegate.translator.Translator;
import io.tidegate.translator.TranslatorOptions;
import io.tidegate.translator.model.MeshModel;
import io.tidegate.xds.XdsOptions;
import io.tidegate.xds.XdsResources;
import io.tidegate.xds.XdsTranslator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the time of one propagation goes inside the control plane: decoding, translation to the
 * model, and model to xDS, each timed separately over many rounds at K routes. No processes, no
 * network: this isolates the CPU cost that grows with K.
 *
 * <p>Usage: {@code TranslationBenchmark [--routes 1,1000,10000] [--rounds 30] [--out FILE]}.
 */
public final class TranslationBenchmark {

    /** The same routes in each API Tidegate reads. */
    enum RouteWorld {
        INGRESS("Ingress") {
            @Override
            void write(Path dir, int routes) throws IOException {
                Documents.writeRoutes(dir, routes);
            }
        },
        ISTIO("Istio VirtualService") {
            @Override
            void write(Path dir, int routes) throws IOException {
                StringBuilder yaml = new StringBuilder(Documents.istioGateway("bench", "default"));
                forEachDocument(routes, (index, paths) -> {
                    yaml.append("---\napiVersion: networking.istio.io/v1\nkind: VirtualService\n")
                            .append("metadata: {name: bench-").append(index).append(", namespace: default}\n")
                            .append("spec:\n  hosts: [").append(Documents.hostOfRoute(index * Documents.PATHS_PER_INGRESS))
                            .append("]\n  gateways: [bench]\n  http:\n");
                    paths.forEach(path -> yaml.append("  - match: [{uri: {exact: ").append(path).append("}}]\n")
                            .append("    route: [{destination: {host: echo.default.svc.cluster.local, port: {number: 80}}}]\n"));
                });
                Files.writeString(dir.resolve("routes.yaml"), yaml);
            }
        },
        GATEWAY_API("Gateway API HTTPRoute") {
            @Override
            void write(Path dir, int routes) throws IOException {
                StringBuilder yaml = new StringBuilder("""
                        apiVersion: gateway.networking.k8s.io/v1
                        kind: Gateway
                        metadata: {name: bench, namespace: default}
                        spec:
                          gatewayClassName: tidegate
                          listeners: [{name: http, port: 80, protocol: HTTP}]
                        """);
                forEachDocument(routes, (index, paths) -> {
                    yaml.append("---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\n")
                            .append("metadata: {name: bench-").append(index).append(", namespace: default}\n")
                            .append("spec:\n  parentRefs: [{name: bench}]\n  hostnames: [")
                            .append(Documents.hostOfRoute(index * Documents.PATHS_PER_INGRESS)).append("]\n  rules:\n");
                    paths.forEach(path -> yaml.append("  - matches: [{path: {type: Exact, value: ").append(path)
                            .append("}}]\n    backendRefs: [{name: echo, port: 80}]\n"));
                });
                Files.writeString(dir.resolve("routes.yaml"), yaml);
            }
        };

        final String label;

        RouteWorld(String label) {
            this.label = label;
        }

        abstract void write(Path dir, int routes) throws IOException;

        /** Route paths grouped as {@link Documents} groups them for Ingress: one document per 100 paths. */
        static void forEachDocument(int routes, java.util.function.BiConsumer<Integer, List<String>> document) {
            for (int index = 0; index * Documents.PATHS_PER_INGRESS < routes; index++) {
                List<String> paths = new ArrayList<>();
                for (int r = index * Documents.PATHS_PER_INGRESS; r < Math.min(routes, (index + 1) * Documents.PATHS_PER_INGRESS); r++) {
                    paths.add(Documents.pathOfRoute(r));
                }
                document.accept(index, paths);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        BenchArgs options = BenchArgs.parse(args,
                new BenchArgs(List.of(1, 1000, 10000), 30, Path.of("benchmarks/results/translation.md")), "--rounds");
        int rounds = options.samples();
        StringBuilder report = new StringBuilder("""
                # Translation benchmark

                Measured %s on %d cores, Java %s. CPU time per stage for one full translation at K routes
                (%d rounds after 5 warm-up rounds, median / p99 in ms), the same K Exact-path routes written
                as Ingresses, as Istio VirtualServices on one Gateway, or as Gateway API HTTPRoutes on one
                Gateway (%d paths per document, one host each). `decode` = Snapshots.fromFiles over the route files, `model` =
                Translator.translate, `xds` = XdsTranslator.translate (protos + per-type hashes).
                Generated by `scripts/bench-propagation.sh` (TranslationBenchmark); nothing asserts these.

                | documents | routes | decode median | decode p99 | model median | model p99 | xds median | xds p99 |
                |---|---:|---:|---:|---:|---:|---:|---:|
                """.formatted(Instant.now().toString().substring(0, 16).replace('T', ' ') + " UTC",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), rounds,
                Documents.PATHS_PER_INGRESS));
        for (RouteWorld world : RouteWorld.values()) {
          for (int routes : options.routes()) {
            Path dir = Files.createTempDirectory("tidegate-translation-bench-");
            Files.writeString(dir.resolve("backend.yaml"), Documents.backend(8080));
            world.write(dir, routes);
            Translator translator = new Translator(TranslatorOptions.defaults());
            XdsTranslator xds = new XdsTranslator(XdsOptions.defaults().withProxyLabels(TranslatorOptions.defaults().gatewaySelector()));
            List<Double> decode = new ArrayList<>();
            List<Double> model = new ArrayList<>();
            List<Double> envoy = new ArrayList<>();
            for (int round = 0; round < rounds + 5; round++) {
                long t0 = System.nanoTime();
                ResourceSnapshot snapshot = Snapshots.fromFiles(List.of(dir));
                long t1 = System.nanoTime();
                MeshModel mesh = translator.translate(snapshot);
                long t2 = System.nanoTime();
                XdsResources resources = xds.translate(mesh);
                long t3 = System.nanoTime();
                if (resources.routes().isEmpty()) {
                    throw new IllegalStateException("no routes translated: " + mesh.diagnostics());
                }
                if (round >= 5) {
                    decode.add((t1 - t0) / 1e6);
                    model.add((t2 - t1) / 1e6);
                    envoy.add((t3 - t2) / 1e6);
                }
            }
            Stats d = Stats.of(decode);
            Stats m = Stats.of(model);
            Stats x = Stats.of(envoy);
            String row = "| %s | %d | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f |".formatted(world.label, routes, d.median(),
                    d.p99(), m.median(), m.p99(), x.median(), x.p99());
            System.out.println(row);
            report.append(row).append('\n');
          }
        }
        options.write(report.toString());
    }
}
