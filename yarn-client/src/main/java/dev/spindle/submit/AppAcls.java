package dev.spindle.submit;

import org.apache.hadoop.yarn.api.records.ApplicationAccessType;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The application's YARN ACLs: who besides its owner (and the cluster's admins) may view it (its report,
 * logs, tracking UI) and modify it (kill it, move it). A YARN ACL is {@code "users groups"}, each a
 * comma-separated list, or {@code *} for everyone; the owner is always among the users.
 */
final class AppAcls {
    private AppAcls() {
    }

    static Map<ApplicationAccessType, String> of(String owner, String viewAcl, String modifyAcl) {
        Map<ApplicationAccessType, String> acls = new EnumMap<>(ApplicationAccessType.class);
        acls.put(ApplicationAccessType.VIEW_APP, withOwner(owner, viewAcl));
        acls.put(ApplicationAccessType.MODIFY_APP, withOwner(owner, modifyAcl));
        return acls;
    }

    /** Whether {@code acl} is a YARN ACL: users, optionally a space and groups; or * ; or empty. */
    static boolean valid(String acl) {
        String t = acl.stripTrailing();
        return t.strip().equals("*") || t.matches("[^\\s*]*( [^\\s*]+)?");
    }

    private static String withOwner(String owner, String acl) {
        // A leading space means no users, only groups: keep it.
        String trimmed = acl.stripTrailing();
        if (trimmed.strip().equals("*")) {
            return "*";
        }
        int space = trimmed.indexOf(' ');
        String users = space < 0 ? trimmed : trimmed.substring(0, space);
        String groups = space < 0 ? "" : trimmed.substring(space + 1).trim();
        List<String> all = new ArrayList<>(List.of(owner));
        for (String u : users.split(",")) {
            if (!u.isBlank() && !all.contains(u.trim())) {
                all.add(u.trim());
            }
        }
        return groups.isEmpty() ? String.join(",", all) : String.join(",", all) + " " + groups;
    }
}
