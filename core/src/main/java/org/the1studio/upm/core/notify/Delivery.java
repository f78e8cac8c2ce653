package org.the1studio.upm.core.notify;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.the1studio.upm.core.audit.Redactor;
import org.the1studio.upm.core.io.Json;

/**
 * One POST with bounded retries, shared by every sink.
 *
 * <p>Retried: network errors and timeouts, 5xx (exponential backoff from {@link #BASE_BACKOFF}, capped at
 * {@link #MAX_BACKOFF}), and 429, which waits as long as the service asks ({@code retry_after} in a JSON body, in
 * seconds with a fraction, as Discord sends it; else the {@code Retry-After} header) but never longer than
 * {@link #MAX_RETRY_WAIT}: a longer wait fails at once instead of blocking the build. Any other status fails at once
 * with the service's own error text. Redirects are not followed (the body would go to another host). Every text that
 * leaves this class passes the redactor and names the host only.
 */
final class Delivery {

    /** Waits between attempts; tests record the waits instead of sleeping. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    static final Sleeper REAL_SLEEP = d -> Thread.sleep(d.toMillis());
    static final Duration BASE_BACKOFF = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(8);
    static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(30);
    static final String USER_AGENT = "upm-auto-publisher";
    private static final int MAX_ERROR_TEXT = 300;

    /**
     * How it went.
     *
     * @param ok       a 2xx answer arrived
     * @param status   last HTTP status, -1 when no answer
     * @param body     last answer body ("" when none)
     * @param attempts attempts made
     * @param detail   one redacted sentence: why it failed, or "" on success
     */
    record Result(boolean ok, int status, String body, int attempts, String detail) {}

    private final Endpoint endpoint;
    private final Duration timeout;
    private final int maxAttempts;
    private final Sleeper sleeper;
    private final Redactor redactor;
    private final Function<String, String> errorText;

    /**
     * @param errorText turns an error body into the service's message (e.g. Discord's {@code message} and {@code code});
     *                  its result is redacted and shortened here
     */
    Delivery(Endpoint endpoint, Duration timeout, int maxAttempts, Sleeper sleeper, Redactor redactor,
            Function<String, String> errorText) {
        this.endpoint = endpoint;
        this.timeout = timeout;
        this.maxAttempts = maxAttempts;
        this.sleeper = sleeper;
        this.redactor = redactor;
        this.errorText = errorText;
    }

    Result post(URI uri, String contentType, byte[] body, Map<String, String> headers) {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        String host = endpoint.host();
        String last = "no attempt made";
        int lastStatus = -1;
        String lastBody = "";
        for (int attempt = 1; attempt <= maxAttempts; attempt++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                    .timeout(timeout)
                    .header("Content-Type", contentType)
                    .header("User-Agent", USER_AGENT)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach(request::header);
            Duration wait;
            try {
                HttpResponse<String> response = client.send(request.build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int status = response.statusCode();
                String text = response.body() == null ? "" : response.body();
                lastStatus = status;
                lastBody = text;
                if (status >= 200 && status < 300) {
                    return new Result(true, status, text, attempt, "");
                }
                String message = describe(status, text);
                if (status == 429) {
                    Optional<Duration> asked = retryAfter(text, response.headers());
                    if (asked.isPresent() && asked.get().compareTo(MAX_RETRY_WAIT) > 0) {
                        return fail(status, text, attempt, "rate limited by " + host + " for "
                                + seconds(asked.get()) + " s, longer than the " + seconds(MAX_RETRY_WAIT)
                                + " s this run waits; not retried");
                    }
                    wait = asked.orElse(backoff(attempt));
                    last = "rate limited by " + host + " (HTTP 429)";
                } else if (status >= 500) {
                    wait = backoff(attempt);
                    last = message;
                } else {
                    return fail(status, text, attempt, message);
                }
            } catch (IOException e) {
                lastStatus = -1;
                lastBody = "";
                last = "cannot reach " + host + ": " + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + shorten(redactor.redact(e.getMessage())));
                wait = backoff(attempt);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return fail(lastStatus, lastBody, attempt, "interrupted while sending to " + host);
            }
            if (attempt < maxAttempts) {
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return fail(lastStatus, lastBody, attempt, "interrupted while waiting to retry " + host + "; " + last);
                }
            }
        }
        return fail(lastStatus, lastBody, maxAttempts,
                "gave up after " + maxAttempts + (maxAttempts == 1 ? " attempt: " : " attempts: ") + last);
    }

    private Result fail(int status, String body, int attempts, String detail) {
        return new Result(false, status, body, attempts, redactor.redact(detail));
    }

    private String describe(int status, String body) {
        String said = null;
        try {
            said = errorText.apply(body);
        } catch (RuntimeException ignored) {
            // an unreadable error body is reported by status alone
        }
        String base = "HTTP " + status + " from " + endpoint.host();
        if (said == null || said.isBlank()) {
            return base;
        }
        return base + ": " + shorten(redactor.redact(Text.oneLine(said)));
    }

    static Duration backoff(int attempt) {
        long millis = BASE_BACKOFF.toMillis() << Math.min(attempt - 1, 20);
        return Duration.ofMillis(Math.min(millis, MAX_BACKOFF.toMillis()));
    }

    /** {@code retry_after} (seconds, fractional) from a JSON body, else the {@code Retry-After} header (seconds or an HTTP date). */
    static Optional<Duration> retryAfter(String body, HttpHeaders headers) {
        if (body != null && body.strip().startsWith("{")) {
            try {
                JsonNode node = Json.MAPPER.readTree(body).get("retry_after");
                if (node != null && node.isNumber() && node.asDouble() >= 0) {
                    return Optional.of(Duration.ofMillis((long) Math.ceil(node.asDouble() * 1000)));
                }
            } catch (IOException ignored) {
                // fall through to the header
            }
        }
        Optional<String> header = headers.firstValue("Retry-After");
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get().strip();
        try {
            double secs = Double.parseDouble(value);
            return secs < 0 ? Optional.empty() : Optional.of(Duration.ofMillis((long) Math.ceil(secs * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(Instant.now(), at);
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    private static String seconds(Duration d) {
        long millis = d.toMillis();
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : String.format(java.util.Locale.ROOT, "%.1f", millis / 1000.0);
    }

    private static String shorten(String s) {
        return Text.truncate(s, MAX_ERROR_TEXT);
    }
}
