package io.tidegate.source.nacos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HigressIndexTest {

    @Test
    void linesAreGroupSlashDataId() {
        HigressIndex.Parsed parsed = HigressIndex.parse("default/ingresses.foo\r\n  team-a/ingresses.bar \n\n");
        assertEquals(Set.of(new DataId("default", "ingresses.foo"), new DataId("team-a", "ingresses.bar")), parsed.entries());
        assertEquals(List.of(), parsed.invalidLines());
    }

    @Test
    void emptyMarkerBlankAndMissingIndexesListNothing() {
        assertEquals(Set.of(), HigressIndex.parse("EMPTY").entries());
        assertEquals(Set.of(), HigressIndex.parse("").entries());
        assertEquals(Set.of(), HigressIndex.parse(null).entries());
    }

    @Test
    void malformedLinesAreReportedNotGuessed() {
        HigressIndex.Parsed parsed = HigressIndex.parse("ingresses.foo\n/x\nns/\na/b/c\nok/ingresses.ok");
        assertEquals(Set.of(new DataId("ok", "ingresses.ok")), parsed.entries());
        assertEquals(List.of("ingresses.foo", "/x", "ns/", "a/b/c"), parsed.invalidLines());
    }
}
