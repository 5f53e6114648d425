package io.tidegate.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The per-case report file: a Markdown table per test, the summary line, and the expected failures with reasons. */
public final class Report {

    private Report() {
    }

    public static void write(Path file, ConformanceRunner.Summary summary, Path pack) throws IOException {
        StringBuilder out = new StringBuilder("# Higress Ingress conformance\n\n");
        out.append("Pack: `").append(pack).append("`\n\n");
        out.append("**").append(summary.line()).append("**");
        long expected = summary.outcomes().stream()
                .filter(o -> o.status() == Outcome.Status.FAILED && o.expectedFailure().isPresent()).count();
        out.append(" (").append(expected).append(" of the failures are listed in expected-failures.yaml)\n\n");
        Map<String, List<Outcome>> byTest = new LinkedHashMap<>();
        summary.outcomes().forEach(o -> byTest.computeIfAbsent(o.test(), k -> new java.util.ArrayList<>()).add(o));
        byTest.forEach((test, outcomes) -> {
            out.append("## ").append(test).append("\n\n| result | case | detail |\n|---|---|---|\n");
            for (Outcome outcome : outcomes) {
                String label = outcome.line().substring(0, 5).trim();
                String detail = outcome.detail() + outcome.expectedFailure().map(r -> " — expected: " + r).orElse("");
                out.append("| ").append(label).append(" | ").append(cell(outcome.caseName())).append(" | ")
                        .append(cell(detail)).append(" |\n");
            }
            out.append('\n');
        });
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, out.toString());
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replaceAll("\\R", " ");
    }
}
