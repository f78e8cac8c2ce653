package org.the1studio.upm.core.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.the1studio.upm.core.io.Json;
import org.the1studio.upm.core.secret.Secret;

/**
 * The GitHub REST API calls the fleet makes (API version 2022-11-28), on {@code java.net.http}, with answers
 * reduced to small records.
 *
 * <p>Why not {@code org.kohsuke:github-api}: its pinned release (1.327) cannot start with the project's Jackson 2.23
 * ({@code NoSuchFieldError: PropertyNamingStrategy.SNAKE_CASE} in its static initialiser), it asks {@code GET /user}
 * on start, logs retries through {@code java.util.logging}, and its conditional requests need OkHttp. The dozen
 * calls below are simpler to own than to adapt.
 *
 * <p>Rate limits are handled, not suffered: a primary limit (403 or 429 with {@code x-ratelimit-remaining: 0}) waits
 * until {@code x-ratelimit-reset} (by the server's clock), a secondary limit waits {@code retry-after} (a minute when
 * absent, as GitHub advises), in both cases only up to {@link GitHubSettings#maxRateLimitWait()}: beyond that the
 * call fails with {@link GitHubException.Kind#RATE_LIMITED} naming the reset time. GETs are conditional
 * ({@link HttpCache}); lists follow {@code Link: rel="next"}; network errors and 5xx answers are retried twice.
 * One instance is safe to share between threads.
 */
public final class GitHubApi {
    private static final String API_VERSION = "2022-11-28";
    private static final int MAX_LIMIT_WAITS = 5;
    private static final int MAX_RETRIES = 2;
    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");

    /** A repository as GitHub describes it. */
    public record RepoInfo(RepoRef ref, String defaultBranch, boolean isPrivate, boolean archived, boolean canPush,
            String htmlUrl) {}

    /** One entry of a recursive tree ({@code type} is {@code blob}, {@code tree} or {@code commit}). */
    public record TreeEntry(String path, String type, String sha, long size) {}

    /** A recursive tree; {@code truncated} when GitHub cut it (more than 100,000 entries or 7 MB). */
    public record RepoTree(String treeSha, List<TreeEntry> entries, boolean truncated) {}

    /** A pull request, reduced to what registration needs. */
    public record PullRequestInfo(int number, String state, String title, String headBranch, String baseBranch,
            String htmlUrl) {}

    private record Answer(int status, HttpResponse<byte[]> response, byte[] body) {
        JsonNode json() throws IOException {
            return Json.MAPPER.readTree(body);
        }
    }

    private final URI api;
    private final Secret token;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final long maxWaitMillis;
    private final HttpCache cache;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong notModified = new AtomicLong();
    private final AtomicLong primaryWaits = new AtomicLong();
    private final AtomicLong secondaryWaits = new AtomicLong();
    private final AtomicInteger remaining = new AtomicInteger(-1);

