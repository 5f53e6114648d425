package io.tidegate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidegate.translator.model.Locality;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** {@code tidegate run --locality}: Istio's {@code region/zone/subzone}, and a usage error naming the option otherwise. */
class RunLocalityOptionTest {

    @Test
    void aLocalityReadsAsIstioWritesIt() {
        assertEquals(new Locality("region1", "zone1", "sz1"), new RunCommand.LocalityConverter().convert("region1/zone1/sz1"));
        assertEquals(new Locality("region1", "", ""), new RunCommand.LocalityConverter().convert("region1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"region1//sz1", "a/b/c/d", "region1/*", ""})
    void aBadLocalityIsAUsageErrorBeforeAnythingStarts(String locality) {
        assertThrows(CommandLine.TypeConversionException.class, () -> new RunCommand.LocalityConverter().convert(locality));
        CommandRun run = CommandRun.tidegate("run", "--source", "file:/nonexistent", "--xds-port", "0",
                "--status-port", "-1", "--locality", locality);
        assertEquals(CommandLine.ExitCode.USAGE, run.exitCode(), run.err());
        assertTrue(run.err().contains("--locality"), run.err());
    }

    @Test
    void bootstrapWritesTheLocalityIntoTheNode() {
        CommandRun run = CommandRun.tidegate("bootstrap", "--locality", "region1/zone2");
        assertEquals(0, run.exitCode(), run.err());
        String bootstrap = run.out();
        assertTrue(bootstrap.matches("(?s).*locality:\\s+region: region1\\s+zone: zone2.*"), bootstrap);
    }
}
