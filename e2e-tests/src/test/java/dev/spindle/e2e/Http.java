package dev.spindle.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;

/** A plain HTTP GET, following redirects, for tests of web pages and APIs; fails on any status but 200. */
final class Http {
    private Http() {
    }

    static String get(String url) throws IOException {
        HttpURLConnection c = (HttpURLConnection) new URL(url).openConnection();
        c.setConnectTimeout(10_000);
        c.setReadTimeout(30_000);
        try {
            int status = c.getResponseCode();
            if (status != 200) {
                InputStream err = c.getErrorStream();
                throw new IOException("GET " + url + " answered " + status + ": "
                        + (err == null ? "" : new String(err.readAllBytes(), StandardCharsets.UTF_8)));
            }
            try (InputStream in = c.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } finally {
            c.disconnect();
        }
    }
}
