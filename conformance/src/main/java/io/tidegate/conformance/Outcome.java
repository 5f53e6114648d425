package io.tidegate.conformance;

import java.util.Optional;

/**
 * What one case came to. {@code expectedFailure} is the documented reason when the case is on the
 * expected-failures list; it never turns a failure into a pass, it only says the build knew.
 */
public record Outcome(String test, String caseName, Status status, String detail, Optional<String> expectedFailure) {

    public enum Status { PASSED, FAILED, SKIPPED }

    /** A failure nobody listed, or a listed failure that now passes: either must change the build. */
    public boolean unexpected() {
        return (status == Status.FAILED && expectedFailure.isEmpty())
                || (status == Status.PASSED && expectedFailure.isPresent());
    }

    /** The line printed per case. */
    public String line() {
        String label = switch (status) {
            case PASSED -> expectedFailure.isPresent() ? "XPASS" : "PASS ";
            case FAILED -> expectedFailure.isPresent() ? "XFAIL" : "FAIL ";
            case SKIPPED -> "SKIP ";
        };
        StringBuilder out = new StringBuilder(label).append(' ').append(test).append(" / ").append(caseName);
        if (!detail.isEmpty()) out.append(": ").append(detail);
        expectedFailure.ifPresent(reason -> out.append(" [expected failure: ").append(reason).append(']'));
        return out.toString();
    }
}
