package io.tidegate.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The whole Higress Ingress conformance pack through a real Envoy. Fails on any case that fails and
 * is not on the documented expected-failures list, and on any listed case that passes now.
 */
class HigressConformanceIT {

    @Test
    void everyCaseThatIsNotSkippedPassesOrIsAnExpectedFailure() throws Exception {
        Pack pack = Pack.locate();
        Path work = Files.createTempDirectory("tidegate-conformance-");
        ConformanceRunner.Summary summary = new ConformanceRunner(pack, Duration.ofSeconds(20),
                ExpectedFailures.standard(), System.out).run(work);
        Path report = Path.of(System.getProperty("tidegate.conformance.report", "target/conformance-report.md"));
        Report.write(report, summary, pack.root());
        System.out.println("conformance report: " + report.toAbsolutePath());

        assertTrue(summary.count(Outcome.Status.PASSED) > 0, "no case passed: " + summary.line());
        List<Outcome> unexpected = summary.unexpected();
        assertEquals(List.of(), unexpected.stream().map(Outcome::line).collect(Collectors.toList()),
                summary.line() + "; cases failing without an expected-failures entry, or listed but passing");
    }
}
