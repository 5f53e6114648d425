package io.tidegate.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tidegate.translator.model.Locality;
import java.io.PrintWriter;
import java.io.StringWriter;
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
        StringWriter err = new StringWriter();
        CommandLine commandLine = TidegateCommand.commandLine();
        commandLine.setErr(new PrintWriter(err));
        int code = commandLine.execute("run", "--source", "file:/nonexistent", "--xds-port", "0", "--status-port", "-1",
                "--locality", locality);
        assertEquals(CommandLine.ExitCode.USAGE, code, err.toString());
        assertTrue(err.toString().contains("--locality"), err.toString());
    }

    @Test
    void bootstrapWritesTheLocalityIntoTheNode() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = TidegateCommand.commandLine();
        commandLine.setOut(new PrintWriter(out));
        assertEquals(0, commandLine.execute("bootstrap", "--locality", "region1/zone2"));
        String bootstrap = out.toString();
        assertTrue(bootstrap.matches("(?s).*locality:\\s+region: region1\\s+zone: zone2.*"), bootstrap);
    }
}