    public GitHubApi(GitHubSettings settings) {
        String base = settings.apiUrl().toString();
        this.api = URI.create(base.endsWith("/") ? base : base + "/");
        this.token = settings.token();
        this.requestTimeout = settings.requestTimeout();
        this.maxWaitMillis = settings.maxRateLimitWait().toMillis();
        this.cache = new HttpCache(settings.httpCacheDir());
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .version("https".equals(api.getScheme()) ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** Requests so far, 304s, waits and what is left of the rate limit. */
    public GitHubStats stats() {
        return new GitHubStats(requests.get(), notModified.get(), primaryWaits.get(), secondaryWaits.get(),
                remaining.get());
    }

    /** {@code GET /repos/{owner}/{repo}}. */
    public RepoInfo repository(RepoRef ref) throws GitHubException {
        JsonNode r = json(ref, "read the repository", send("GET", repoPath(ref, ""), null), 200);
        JsonNode perms = r.path("permissions");
        return new RepoInfo(ref, r.path("default_branch").asText(null), r.path("private").asBoolean(),
                r.path("archived").asBoolean(), perms.path("push").asBoolean(false) || perms.path("admin").asBoolean(false),
                r.path("html_url").asText(ref.url()));
    }

    /** The commit at the tip of {@code branch}: {@code GET /repos/{owner}/{repo}/git/ref/heads/{branch}}. */
    public String branchHead(RepoRef ref, String branch) throws GitHubException {
        JsonNode r = json(ref, "read branch " + branch, send("GET", repoPath(ref, "/git/ref/heads/" + path(branch)), null), 200);
        String sha = r.path("object").path("sha").asText(null);
        if (sha == null) {
            throw new GitHubException(GitHubException.Kind.PROTOCOL, 200, ref.fullName() + ": branch " + branch
                    + " answered without object.sha", null, null);
        }
        return sha;
    }

    /** {@code GET /repos/{owner}/{repo}/git/trees/{sha}?recursive=1}. */
    public RepoTree tree(RepoRef ref, String commitOrTree) throws GitHubException {
        JsonNode t = json(ref, "read the file tree at " + abbreviate(commitOrTree),
                send("GET", repoPath(ref, "/git/trees/" + path(commitOrTree) + "?recursive=1"), null), 200);
        List<TreeEntry> entries = new ArrayList<>();
        for (JsonNode e : t.path("tree")) {
            entries.add(new TreeEntry(e.path("path").asText(), e.path("type").asText(), e.path("sha").asText(),
                    e.path("size").asLong(0)));
        }
        return new RepoTree(t.path("sha").asText(null), List.copyOf(entries), t.path("truncated").asBoolean(false));
    }

    /** A file's bytes ({@code GET /repos/{owner}/{repo}/contents/{path}?ref=}), or empty when it does not exist. */
    public Optional<FileContent> file(RepoRef ref, String filePath, String gitRef) throws GitHubException {
        String what = "read " + filePath + (gitRef == null ? "" : " at " + abbreviate(gitRef));
        Answer a = send("GET", repoPath(ref, "/contents/" + path(filePath)
                + (gitRef == null ? "" : "?ref=" + URLEncoder.encode(gitRef, StandardCharsets.UTF_8))), null);
        if (a.status == 404) {
            return Optional.empty();
        }
        JsonNode c = json(ref, what, a, 200);
        if (!"file".equals(c.path("type").asText()) || !"base64".equals(c.path("encoding").asText())) {
            throw new GitHubException(GitHubException.Kind.PROTOCOL, 200, ref.fullName() + ": cannot " + what
                    + ": not a file of at most 1 MB (type " + c.path("type").asText() + ", encoding "
                    + c.path("encoding").asText() + ")", null, null);
        }
        try {
            return Optional.of(new FileContent(Base64.getMimeDecoder().decode(c.path("content").asText()),
                    c.path("sha").asText(null)));
        } catch (IllegalArgumentException e) {
            throw new GitHubException(GitHubException.Kind.PROTOCOL, 200, ref.fullName() + ": cannot " + what
                    + ": content is not base64", null, e);
        }
    }

    /** A file's bytes and blob sha (GitHub needs the sha to replace a file). */
    public record FileContent(byte[] bytes, String blobSha) {
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Creates {@code branch} at {@code sha}: {@code POST /repos/{owner}/{repo}/git/refs}. */
    public void createBranch(RepoRef ref, String branch, String sha) throws GitHubException {
        ObjectNode body = Json.MAPPER.createObjectNode().put("ref", "refs/heads/" + branch).put("sha", sha);
        json(ref, "create branch " + branch, send("POST", repoPath(ref, "/git/refs"), body), 201);
    }

    /**
     * Creates or replaces a file on {@code branch} ({@code PUT /repos/{owner}/{repo}/contents/{path}}); returns the
     * new commit's sha. {@code previousBlobSha} is required by GitHub when the file exists.
     */
    public String putFile(RepoRef ref, String branch, String filePath, byte[] content, String message,
            String previousBlobSha) throws GitHubException {
        ObjectNode body = Json.MAPPER.createObjectNode().put("message", message)
                .put("content", Base64.getEncoder().encodeToString(content)).put("branch", branch);
        if (previousBlobSha != null) {
            body.put("sha", previousBlobSha);
        }
        JsonNode r = json(ref, "write " + filePath + " on " + branch, send("PUT", repoPath(ref, "/contents/" + path(filePath)), body),
                previousBlobSha == null ? 201 : 200);
        return r.path("commit").path("sha").asText(null);
    }

    /** Opens a pull request: {@code POST /repos/{owner}/{repo}/pulls}. */
    public PullRequestInfo openPullRequest(RepoRef ref, String headBranch, String baseBranch, String title, String body)
            throws GitHubException {
        ObjectNode in = Json.MAPPER.createObjectNode().put("title", title).put("head", headBranch).put("base", baseBranch)
                .put("body", body).put("maintainer_can_modify", true);
        return info(json(ref, "open a pull request from " + headBranch + " to " + baseBranch,
                send("POST", repoPath(ref, "/pulls"), in), 201));
    }

    /** Pull requests from {@code headBranch} of the same repository, any state ({@code GET .../pulls}, every page). */
    public List<PullRequestInfo> pullRequests(RepoRef ref, String headBranch) throws GitHubException {
        List<PullRequestInfo> all = new ArrayList<>();
        String next = repoPath(ref, "/pulls?state=all&head=" + URLEncoder.encode(ref.owner() + ":" + headBranch,
                StandardCharsets.UTF_8) + "&per_page=100");
        for (int page = 0; next != null && page < 100; page++) {
            Answer a = send("GET", next, null);
            for (JsonNode pr : json(ref, "list pull requests from " + headBranch, a, 200)) {
                all.add(info(pr));
            }
            next = a.response == null ? null : a.response.headers().firstValue("link").map(GitHubApi::nextLink).orElse(null);
        }
        return all;
    }

    static String nextLink(String linkHeader) {
        Matcher m = NEXT.matcher(linkHeader);
        return m.find() ? m.group(1) : null;
    }

    private static PullRequestInfo info(JsonNode pr) {
        return new PullRequestInfo(pr.path("number").asInt(), pr.path("state").asText(null), pr.path("title").asText(null),
                pr.path("head").path("ref").asText(null), pr.path("base").path("ref").asText(null),
                pr.path("html_url").asText(null));
    }

    // ------------------------------------------------------------------------------------------------ HTTP

    private String repoPath(RepoRef ref, String tail) {
        return "repos/" + path(ref.owner()) + "/" + path(ref.name()) + tail;
    }

    /** Percent-encodes each segment of a path, keeping the slashes. */
    private static String path(String p) {
        StringBuilder sb = new StringBuilder();
        for (String seg : p.split("/", -1)) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(URLEncoder.encode(seg, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return sb.toString();
    }

    private Answer send(String method, String pathOrUrl, JsonNode body) throws GitHubException {
        URI uri = pathOrUrl.startsWith("http://") || pathOrUrl.startsWith("https://") ? URI.create(pathOrUrl)
                : api.resolve(pathOrUrl);
        boolean get = "GET".equals(method);
        String key = uri.toString();
        HttpCache.Entry kept = get ? cache.get(key) : null;
        int waits = 0;
        int retries = 0;
        while (true) {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(requestTimeout)
                    .header("Accept", "application/vnd.github+json")
                    .header("X-GitHub-Api-Version", API_VERSION)
                    .header("User-Agent", "upm-fleet");
            if (token != null) {
                b.header("Authorization", "Bearer " + token.reveal());
            }
            if (kept != null && kept.etag() != null) {
                b.header("If-None-Match", kept.etag());
            } else if (kept != null && kept.lastModified() != null) {
                b.header("If-Modified-Since", kept.lastModified());
            }
            if (body != null) {
                b.header("Content-Type", "application/json");
                b.method(method, HttpRequest.BodyPublishers.ofByteArray(bytes(body)));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<byte[]> r;
            try {
                r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                if (retries++ < MAX_RETRIES) {
                    sleep(250L * retries);
                    continue;
                }
                throw new GitHubException(GitHubException.Kind.UNAVAILABLE, -1, "cannot reach the GitHub API at "
                        + api + " (" + method + " " + uri.getPath() + "): " + describe(e),
                        "check the network and the API URL (--github-api / UPM_GITHUB_API)", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new GitHubException(GitHubException.Kind.UNAVAILABLE, -1, "interrupted", null, e);
            }
            requests.incrementAndGet();
            r.headers().firstValue("x-ratelimit-remaining").ifPresent(v -> {
                try {
                    remaining.set(Integer.parseInt(v.strip()));
                } catch (NumberFormatException ignored) {
                    // keep the last known value
                }
            });
            int status = r.statusCode();
            if (status == 304 && kept != null) {
                notModified.incrementAndGet();
                return new Answer(200, r, kept.body());
            }
            if ((status == 403 || status == 429) && isLimit(r)) {
                if (++waits > MAX_LIMIT_WAITS) {
                    throw limited(uri, "the GitHub rate limit was still reached after " + MAX_LIMIT_WAITS + " waits", null);
                }
                waitForLimit(r, uri);
                continue;
            }
            if (status >= 500 && retries++ < MAX_RETRIES) {
                sleep(500L * retries);
                continue;
            }
            if (get && status == 200) {
                String etag = r.headers().firstValue("etag").orElse(null);
                String lastModified = r.headers().firstValue("last-modified").orElse(null);
                if (etag != null || lastModified != null) {
                    cache.put(key, new HttpCache.Entry(etag, lastModified, r.body()));
                }
            }
            return new Answer(status, r, r.body());
        }
    }

    private static boolean isLimit(HttpResponse<byte[]> r) {
        return "0".equals(r.headers().firstValue("x-ratelimit-remaining").orElse(null))
                || r.headers().firstValue("retry-after").isPresent()
                || r.statusCode() == 429
                || new String(r.body(), StandardCharsets.UTF_8).toLowerCase(java.util.Locale.ROOT).contains("secondary rate limit");
    }

    private void waitForLimit(HttpResponse<byte[]> r, URI uri) throws GitHubException {
        Instant now = serverNow(r);
        boolean primary = "0".equals(r.headers().firstValue("x-ratelimit-remaining").orElse(null))
                && r.headers().firstValue("retry-after").isEmpty();
        long millis;
        Instant until;
        if (primary) {
            long reset = r.headers().firstValue("x-ratelimit-reset").map(v -> {
                try {
                    return Long.parseLong(v.strip());
                } catch (NumberFormatException e) {
                    return now.getEpochSecond() + 60;
                }
            }).orElse(now.getEpochSecond() + 60);
            millis = Math.max(1000, reset * 1000 - now.toEpochMilli());
            until = Instant.ofEpochSecond(reset);
        } else {
            long seconds = r.headers().firstValue("retry-after").map(v -> {
                try {
                    return Long.parseLong(v.strip());
                } catch (NumberFormatException e) {
                    try {
                        return ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond() - now.getEpochSecond();
                    } catch (RuntimeException ex) {
                        return 60L;
                    }
                }
            }).orElse(60L);
            millis = Math.max(1000, seconds * 1000);
            until = Instant.now().plusMillis(millis).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        }
        String what = primary ? "the GitHub API rate limit" : "a GitHub secondary rate limit";
        if (millis > maxWaitMillis) {
            throw limited(uri, what + " was reached; it resets at " + DateTimeFormatter.ISO_INSTANT.format(until)
                    + " (in " + (millis + 999) / 1000 + " s), longer than the allowed wait of " + maxWaitMillis / 1000 + " s",
                    null);
        }
        (primary ? primaryWaits : secondaryWaits).incrementAndGet();
        sleep(millis);
    }

    private GitHubException limited(URI uri, String message, Throwable cause) {
        return new GitHubException(GitHubException.Kind.RATE_LIMITED, 403, uri.getPath() + ": " + message,
                "run again after the reset, or use a token with a higher limit (a GitHub App installation)", cause);
    }

    private static Instant serverNow(HttpResponse<byte[]> r) {
        try {
            return r.headers().firstValue("date")
                    .map(d -> ZonedDateTime.parse(d, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant())
                    .orElseGet(Instant::now);
        } catch (RuntimeException e) {
            return Instant.now();
        }
    }

    private static void sleep(long millis) throws GitHubException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitHubException(GitHubException.Kind.UNAVAILABLE, -1, "interrupted while waiting", null, e);
        }
    }

    /** Checks the status and parses the body, or throws a typed exception with GitHub's own message. */
    private JsonNode json(RepoRef ref, String what, Answer a, int expected) throws GitHubException {
        String where = ref.fullName() + ": cannot " + what;
        if (a.status == expected || a.status == 200 && expected == 201 || a.status == 201 && expected == 200) {
            try {
                return a.json();
            } catch (IOException e) {
                throw new GitHubException(GitHubException.Kind.PROTOCOL, a.status, where + ": the answer is not JSON",
                        null, e);
            }
        }
        String message = githubMessage(a.body);
        throw switch (a.status) {
            case 404 -> new GitHubException(GitHubException.Kind.NOT_FOUND, 404, where + ": not found (GitHub answers"
                    + " 404 both for a missing repository and for a private one the token cannot see)",
                    token == null ? "set a GitHub token (UPM_GITHUB_TOKEN) that can read " + ref.fullName()
                            : "check the URL, and that the token's owner has access to " + ref.fullName(), null);
            case 401 -> new GitHubException(GitHubException.Kind.UNAUTHORIZED, 401, where + ": GitHub rejected the"
                    + " token (" + message + ")", "check the token in UPM_GITHUB_TOKEN; it may have expired", null);
            case 403 -> new GitHubException(GitHubException.Kind.FORBIDDEN, 403, where + ": forbidden (" + message + ")",
                    "the token needs the 'repo' scope, or contents and pull-request write permission on "
                            + ref.fullName(), null);
            case 409, 422 -> new GitHubException(GitHubException.Kind.UNPROCESSABLE, a.status, where + ": " + message,
                    null, null);
            default -> a.status >= 500
                    ? new GitHubException(GitHubException.Kind.UNAVAILABLE, a.status, where + ": GitHub answered "
                            + a.status + " (" + message + ")", "try again later", null)
                    : new GitHubException(GitHubException.Kind.PROTOCOL, a.status, where + ": unexpected answer "
                            + a.status + " (" + message + ")", null, null);
        };
    }

    /** GitHub's error bodies are {@code {"message": ..., "documentation_url": ...}}: keep the message. */
    private String githubMessage(byte[] body) {
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8).strip();
        try {
            JsonNode n = Json.MAPPER.readTree(text);
            if (n != null && n.hasNonNull("message")) {
                return redact(n.get("message").asText());
            }
        } catch (IOException ignored) {
            // not JSON
        }
        text = redact(text);
        return text.isEmpty() ? "no details" : text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }

    private String describe(IOException e) {
        String m = e instanceof HttpTimeoutException ? "timed out" : e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : ": " + redact(m));
    }

    private String redact(String s) {
        return token == null || s == null ? s : token.redact(s);
    }

    private static byte[] bytes(JsonNode n) {
        try {
            return Json.MAPPER.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String abbreviate(String sha) {
        return sha != null && sha.length() == 40 ? sha.substring(0, 10) : sha;
    }
}
