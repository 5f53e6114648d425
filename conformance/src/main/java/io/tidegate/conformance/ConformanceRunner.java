package io.tidegate.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the pack: for each test (in Higress's order) start the echo backends it needs, publish its
 * manifests (verbatim but for McpBridge registry addresses, see {@link LocalRegistries}) plus the
 * generated Service/Endpoints and Secrets through the file source, wait
 * until the control plane has them, drive every case, then delete the manifests again. One gateway
 * (control plane + Envoy) serves the whole run. Prints one line per case and the summary line.
 */
public final class ConformanceRunner {

    /** The feature of tests that need a Eureka server with application EUREKA-REGISTRY-PROVIDER ({@link LocalEureka}). */
    static final String EUREKA = "infra:eureka";

    /** Infrastructure no local process can stand in for: the tests needing it are skipped, with this reason. */
    static final Map<String, String> IMPOSSIBLE_INFRASTRUCTURE = Map.of(
            "infra:consul", "needs a Consul server and a service registered in it",
            "infra:nacos", "needs a Nacos registry with a Dubbo provider registered in it",
            "infra:dubbo-provider", "needs a Dubbo provider and Higress's HTTP-to-Dubbo (Http2Rpc) filter");

    /** Comma-separated test names: run only those (for working on one feature); unset runs the whole pack. */
    public static final String ONLY_PROPERTY = "tidegate.conformance.tests";

    private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(30);

    private final Pack pack;
    private final Duration maxTimePerCase;
    private final ExpectedFailures expectedFailures;
    private final PrintStream out;
    /** Started by the first test that needs it, closed at the end of {@link #run}. */
    private LocalEureka eureka;

    public ConformanceRunner(Pack pack, Duration maxTimePerCase, ExpectedFailures expectedFailures, PrintStream out) {
        this.pack = pack;
        this.maxTimePerCase = maxTimePerCase;
        this.expectedFailures = expectedFailures;
        this.out = out;
    }

    /** Every test of the pack, through one gateway started in {@code workDir}. */
    public Summary run(Path workDir) throws Exception {
        List<Outcome> outcomes = new ArrayList<>();
        try (Backends backends = new Backends(pack.echoBackends());
             GatewayUnderTest gateway = GatewayUnderTest.start(workDir)) {
            gateway.write(GatewayUnderTest.BACKENDS_FILE, backends.documents());
            TlsMaterial tls = new TlsMaterial(workDir.resolve("tls"));
            HttpCases http = new HttpCases(gateway, maxTimePerCase, tls);
            SpecialCases special = new SpecialCases(gateway, backends, http, maxTimePerCase);
            List<String> only = List.of(System.getProperty(ONLY_PROPERTY, "").split(",")).stream()
                    .map(String::trim).filter(name -> !name.isEmpty()).toList();
            for (Pack.TestSpec test : pack.tests()) {
                if (!only.isEmpty() && !only.contains(test.name())) continue;
                outcomes.addAll(runTest(test, gateway, backends, tls, http, special, workDir));
            }
            if (gateway.nackCount() != 0) {
                outcomes.add(record(new Outcome("Envoy", "no NACK during the run", Outcome.Status.FAILED,
                        gateway.nackCount() + " NACKs", Optional.empty())));
            }
        } finally {
            if (eureka != null) eureka.close();
            eureka = null;
        }
        Summary summary = new Summary(outcomes);
        out.println(summary.line());
        return summary;
    }

    private List<Outcome> runTest(Pack.TestSpec test, GatewayUnderTest gateway, Backends backends, TlsMaterial tls,
                                  HttpCases http, SpecialCases special, Path workDir) throws Exception {
        List<Outcome> outcomes = new ArrayList<>();
        Optional<String> skip = test.features().stream().filter(IMPOSSIBLE_INFRASTRUCTURE::containsKey)
                .map(feature -> feature + ": " + IMPOSSIBLE_INFRASTRUCTURE.get(feature)).findFirst();
        if (skip.isPresent()) {
            for (Pack.CaseSpec spec : test.cases()) {
                outcomes.add(record(new Outcome(test.name(), spec.name(), Outcome.Status.SKIPPED, skip.get(),
                        Optional.empty())));
            }
            return outcomes;
        }
        if (backends.ensureFor(test.name())) {
            gateway.write(GatewayUnderTest.BACKENDS_FILE, backends.documents());
        }
        int documents = backends.documentCount();
        Optional<LocalEureka> registry = Optional.empty();
        if (test.features().contains(EUREKA)) {
            if (eureka == null) eureka = LocalEureka.start(workDir.resolve("eureka"));
            registry = Optional.of(eureka);
            documents += LocalEureka.GENERATED_DOCUMENTS;
        }
        for (int i = 0; i < test.manifests().size(); i++) {
            String text = LocalRegistries.rewrite(pack.manifest(test.manifests().get(i)), backends, registry);
            documents += documentCount(text);
            gateway.write(String.format("%02d-%s", i, test.manifests().get(i)), text);
        }
        if (!test.setup().path("secrets").isEmpty()) {
            gateway.write("zz-generated-secrets.yaml", tls.secrets(test.setup()));
            documents += tls.secretCount(test.setup());
        }
        gateway.awaitDocuments(documents, PUBLISH_TIMEOUT);
        for (Pack.CaseSpec spec : test.cases()) {
            Optional<String> mismatch = switch (spec.kind()) {
                case "http" -> http.run(spec);
                case "load" -> special.load(spec);
                case "backend-log" -> special.backendLog(spec);
                case "envoy-config" -> special.envoyConfig(spec);
                default -> Optional.of("unknown case kind " + spec.kind());
            };
            outcomes.add(record(new Outcome(test.name(), spec.name(),
                    mismatch.isEmpty() ? Outcome.Status.PASSED : Outcome.Status.FAILED, mismatch.orElse(""),
                    expectedFailures.reason(test.name(), spec.name()))));
        }
        gateway.clearManifests();
        gateway.awaitDocuments(backends.documentCount(), PUBLISH_TIMEOUT);
        return outcomes;
    }

    private Outcome record(Outcome outcome) {
        out.println(outcome.line());
        return outcome;
    }

    /** Documents in a multi-document YAML text that have a kind: what the store will hold. */
    static int documentCount(String yaml) throws IOException {
        int count = 0;
        try (var documents = Pack.YAML.readerFor(JsonNode.class).<JsonNode>readValues(yaml)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && document.hasNonNull("kind")) count++;
            }
        }
        return count;
    }

    /** All outcomes of a run, and the counts the summary line reports. */
    public record Summary(List<Outcome> outcomes) {

        public Summary {
            outcomes = List.copyOf(outcomes);
        }

        public long count(Outcome.Status status) {
            return outcomes.stream().filter(outcome -> outcome.status() == status).count();
        }

        public List<Outcome> unexpected() {
            return outcomes.stream().filter(Outcome::unexpected).toList();
        }

        /** {@code N passed, N failed, N skipped}. */
        public String line() {
            return count(Outcome.Status.PASSED) + " passed, " + count(Outcome.Status.FAILED) + " failed, "
                    + count(Outcome.Status.SKIPPED) + " skipped";
        }
    }
}
