package dev.spindle.yarn;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Encodes a job's argument list into one configuration value and back, losslessly. */
public final class Args {
    private Args() {
    }

    public static String encode(List<String> args) {
        List<String> parts = new ArrayList<>(args.size());
        for (String a : args) {
            parts.add(Base64.getEncoder().encodeToString(a.getBytes(StandardCharsets.UTF_8)));
        }
        return String.join(",", parts);
    }

    public static List<String> decode(String encoded) {
        List<String> out = new ArrayList<>();
        if (encoded == null || encoded.isEmpty()) {
            return out;
        }
        for (String p : encoded.split(",", -1)) {
            out.add(new String(Base64.getDecoder().decode(p), StandardCharsets.UTF_8));
        }
        return out;
    }
}
