package io.tidegate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** {@code run --eureka-poll-interval}: Go-style durations; anything else stops {@code run} before it starts. */
class RunEurekaPollOptionTest {

    @ParameterizedTest
    @CsvSource({"5s, PT5S", "500ms, PT0.5S", "1m, PT1M", "1m30s, PT1M30S"})
    void durationsAreReadAsGoWritesThem(String text, Duration expected) {
        assertEquals(expected, new RunCommand.DurationConverter().convert(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"5", "0s", "-1s", "five seconds", ""})
    void anythingElseIsAUsageErrorNamingTheOption(String text) {
        CommandRun run = CommandRun.tidegate("run", "--source", "file:/nonexistent", "--xds-port", "0",
                "--status-port", "-1", "--eureka-poll-interval", text);
        assertEquals(CommandLine.ExitCode.USAGE, run.exitCode(), run.err());
        assertTrue(run.err().contains("--eureka-poll-interval"), run.err());
        assertTrue(run.err().contains("is not a positive duration"), run.err());
    }
}
