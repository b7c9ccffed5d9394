package dev.spindle.yarn;

import org.apache.hadoop.yarn.api.records.LocalResource;
import org.apache.hadoop.yarn.api.records.LocalResourceType;
import org.apache.hadoop.yarn.api.records.LocalResourceVisibility;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LocalizedTest {
    @Test
    void aListSurvivesTheConfigurationValue() {
        List<Localized> files = List.of(
                new Localized("spindle-core.jar", "hdfs://nn:8020/user/u/.spindle/framework/ab12/spindle-core.jar", false,
                        LocalResourceVisibility.PUBLIC, 123, 456, true, true, true),
                new Localized("dict", "hdfs://nn:8020/data/dict,1.tar.gz", true, LocalResourceVisibility.PRIVATE, 7, 8,
                        true, true, false),
                new Localized("codes", "file:/tmp/a%20b", false, LocalResourceVisibility.APPLICATION, 0, 1, false,
                        true, false));
        assertEquals(files, Localized.decode(Localized.encode(files)));
        assertEquals(List.of(), Localized.decode(""));
    }

    @Test
    void itBecomesYarnsLocalResource() {
        LocalResource r = new Localized("dict", "hdfs://nn:8020/data/dict.zip", true, LocalResourceVisibility.PRIVATE,
                7, 8, true, true, false).toLocalResource();
        assertEquals(LocalResourceType.ARCHIVE, r.getType());
        assertEquals(LocalResourceVisibility.PRIVATE, r.getVisibility());
        assertEquals(7, r.getSize());
        assertEquals(8, r.getTimestamp());
        assertEquals("/data/dict.zip", r.getResource().getFile());
    }

    @Test
    void badValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Localized("a/b", "hdfs://nn/x", false,
                LocalResourceVisibility.PUBLIC, 1, 1, true, true, false));
        assertThrows(IllegalArgumentException.class, () -> new Localized("x", "relative/x", false,
                LocalResourceVisibility.PUBLIC, 1, 1, true, true, false));
        assertThrows(IllegalArgumentException.class, () -> Localized.decode(Args.encode(List.of("only", "two"))));
    }
}
