package dev.spindle.status;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Settings as others may see them: values of keys that name a secret are replaced. */
public final class Redaction {
    /** Spark's default pattern, plus keytabs and tokens. */
    private static final Pattern SECRET = Pattern.compile("(?i)secret|password|passwd|token|credential|keytab|"
            + "access\\.key|private");
    public static final String MASK = "*********(redacted)";

    private Redaction() {
    }

    public static Map<String, String> mask(Map<String, String> settings) {
        Map<String, String> out = new TreeMap<>();
        settings.forEach((k, v) -> out.put(k, SECRET.matcher(k).find() ? MASK : v));
        return out;
    }
}
