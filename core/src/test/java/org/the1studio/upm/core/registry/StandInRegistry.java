package org.the1studio.upm.core.registry;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A scripted local HTTP server for the registry answers Verdaccio cannot be made to give (5xx, 429 with Retry-After,
 * dropped connections, redirects, a 409 after a lost answer). Replies are consumed in order, one per request; every
 * request is recorded (method, raw path and query, headers, body) so tests assert exactly what the client sent.
 */
final class StandInRegistry implements AutoCloseable {

    /** One request as received. Bodies larger than {@link #KEEP_BODY} are counted, not kept. */
    record Recorded(String method, String path, Map<String, List<String>> headers, byte[] body, long bodyLength) {
        String header(String name) {
            List<String> v = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** What to do with one request. */
    @FunctionalInterface
    interface Reply {
        /** Answers; {@code body} is the raw request stream when {@link #streaming()} is true, else already read. */
        void answer(HttpExchange exchange, Recorded request, InputStream body) throws IOException;

        default boolean streaming() {
            return false;
        }
    }

    static final int KEEP_BODY = 4 << 20;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final Deque<Reply> replies = new ArrayDeque<>();
    private final List<Recorded> requests = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    StandInRegistry() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /** Base URL with a trailing slash, optionally under a path ({@code "npm/"}). */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    synchronized StandInRegistry then(Reply reply) {
        replies.add(reply);
        return this;
    }

    synchronized List<Recorded> requests() {
        return List.copyOf(requests);
    }

    synchronized List<String> lines() {
        return requests.stream().map(Recorded::toString).toList();
    }

    synchronized int pending() {
        return replies.size();
    }

    private void handle(HttpExchange ex) throws IOException {
        Reply reply;
        synchronized (this) {
            reply = replies.poll();
        }
        Map<String, List<String>> headers = new TreeMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), List.copyOf(v)));
        String path = ex.getRequestURI().getRawPath()
                + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery());
        if (reply != null && reply.streaming()) {
            Recorded r = new Recorded(ex.getRequestMethod(), path, headers, new byte[0], -1);
            synchronized (this) {
                requests.add(r);
            }
            reply.answer(ex, r, ex.getRequestBody());
            return;
        }
        byte[] kept;
        long length = 0;
        try (InputStream in = ex.getRequestBody()) {
            java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
            byte[] chunk = new byte[64 * 1024];
            for (int n; (n = in.read(chunk)) > 0; ) {
                if (length + n <= KEEP_BODY) {
                    buf.write(chunk, 0, n);
                }
                length += n;
            }
            kept = buf.toByteArray();
        }
        Recorded r = new Recorded(ex.getRequestMethod(), path, headers, kept, length);
        synchronized (this) {
            requests.add(r);
        }
        if (reply == null) {
            send(ex, 599, "{\"error\":\"stand-in: no reply scripted for " + r + "\"}");
            return;
        }
        reply.answer(ex, r, InputStream.nullInputStream());
    }

    // ------------------------------------------------------------------------------------------------ replies

    static Reply json(int status, String body) {
        return (ex, r, in) -> send(ex, status, body);
    }

    static Reply json(int status, String body, String header, String value) {
        return (ex, r, in) -> {
            ex.getResponseHeaders().add(header, value);
            send(ex, status, body);
        };
    }

    /** Reads the request, then drops the connection without an answer (the client sees a reset/EOF). */
    static Reply drop() {
        return (ex, r, in) -> {
            throw new IllegalStateException("stand-in: dropping the connection on purpose");
        };
    }

    /** Never answers (until the server closes): provokes the client's request timeout. */
    Reply hang() {
        return (ex, r, in) -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("stand-in: gave up hanging");
        };
    }

    static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (!ex.getResponseHeaders().containsKey("Content-Type")) {
            ex.getResponseHeaders().add("Content-Type", "application/json");
        }
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream os = ex.getResponseBody()) {
                os.write(bytes);
            }
        }
        ex.close();
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
