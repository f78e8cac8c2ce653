package org.the1studio.upm.core.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.the1studio.upm.core.config.UpmConfig;
import org.the1studio.upm.core.io.Json;
import org.the1studio.upm.core.pack.PackResult;
import org.the1studio.upm.core.secret.Secret;

/**
 * The npm registry protocol over {@code java.net.http}, as Verdaccio (and any npm-compatible registry) speaks it:
 * read a packument, publish a version, check it arrived, move dist-tags, deprecate. No npm CLI at run time.
 *
 * <p>Why this shape: publishing must be all-or-nothing and idempotent. Every call has timeouts and retries
 * ({@link RetryPolicy}); a publish whose answer got lost is recognised on the retry (the registry already has our
 * exact integrity, so it succeeded) instead of being reported as a conflict; {@link #verify} proves the version is
 * served with our integrity. Failures are typed ({@link RegistryAuthException}, {@link RegistryConflictException},
 * {@link RegistryNotFoundException}, {@link RegistryUnavailableException}, {@link RegistryProtocolException}), each
 * with a hint. The token only ever goes into the {@code Authorization} header; server answers are redacted before
 * they reach a message. Redirects are not followed (the bearer token must not travel to another host): a 3xx is
 * reported with its target so the registry URL can be corrected.
 *
 * <p>One instance may be used from several threads: it holds no state besides the shared {@link HttpClient}.
 * {@link #close()} releases the client's threads.
 */
public final class RegistryClient implements AutoCloseable {
    /** Abbreviated metadata ("corgi") when the registry has it, full JSON otherwise; both carry {@code dist}. */
    static final String ACCEPT_ABBREVIATED = "application/vnd.npm.install-v1+json; q=1.0, application/json; q=0.8, */*";
    static final String ACCEPT_FULL = "application/json";
    private static final Pattern NAME = Pattern.compile("(?:@[A-Za-z0-9~-][A-Za-z0-9._~-]*/)?[A-Za-z0-9~-][A-Za-z0-9._~-]*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9~-][A-Za-z0-9._~-]*");
    private static final int MAX_ECHO = 300;

    private final RegistrySettings settings;
    private final ExecutorService executor;
    private final HttpClient http;

