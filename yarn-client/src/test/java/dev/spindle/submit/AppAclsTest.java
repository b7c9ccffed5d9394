package dev.spindle.submit;

import org.apache.hadoop.yarn.api.records.ApplicationAccessType;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AppAclsTest {
    @Test
    void theOwnerAloneByDefault() {
        assertEquals(Map.of(ApplicationAccessType.VIEW_APP, "ann", ApplicationAccessType.MODIFY_APP, "ann"),
                AppAcls.of("ann", "", ""));
    }

    @Test
    void usersAndGroupsAreAddedToTheOwner() {
        Map<ApplicationAccessType, String> acls = AppAcls.of("ann", "bob,cy analysts", "ann,dee");
        assertEquals("ann,bob,cy analysts", acls.get(ApplicationAccessType.VIEW_APP));
        assertEquals("ann,dee", acls.get(ApplicationAccessType.MODIFY_APP));
        assertEquals("ann ops,sre", AppAcls.of("ann", " ops,sre", "").get(ApplicationAccessType.VIEW_APP));
        assertEquals("*", AppAcls.of("ann", "*", "").get(ApplicationAccessType.VIEW_APP));
    }

    @Test
    void onlyYarnAclsAreValid() {
        for (String ok : new String[]{"", "*", "bob", "bob,cy", "bob g1,g2", " g1"}) {
            assertTrue(AppAcls.valid(ok), ok);
        }
        for (String bad : new String[]{"bob g1 g2", "bob\tg1", "b*b", "bob  g1"}) {
            assertFalse(AppAcls.valid(bad), bad);
        }
    }
}
