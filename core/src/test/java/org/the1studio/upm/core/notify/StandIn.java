package org.the1studio.upm.core.notify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;

/**
 * A local HTTP stand-in for Discord, Slack or a webhook receiver: records every request exactly as it arrived and
 * answers from a script (then with the default answer).
 */
final class StandIn implements AutoCloseable {

    /** One recorded request. */
    record Request(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** One scripted answer. */
    record Answer(int status, Map<String, String> headers, String body, long delayMillis) {
        static Answer of(int status, String body) {
            return new Answer(status, Map.of("Content-Type", "application/json"), body, 0);
        }

        static Answer text(int status, String body) {
            return new Answer(status, Map.of("Content-Type", "text/plain"), body, 0);
        }

        Answer withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Answer(status, h, body, delayMillis);
        }

        Answer delayed(long millis) {
            return new Answer(status, headers, body, millis);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final List<Request> requests = new ArrayList<>();
    private final Deque<Answer> script = new ArrayDeque<>();
    private final Answer fallback;

    StandIn(Answer fallback) throws IOException {
        this.fallback = fallback;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Answer answer;
            synchronized (this) {
                requests.add(new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()), body));
                answer = script.isEmpty() ? this.fallback : script.poll();
            }
            if (answer.delayMillis() > 0) {
                try {
                    Thread.sleep(answer.delayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
            byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                exchange.getResponseBody().write(out);
            }
            exchange.close();
        });
        server.setExecutor(executor);
        server.start();
    }

    /** Queues answers for the next requests. */
    synchronized StandIn then(Answer... answers) {
        script.addAll(List.of(answers));
        return this;
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