    public RegistryClient(RegistrySettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "upm-registry-http");
            t.setDaemon(true);
            return t;
        });
        HttpClient.Builder http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor);
        if ("http".equalsIgnoreCase(settings.registry().getScheme())) {
            withoutTls(http);
        }
        this.http = http.build();
    }

    /**
     * A client of a plain-HTTP registry never speaks TLS: every request goes to the registry and redirects are not
     * followed. Giving it an uninitialised TLS context spares loading the default trust store, which the JDK's client
     * otherwise does when it is built (about a tenth of a second in a fresh JVM, on every {@code upm} run).
     */
    private static void withoutTls(HttpClient.Builder http) {
        try {
            http.sslContext(SSLContext.getInstance("TLS")).sslParameters(new SSLParameters());
        } catch (NoSuchAlgorithmException e) {
            // every JDK has TLS; without it the client just uses its default context
        }
    }

    /** The settings this client was made with. */
    public RegistrySettings settings() {
        return settings;
    }

    /** The registry base URL (ends with {@code /}). */
    public URI registry() {
        return settings.registry();
    }

    // ------------------------------------------------------------------------------------------------- reading

    /**
     * The package's versions and dist-tags (abbreviated metadata when the registry offers it), or empty when the
     * registry does not know the package (404).
     *
     * @throws IllegalArgumentException when {@code name} is not a valid npm package name
     */
    public Optional<Packument> packument(String name) throws RegistryException {
        return packument(name, settings.retry());
    }

    /** The full package document as JSON ({@code ?write=true}, uncached), or empty on 404. */
    public Optional<ObjectNode> document(String name) throws RegistryException {
        String action = "GET " + name;
        Answer a = exchange(action, () -> request(uri(escape(name) + "?write=true"), ACCEPT_FULL).GET().build(),
                settings.retry(), null);
        int s = a.response.statusCode();
        if (s == 404) {
            return Optional.empty();
        }
        if (s != 200) {
            throw failure(action, a.response, false);
        }
        return Optional.of(parseObject(action, a.response));
    }

    /** The user name the token belongs to ({@code GET /-/whoami}): a cheap check of the credential before uploading. */
    public String whoami() throws RegistryException {
        String action = "GET /-/whoami";
        Answer a = exchange(action, () -> request(uri("-/whoami"), ACCEPT_FULL).GET().build(), settings.retry(), null);
        if (a.response.statusCode() != 200) {
            throw failure(action, a.response, false);
        }
        String user = parseObject(action, a.response).path("username").asText(null);
        if (user == null) {
            throw new RegistryProtocolException(registry() + " answered " + action + " without a username", "", 200,
                    null);
        }
        return user;
    }

    private Optional<Packument> packument(String name, RetryPolicy retry) throws RegistryException {
        String action = "GET " + name;
        Answer a = exchange(action, () -> request(uri(escape(name)), ACCEPT_ABBREVIATED).GET().build(), retry, null);
        int s = a.response.statusCode();
        if (s == 404) {
            return Optional.empty();
        }
        if (s != 200) {
            throw failure(action, a.response, false);
        }
        return Optional.of(toPackument(name, parseObject(action, a.response)));
    }

    // ------------------------------------------------------------------------------------------------- publishing

    /**
     * Publishes one version: {@code PUT /<name>} with the npm publish document, the tarball streamed from disk as
     * base64 (constant memory whatever its size).
     *
     * <p>Retried on network errors, 5xx and 429. A version that already exists is a {@link RegistryConflictException}
     * ({@code sameContent()} says whether it is our exact tarball) - unless an earlier attempt of this very call may
     * have reached the registry (the connection dropped after the upload, a gateway timed out): then the registry's
     * copy is compared, and our integrity there means the publish succeeded.
     *
     * @param manifestJson the package.json as published (name and version are read from it)
     * @param packed       the tarball and its integrity
     * @param distTag      dist-tag to point at this version ({@code latest}, {@code beta}, ...)
     * @param progress     upload progress, may be null
     */
    public void publish(ObjectNode manifestJson, PackResult packed, String distTag, ProgressListener progress)
            throws RegistryException {
        Objects.requireNonNull(manifestJson, "manifestJson");
        Objects.requireNonNull(packed, "packed");
        String name = requireText(manifestJson, "name");
        String version = requireText(manifestJson, "version");
        requireName(name);
        requireTag(distTag);
        if (packed.integrity() == null || packed.shasum() == null) {
            throw new IllegalArgumentException("the pack result of " + name + "@" + version + " has no integrity");
        }
        String id = name + "@" + version;
        PublishBody body = PublishBody.create(Json.MAPPER, registry(), manifestJson, packed, distTag);
        long length = body.contentLength();
        long max = settings.maxRequestBytes();
        if (max > 0 && length > max) {
            throw new RegistryProtocolException("not publishing " + id + ": its publish document would be "
                    + mib(length) + " (tarball " + mib(packed.size()) + " as base64), more than the " + mib(max)
                    + " a Node.js registry such as Verdaccio can take (larger uploads crash Verdaccio 6)",
                    "make the package smaller (a tarball must stay under about " + mib(max / 4 * 3)
                            + "; move large assets out of the package), or raise maxRequestBytes in the registry"
                            + " settings if " + registry() + " is not Node.js based", -1, null);
        }
        Duration timeout = settings.requestTimeout()
                .plusSeconds(length / settings.minUploadBytesPerSecond());
        URI target = uri(escape(name));
        String action = "PUT " + id;
        ProgressListener listener = progress == null ? ProgressListener.NONE : progress;

        BeforeRetry alreadyThere = () -> {
            Optional<PublishedVersion> there;
            try {
                there = packument(name, RetryPolicy.none()).flatMap(p -> p.version(version));
            } catch (RegistryAuthException e) {
                throw e;
            } catch (RegistryException e) {
                return false; // cannot tell: upload again, a conflict answer is handled below
            }
            if (there.isEmpty()) {
                return false;
            }
            if (there.get().hasIntegrity(packed.integrity())) {
                return true;
            }
            throw conflict(id, there.get(), packed.integrity(), -1);
        };
        Answer a = exchange(action, () -> request(target, ACCEPT_FULL)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .PUT(body.publisher(listener))
                .build(), settings.retry(), alreadyThere);
        if (a.response == null) {
            return; // an earlier attempt landed: the registry serves our integrity
        }
        int s = a.response.statusCode();
        if (s / 100 == 2) {
            return;
        }
        if (isAlreadyExists(s, a.response)) {
            Optional<PublishedVersion> there = a.ambiguousBefore
                    ? awaitVersion(name, version)
                    : lookupQuietly(name, version);
            if (a.ambiguousBefore && there.isPresent() && there.get().hasIntegrity(packed.integrity())) {
                return;
            }
            if (there.isPresent()) {
                throw conflict(id, there.get(), packed.integrity(), s);
            }
            throw new RegistryConflictException(id + " is already on " + registry() + ": HTTP " + s
                    + describeEcho(a.response), "a published version never changes: bump \"version\" in package.json",
                    s, false);
        }
        if (s == 413) {
            throw new RegistryProtocolException(registry() + " refused " + action + " as too large (HTTP 413, "
                    + length + " bytes)", "raise the registry's upload limit (Verdaccio: max_body_size in config.yaml)",
                    s, null);
        }
        throw failure(action, a.response, true);
    }

    /**
     * Waits (bounded by {@link RegistrySettings#verifyTimeout()}) until the registry serves {@code name@version} with
     * {@code integrity}: registries behind caches or replicas are only eventually consistent.
     *
     * @throws RegistryConflictException    the version is served with other content
     * @throws RegistryProtocolException    the registry lists the version without an integrity
     * @throws RegistryUnavailableException the version did not appear in time
     */
    public void verify(String name, String version, String integrity) throws RegistryException {
        requireName(name);
        Objects.requireNonNull(integrity, "integrity");
        String id = name + "@" + version;
        Optional<PublishedVersion> there = awaitVersion(name, version);
        if (there.isEmpty()) {
            throw new RegistryUnavailableException(id + " was published but " + registry() + " did not list it within "
                    + human(settings.verifyTimeout()), "the registry may be slow to update its index; check with "
                    + "'npm view " + id + "' and re-run the build (an identical version is recognised and skipped)",
                    -1, null);
        }
        PublishedVersion v = there.get();
        if (v.integrity() == null) {
            throw new RegistryProtocolException(registry() + " lists " + id + " without dist.integrity, so the upload "
                    + "cannot be verified", "use a registry that records integrity (Verdaccio 5+ does)", 200, null);
        }
        if (!v.hasIntegrity(integrity)) {
            throw conflict(id, v, integrity, 200);
        }
    }

    // ------------------------------------------------------------------------------------------------- changing

    /** Points {@code tag} at {@code version}: {@code PUT /-/package/<name>/dist-tags/<tag>} with a JSON string. */
    public void setDistTag(String name, String version, String tag) throws RegistryException {
        requireName(name);
        requireTag(tag);
        Objects.requireNonNull(version, "version");
        String action = "PUT dist-tag " + tag + " -> " + name + "@" + version;
        String bodyJson;
        try {
            bodyJson = Json.MAPPER.writeValueAsString(version);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        Answer a = exchange(action, () -> request(uri("-/package/" + escape(name) + "/dist-tags/" + tag), ACCEPT_FULL)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(bodyJson, StandardCharsets.UTF_8))
                .build(), settings.retry(), null);
        int s = a.response.statusCode();
        if (s / 100 != 2) {
            throw failure(action, a.response, true);
        }
    }

    /**
     * Deprecates one version with {@code message} (an empty message removes the deprecation), the way
     * {@code npm deprecate} does: fetch the full document, set {@code versions[v].deprecated}, {@code PUT} it back.
     * A concurrent change (409) makes it start over with a fresh document.
     */
    public void deprecate(String name, String version, String message) throws RegistryException {
        requireName(name);
        String id = name + "@" + version;
        String action = "PUT " + name + " (deprecate " + version + ")";
        int rounds = Math.max(1, settings.retry().maxAttempts());
        for (int round = 1; ; round++) {
            ObjectNode doc = document(name).orElseThrow(() -> new RegistryNotFoundException(name
                    + " is not on " + registry(), "publish it before deprecating a version", 404));
            JsonNode v = doc.path("versions").get(version);
            if (!(v instanceof ObjectNode vo)) {
                throw new RegistryNotFoundException(id + " is not on " + registry(),
                        "check the version; published versions are listed by 'npm view " + name + " versions'", 404);
            }
            vo.put("deprecated", message == null ? "" : message);
            byte[] bytes;
            try {
                bytes = Json.MAPPER.writeValueAsBytes(doc);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            Answer a = exchange(action, () -> request(uri(escape(name)), ACCEPT_FULL)
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))
                    .build(), settings.retry(), null);
            int s = a.response.statusCode();
            if (s / 100 == 2) {
                return;
            }
            if (s == 409 && round < rounds) {
                continue; // someone changed the document meanwhile: start over from the current one
            }
            throw failure(action, a.response, true);
        }
    }

    // ------------------------------------------------------------------------------------------------- links

    /**
     * The human page of a package version: npmjs.com for the public registry, the Verdaccio web UI
     * ({@code <registry>-/web/detail/<name>/v/<version>}) otherwise.
     *
     * @param version the version, or null for the package page
     */
    public URI packagePageUrl(String name, String version) {
        requireName(name);
        String suffix = version == null || version.isBlank() ? "" : "/v/" + version;
        if (isPublicNpm(registry())) {
            return URI.create("https://www.npmjs.com/package/" + name + suffix);
        }
        return URI.create(registry() + "-/web/detail/" + name + suffix);
    }

    /** Whether {@code registry} is the public npm registry (npmjs.org/.com, yarnpkg mirror). */
    public static boolean isPublicNpm(URI registry) {
        return UpmConfig.isPublicNpm(registry);
    }

    /** Releases the HTTP client's threads. Never throws. */
    @Override
    public void close() {
        executor.shutdownNow();
    }

    @Override
    public String toString() {
        return "RegistryClient[" + registry() + "]";
    }

    // ------------------------------------------------------------------------------------------------- internals

    /** The response of the final attempt (null when {@link BeforeRetry} found the work already done). */
    private record Answer(HttpResponse<byte[]> response, boolean ambiguousBefore, int attempts) {
    }

    /** Runs before a retry that follows a failure the registry may already have acted on. */
    @FunctionalInterface
    private interface BeforeRetry {
        /** True when the work is already done and no further attempt is needed. */
        boolean done() throws RegistryException;
    }

    /**
     * Sends with retries. Returns the first answer that is not retryable (anything but 429 and 5xx); throws
     * {@link RegistryUnavailableException} when every attempt failed.
     */
    private Answer exchange(String action, Supplier<HttpRequest> request, RetryPolicy retry, BeforeRetry beforeRetry)
            throws RegistryException {
        boolean ambiguous = false;
        String last = null;
        int lastStatus = -1;
        IOException lastError = null;
        for (int attempt = 1; ; attempt++) {
            if (attempt > 1 && ambiguous && beforeRetry != null && beforeRetry.done()) {
                return new Answer(null, true, attempt - 1);
            }
            Duration wait;
            try {
                HttpResponse<byte[]> res = http.send(request.get(), HttpResponse.BodyHandlers.ofByteArray());
                int s = res.statusCode();
                if (s != 429 && s < 500) {
                    return new Answer(res, ambiguous, attempt);
                }
                lastStatus = s;
                lastError = null;
                last = "HTTP " + s + describeEcho(res);
                ambiguous |= s >= 500; // a gateway may have timed out while the registry went on storing it
                wait = retryAfter(res).orElse(null);
            } catch (IOException e) {
                lastStatus = -1;
                lastError = e;
                last = describe(e);
                ambiguous |= !(e instanceof ConnectException || e instanceof HttpConnectTimeoutException);
                wait = null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryUnavailableException("interrupted during " + action + " on " + registry(),
                        "the build was stopped", -1, e);
            }
            if (attempt >= retry.maxAttempts()) {
                throw new RegistryUnavailableException(registry() + " is unavailable: " + action + " failed "
                        + (attempt == 1 ? "once" : "after " + attempt + " attempts") + " (last: " + last + ")",
                        "the registry or the network is down or overloaded; check that " + registry()
                                + " is reachable from this machine and re-run the build", lastStatus, lastError);
            }
            if (wait == null) {
                wait = retry.backoff(attempt, ThreadLocalRandom.current().nextDouble());
            }
            try {
                settings.sleeper().sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryUnavailableException("interrupted while waiting to retry " + action,
                        "the build was stopped", lastStatus, lastError);
            }
        }
    }

    /** Retry-After on 429/503, capped; empty otherwise. */
    private Optional<Duration> retryAfter(HttpResponse<?> res) {
        int s = res.statusCode();
        if (s != 429 && s != 503) {
            return Optional.empty();
        }
        return res.headers().firstValue("Retry-After")
                .flatMap(v -> RetryPolicy.parseRetryAfter(v, settings.clock().instant()))
                .map(settings.retry()::capRetryAfter);
    }

    private Optional<PublishedVersion> awaitVersion(String name, String version) throws RegistryException {
        Duration interval = settings.verifyInterval();
        long polls = Math.max(1, interval.isZero() ? 1
                : (settings.verifyTimeout().toMillis() + interval.toMillis() - 1) / interval.toMillis()) + 1;
        long deadline = System.nanoTime() + settings.verifyTimeout().toNanos();
        for (long poll = 1; ; poll++) {
            Optional<PublishedVersion> there = packument(name).flatMap(p -> p.version(version));
            if (there.isPresent()) {
                return there;
            }
            if (poll >= polls || System.nanoTime() > deadline) {
                return Optional.empty();
            }
            try {
                settings.sleeper().sleep(interval);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryUnavailableException("interrupted while waiting for " + name + "@" + version
                        + " to appear on " + registry(), "the build was stopped", -1, e);
            }
        }
    }

    private Optional<PublishedVersion> lookupQuietly(String name, String version) {
        try {
            return packument(name).flatMap(p -> p.version(version));
        } catch (RegistryException e) {
            return Optional.empty();
        }
    }

    private RegistryConflictException conflict(String id, PublishedVersion there, String ours, int status) {
        boolean same = there.hasIntegrity(ours);
        if (same) {
            return new RegistryConflictException(id + " is already on " + registry() + " with the same content ("
                    + ours + ")", "nothing to publish: this exact tarball was published before", status, true);
        }
        return new RegistryConflictException(id + " is already on " + registry() + " with different content "
                + "(registry: " + (there.integrity() == null ? "shasum " + there.shasum() : there.integrity())
                + ", ours: " + ours + ")", "a published version never changes: bump \"version\" in package.json",
                status, false);
    }

    /** 409, or npmjs' 403 "cannot publish over the previously published versions". */
    private boolean isAlreadyExists(int status, HttpResponse<byte[]> res) {
        if (status == 409) {
            return true;
        }
        if (status == 403 || status == 400) {
            String text = new String(res.body(), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            return text.contains("previously published") || text.contains("cannot publish over")
                    || text.contains("already present") || text.contains("already exists");
        }
        return false;
    }

    /** Maps a final non-success answer to its typed exception. */
    private RegistryException failure(String action, HttpResponse<byte[]> res, boolean write) {
        int s = res.statusCode();
        String what = registry() + " refused " + action + ": HTTP " + s + describeEcho(res);
        if (s == 401 || s == 403) {
            String hint = settings.token() == null
                    ? "no registry token was given: set " + settings.tokenSource()
                    : "check the token in " + settings.tokenSource() + "; the token must have "
                            + (write ? "publish" : "read") + " rights" + (s == 401 ? " and must not have expired" : "");
            return new RegistryAuthException(what, hint, s);
        }
        if (s == 404) {
            return new RegistryNotFoundException(what, write
                    ? "check the registry URL (including any path such as /repository/npm-private/) and that the "
                            + "package and version exist"
                    : "check the registry URL and the package name", s);
        }
        if (s / 100 == 3) {
            String location = res.headers().firstValue("Location").orElse("(no Location)");
            return new RegistryProtocolException(what + " redirecting to " + redact(location),
                    "configure the registry URL the redirect points to (redirects are not followed so the token "
                            + "stays with the registry)", s, null);
        }
        return new RegistryProtocolException(what, "an npm registry should not answer this; check that "
                + registry() + " is an npm registry URL", s, null);
    }

    private HttpRequest.Builder request(URI uri, String accept) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(settings.requestTimeout())
                .header("User-Agent", settings.userAgent())
                .header("Accept", accept)
                .header("Cache-Control", "no-cache");
        Secret token = settings.token();
        if (token != null) {
            b.header("Authorization", "Bearer " + token.reveal());
        }
        return b;
    }

    private URI uri(String relative) {
        return URI.create(registry() + relative);
    }

    /** npm's escaped name: a scope's {@code /} becomes {@code %2f}. */
    static String escape(String name) {
        requireName(name);
        return name.replace("/", "%2f");
    }

    private static void requireName(String name) {
        if (name == null || !NAME.matcher(name).matches() || name.length() > 214) {
            throw new IllegalArgumentException("not a valid npm package name: '" + name + "'");
        }
    }

    private static void requireTag(String tag) {
        if (tag == null || !TAG.matcher(tag).matches()) {
            throw new IllegalArgumentException("not a valid dist-tag: '" + tag + "'");
        }
    }

    private static String requireText(ObjectNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException("the manifest has no \"" + field + "\"");
        }
        return v.asText();
    }

    private ObjectNode parseObject(String action, HttpResponse<byte[]> res) throws RegistryProtocolException {
        try {
            JsonNode node = Json.MAPPER.readTree(res.body());
            if (node instanceof ObjectNode o) {
                return o;
            }
        } catch (IOException e) {
            throw new RegistryProtocolException(registry() + " answered " + action + " with malformed JSON: "
                    + redact(e instanceof JsonProcessingException jp ? jp.getOriginalMessage() : e.getMessage()), "check that " + registry() + " is an npm registry URL",
                    res.statusCode(), null);
        }
        throw new RegistryProtocolException(registry() + " answered " + action + " with JSON that is not an object",
                "check that " + registry() + " is an npm registry URL", res.statusCode(), null);
    }

    static Packument toPackument(String requested, ObjectNode root) {
        String name = root.path("name").isTextual() ? root.path("name").asText() : requested;
        Map<String, String> tags = new LinkedHashMap<>();
        root.path("dist-tags").fields().forEachRemaining(e -> {
            if (e.getValue().isTextual()) {
                tags.put(e.getKey(), e.getValue().asText());
            }
        });
        Map<String, PublishedVersion> versions = new LinkedHashMap<>();
        root.path("versions").fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            JsonNode dist = v.path("dist");
            JsonNode dep = v.get("deprecated");
            String deprecation = dep == null || dep.isNull() ? null : dep.isTextual() ? dep.asText() : dep.toString();
            boolean deprecated = dep != null && (dep.isTextual() ? !dep.asText().isEmpty() : dep.asBoolean(false));
            versions.put(e.getKey(), new PublishedVersion(e.getKey(), text(dist, "shasum"), text(dist, "integrity"),
                    tarballUri(text(dist, "tarball")), deprecated, deprecated ? deprecation : null));
        });
        String modified = text(root, "modified");
        if (modified == null) {
            modified = text(root.path("time"), "modified");
        }
        return new Packument(name, tags, versions, modified);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private static URI tarballUri(String s) {
        if (s == null) {
            return null;
        }
        try {
            return URI.create(s);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** " (server message)" from an error body, short, single-line and redacted; "" when there is nothing useful. */
    private String describeEcho(HttpResponse<byte[]> res) {
        String e = echo(res);
        return e.isEmpty() ? "" : " (" + e + ")";
    }

    private String echo(HttpResponse<byte[]> res) {
        byte[] body = res.body();
        if (body == null || body.length == 0) {
            return "";
        }
        String text = new String(body, 0, Math.min(body.length, 8192), StandardCharsets.UTF_8);
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            for (String f : new String[] {"error", "reason", "message"}) {
                if (node.path(f).isTextual() && !node.path(f).asText().isBlank()) {
                    text = node.path(f).asText();
                    break;
                }
            }
        } catch (IOException notJson) {
            // plain text or HTML: keep the start
        }
        text = redact(text).replaceAll("\\s+", " ").strip();
        return text.length() > MAX_ECHO ? text.substring(0, MAX_ECHO) + "..." : text;
    }

    private String describe(IOException e) {
        String msg = e.getMessage();
        String type = e instanceof java.net.http.HttpTimeoutException ? "timed out"
                : e instanceof ConnectException ? "connection refused or unreachable" : e.getClass().getSimpleName();
        return redact(type + (msg == null || msg.isBlank() ? "" : ": " + msg));
    }

    private String redact(String text) {
        Secret token = settings.token();
        return token == null ? text : token.redact(text);
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    private static String human(Duration d) {
        return d.toSeconds() > 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
