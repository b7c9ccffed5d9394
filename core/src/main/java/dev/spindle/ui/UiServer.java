package dev.spindle.ui;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.spindle.status.StatusStore;
import dev.spindle.util.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The application's web UI and its JSON API ({@code /api/v1/...}, Spark's paths), served from a
 * {@link StatusStore} by the JDK's HTTP server on two threads: small, no servlet container to ship, and
 * the same for the live driver and for the history server. Requests not from the ResourceManager's proxy
 * are redirected to it ({@link ProxyGate}).
 *
 * <p>Thread-safe: requests run on the server's threads and only read snapshots of the store.
 */
public final class UiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(UiServer.class);

    static {
        // The JDK's server leaves Nagle's algorithm on: with the client's delayed ACK every answer then
        // waits about 40 ms. Read once, when the server's configuration class loads: set before any server.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private final HttpServer server;
    private final ExecutorService threads;
    private final String advertisedHost;

    private UiServer(HttpServer server, ExecutorService threads, String advertisedHost) {
        this.server = server;
        this.threads = threads;
        this.advertisedHost = advertisedHost;
    }

    /**
     * Serves {@code store} on {@code bindHost:port} (0: any free port); {@code advertisedHost} is the name
     * the tracking URL gives.
     */
    public static UiServer start(StatusStore store, String bindHost, int port, String advertisedHost, ProxyGate gate)
            throws IOException {
        Pages pages = new Pages(store);
        Api api = new Api(store);
        return start(bindHost, port, advertisedHost, gate, (path, query) -> route(pages, api, path, query));
    }

    /** What answers a request: a path (raw, from its root) and its query (or null). */
    @FunctionalInterface
    interface Router {
        Response handle(String path, String query);
    }

    /** One application's pages and API, from the root of its UI. */
    static Response route(Pages pages, Api api, String path, String query) {
        return path.startsWith("/api/v1/") || path.equals("/api/v1") ? api.handle(path, query)
                : pages.handle(path, query);
    }

    static UiServer start(String bindHost, int port, String advertisedHost, ProxyGate gate, Router router)
            throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(bindHost, port), 16);
        server.createContext("/", exchange -> serve(exchange, gate, router));
        ExecutorService threads = Executors.newFixedThreadPool(2, new DaemonThreads("spindle-ui"));
        server.setExecutor(threads);
        server.start();
        return new UiServer(server, threads, advertisedHost);
    }

    private static void serve(HttpExchange exchange, ProxyGate gate, Router router) throws IOException {
        try {
            String path = exchange.getRequestURI().getRawPath();
            String query = exchange.getRequestURI().getRawQuery();
            if (!gate.admits(exchange.getRemoteAddress().getAddress())) {
                exchange.getResponseHeaders().set("Location", gate.redirect(path + (query == null ? "" : "?" + query)));
                exchange.sendResponseHeaders(307, -1);
                return;
            }
            if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                send(exchange, 405, "text/plain", "only GET");
                return;
            }
            Response r = router.handle(path, query);
            send(exchange, r.status(), r.contentType(), r.body());
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("UI request {} failed", exchange.getRequestURI(), e);
            try {
                send(exchange, 500, "text/plain", "the UI failed: " + e);
            } catch (IOException | RuntimeException ignored) {
                // The answer had started: the client sees a cut response.
            }
        } finally {
            exchange.close();
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** One answer: status, content type and body. */
    record Response(int status, String contentType, String body) {
    }

    /** {@code http://host:port/}: the tracking URL the ApplicationMaster registers. */
    public String url() {
        return "http://" + advertisedHost + ":" + server.getAddress().getPort() + "/";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
