package org.the1studio.upm.core.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local stand-in for the parts of the GitHub REST API the fleet uses, answering with the documented shapes
 * (docs.github.com/rest, API version 2022-11-28): repositories, branches and git refs, recursive trees, contents
 * (read and create), pull requests (create and list, paginated with {@code Link}), rate-limit headers on every
 * answer, conditional requests ({@code ETag} / {@code If-None-Match} -> 304, not counted), the primary rate limit
 * (403 with {@code x-ratelimit-remaining: 0} and {@code x-ratelimit-reset}) and the secondary limit (403 with
 * {@code retry-after}). Private repositories the token cannot see answer 404, as GitHub does.
 *
 * <p>Every request is recorded so tests can assert the exact calls.
 */
public final class GitHubStandIn implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOCS = "https://docs.github.com/rest";

    /** One recorded request. */
    public record Request(String method, String path, String query, Map<String, String> headers, String body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("request body is not JSON: " + body, e);
            }
        }
    }

    /** A repository on the stand-in. */
    public final class Repo {
        final String owner;
        final String name;
        final long id = ids.incrementAndGet();
        volatile String defaultBranch = "main";
        volatile boolean isPrivate;
        volatile boolean visible = true;
        volatile boolean archived;
        volatile boolean push = true;
        volatile boolean truncatedTree;
        final Map<String, String> branches = new ConcurrentHashMap<>();
        final Map<String, Map<String, byte[]>> commits = new ConcurrentHashMap<>();
        final Map<String, String> parents = new ConcurrentHashMap<>();
        final List<ObjectNode> pulls = new CopyOnWriteArrayList<>();

        Repo(String owner, String name) {
            this.owner = owner;
            this.name = name;
        }

        public String fullName() {
            return owner + "/" + name;
        }

        public String url() {
            return "https://github.com/" + owner + "/" + name;
        }

        public Repo defaultBranch(String b) { defaultBranch = b; return this; }
        public Repo makePrivate(boolean visibleToToken) { isPrivate = true; visible = visibleToToken; return this; }
        public Repo archived(boolean a) { archived = a; return this; }
        public Repo push(boolean p) { push = p; return this; }
        public Repo truncatedTree(boolean t) { truncatedTree = t; return this; }

        /** Commits {@code files} (path to text; {@code null} deletes) on {@code branch}; returns the commit sha. */
        public synchronized String commit(String branch, Map<String, String> files) {
            String parent = branches.get(branch);
            Map<String, byte[]> snapshot = new TreeMap<>(parent == null ? Map.of() : commits.get(parent));
            files.forEach((path, text) -> {
                if (text == null) {
                    snapshot.remove(path);
                } else {
                    snapshot.put(path, text.getBytes(StandardCharsets.UTF_8));
                }
            });
            String sha = sha1("commit " + fullName() + " " + branch + " " + parent + " " + commitCounter.incrementAndGet());
            commits.put(sha, snapshot);
            if (parent != null) {
                parents.put(sha, parent);
            }
            branches.put(branch, sha);
            return sha;
        }

        /** Convenience: a Unity package manifest at {@code dir/package.json}. */
        public String addPackage(String dir, String name, String version) {
            String path = dir.isEmpty() ? "package.json" : dir + "/package.json";
            return commit(defaultBranch, Map.of(path, manifest(name, version),
                    (dir.isEmpty() ? "" : dir + "/") + "Runtime/Code.cs", "class C {}\n"));
        }

        public String head(String branch) {
            return branches.get(branch);
        }

        public Optional<String> file(String branch, String path) {
            String sha = branches.get(branch);
            byte[] b = sha == null ? null : commits.get(sha).get(path);
            return Optional.ofNullable(b).map(x -> new String(x, StandardCharsets.UTF_8));
        }

        public List<ObjectNode> pulls() {
            return pulls;
        }

        /** Merges an open pull request: its head branch's files land on its base branch. */
        public void merge(int number) {
            ObjectNode pr = pulls.stream().filter(p -> p.get("number").asInt() == number).findFirst().orElseThrow();
            String head = pr.get("head").get("ref").asText();
            String base = pr.get("base").get("ref").asText();
            Map<String, String> files = new LinkedHashMap<>();
            commits.get(branches.get(head)).forEach((p, b) -> files.put(p, new String(b, StandardCharsets.UTF_8)));
            commit(base, files);
            pr.put("state", "closed");
            pr.put("merged", true);
        }
    }

    private final HttpServer server;
    private final ExecutorService pool;
    private final AtomicLong ids = new AtomicLong(1000);
    private final AtomicInteger commitCounter = new AtomicInteger();
    private final Map<String, Repo> repos = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger primaryLimited = new AtomicInteger();
    private volatile long primaryReset;
    private final AtomicInteger secondaryLimited = new AtomicInteger();
    private volatile int secondaryRetryAfter;
    private final AtomicInteger remaining = new AtomicInteger(5000);
    private volatile String token;
    private volatile String login = "upm-bot";
    private volatile long delayMillis;

    static {
        // like GitHub's servers (and Node's), answer without Nagle's delay: the JDK server otherwise waits ~40 ms for
        // the client's delayed ACK before sending a small body written after its headers
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private GitHubStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        pool = Executors.newFixedThreadPool(8);
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    public static GitHubStandIn start() throws IOException {
        return new GitHubStandIn();
    }

    /** Base URL of the API, like {@code https://api.github.com}. */
    public URI apiUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Requires {@code Authorization: Bearer|token <value>} on every request. */
    public GitHubStandIn requireToken(String value) {
        token = value;
        return this;
    }

    /** Simulated network latency per request. */
    public GitHubStandIn delay(long millis) {
        delayMillis = millis;
        return this;
    }

    public Repo repo(String owner, String name) {
        return repos.computeIfAbsent((owner + "/" + name).toLowerCase(java.util.Locale.ROOT), k -> new Repo(owner, name));
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    public void clearRequests() {
        requests.clear();
    }

    /** The next {@code times} requests hit the primary rate limit, which resets at {@code resetEpochSeconds}. */
    public void primaryLimit(int times, long resetEpochSeconds) {
        primaryReset = resetEpochSeconds;
        primaryLimited.set(times);
    }

    /** The next {@code times} requests hit the secondary rate limit with {@code retry-after: seconds}. */
    public void secondaryLimit(int times, int retryAfterSeconds) {
        secondaryRetryAfter = retryAfterSeconds;
        secondaryLimited.set(times);
    }

    /** A package.json text. */
    public static String manifest(String name, String version) {
        return "{\n  \"name\": \"" + name + "\",\n  \"version\": \"" + version + "\",\n  \"displayName\": \"" + name
                + "\",\n  \"unity\": \"2022.3\"\n}\n";
    }

    // ------------------------------------------------------------------------------------------------ HTTP

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new TreeMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(", ", v)));
            URI uri = ex.getRequestURI();
            requests.add(new Request(ex.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(), headers, body));
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            Answer a = route(ex.getRequestMethod(), uri.getRawPath(), query(uri.getRawQuery()), headers, body);
            send(ex, a, headers);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            e.printStackTrace();
            ex.sendResponseHeaders(500, -1);
        }
    }

    private record Answer(int status, JsonNode body, Map<String, String> headers) {
        Answer(int status, JsonNode body) {
            this(status, body, Map.of());
        }
    }

    private Answer route(String method, String path, Map<String, String> q, Map<String, String> headers, String body) {
        if (primaryLimited.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            Map<String, String> h = new LinkedHashMap<>();
            h.put("x-ratelimit-remaining", "0");
            h.put("x-ratelimit-reset", Long.toString(primaryReset));
            return new Answer(403, error("API rate limit exceeded for user ID 1.", DOCS + "/overview/rate-limits-for-the-rest-api"), h);
        }
        if (secondaryLimited.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return new Answer(403, error("You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
                    DOCS + "/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"),
                    Map.of("retry-after", Integer.toString(secondaryRetryAfter)));
        }
        if (token != null) {
            String auth = headers.getOrDefault("authorization", "");
            if (!auth.equals("token " + token) && !auth.equals("Bearer " + token)) {
                return new Answer(401, error("Bad credentials", DOCS));
            }
        }
        if (path.equals("/rate_limit")) {
            ObjectNode core = JSON.createObjectNode().put("limit", 5000).put("remaining", remaining.get())
                    .put("reset", Instant.now().getEpochSecond() + 3600).put("used", 5000 - remaining.get());
            ObjectNode r = JSON.createObjectNode();
            r.putObject("resources").set("core", core);
            r.set("rate", core.deepCopy());
            return new Answer(200, r);
        }
        if (path.equals("/user")) {
            return new Answer(200, JSON.createObjectNode().put("login", login).put("id", 1).put("type", "User"));
        }
        String[] p = path.split("/", -1);
        if (p.length < 4 || !p[1].equals("repos")) {
            return notFound();
        }
        Repo repo = repos.get((dec(p[2]) + "/" + dec(p[3])).toLowerCase(java.util.Locale.ROOT));
        if (repo == null || repo.isPrivate && !repo.visible) {
            return notFound();
        }
        String rest = p.length > 4 ? String.join("/", java.util.Arrays.copyOfRange(p, 4, p.length)) : "";
        if (rest.isEmpty() && method.equals("GET")) {
            return new Answer(200, repoJson(repo));
        }
        if (rest.startsWith("branches/") && method.equals("GET")) {
            String branch = dec(rest.substring("branches/".length()));
            String sha = repo.branches.get(branch);
            if (sha == null) {
                return new Answer(404, error("Branch not found", DOCS + "/branches/branches#get-a-branch"));
            }
            ObjectNode b = JSON.createObjectNode().put("name", branch).put("protected", false);
            b.putObject("commit").put("sha", sha).put("url", api(repo, "commits/" + sha));
            return new Answer(200, b);
        }
        if ((rest.startsWith("git/ref/") || rest.startsWith("git/refs/")) && method.equals("GET")) {
            String ref = dec(rest.substring(rest.indexOf('/', 4) + 1));
            if (!ref.startsWith("heads/") || !repo.branches.containsKey(ref.substring(6))) {
                return notFound();
            }
            return new Answer(200, refJson(repo, "refs/" + ref, repo.branches.get(ref.substring(6))));
        }
        if (rest.equals("git/refs") && method.equals("POST")) {
            return createRef(repo, parse(body));
        }
        if (rest.startsWith("git/trees/") && method.equals("GET")) {
            return tree(repo, dec(rest.substring("git/trees/".length())), "1".equals(q.get("recursive")));
        }
        if (rest.startsWith("contents/") && method.equals("GET")) {
            return getContent(repo, dec(rest.substring("contents/".length())), q.get("ref"));
        }
        if (rest.startsWith("contents/") && method.equals("PUT")) {
            return putContent(repo, dec(rest.substring("contents/".length())), parse(body));
        }
        if (rest.equals("pulls") && method.equals("POST")) {
            return createPull(repo, parse(body));
        }
        if (rest.equals("pulls") && method.equals("GET")) {
            return listPulls(repo, q);
        }
        return notFound();
    }

    private Answer createRef(Repo repo, JsonNode in) {
        if (!repo.push) {
            return new Answer(403, error("Resource not accessible by integration", DOCS + "/git/refs#create-a-reference"));
        }
        String ref = in.path("ref").asText("");
        String sha = in.path("sha").asText("");
        if (!ref.startsWith("refs/heads/") || sha.isEmpty()) {
            return new Answer(422, error("Invalid request.", DOCS + "/git/refs#create-a-reference"));
        }
        if (!repo.commits.containsKey(sha)) {
            return new Answer(422, error("Object does not exist", DOCS + "/git/refs#create-a-reference"));
        }
        String branch = ref.substring("refs/heads/".length());
        if (repo.branches.containsKey(branch)) {
            return new Answer(422, error("Reference already exists", DOCS + "/git/refs#create-a-reference"));
        }
        repo.branches.put(branch, sha);
        return new Answer(201, refJson(repo, ref, sha));
    }

    private Answer tree(Repo repo, String treeish, boolean recursive) {
        String sha = repo.branches.getOrDefault(treeish, treeish);
        Map<String, byte[]> files = repo.commits.get(sha);
        if (files == null) {
            return new Answer(404, error("Not Found", DOCS + "/git/trees#get-a-tree"));
        }
        ObjectNode t = JSON.createObjectNode();
        t.put("sha", sha1("tree " + sha));
        t.put("url", api(repo, "git/trees/" + sha1("tree " + sha)));
        ArrayNode items = t.putArray("tree");
        java.util.Set<String> dirs = new java.util.TreeSet<>();
        for (String path : files.keySet()) {
            String[] parts = path.split("/");
            StringBuilder d = new StringBuilder();
            for (int i = 0; i < parts.length - 1; i++) {
                d.append(i == 0 ? "" : "/").append(parts[i]);
                dirs.add(d.toString());
            }
        }
        java.util.SortedMap<String, ObjectNode> all = new TreeMap<>();
        for (String d : dirs) {
            if (recursive || !d.contains("/")) {
                all.put(d, JSON.createObjectNode().put("path", d).put("mode", "040000").put("type", "tree")
                        .put("sha", sha1("dir " + sha + d)).put("url", api(repo, "git/trees/" + sha1("dir " + sha + d))));
            }
        }
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            if (recursive || !f.getKey().contains("/")) {
                String blob = blobSha(f.getValue());
                all.put(f.getKey(), JSON.createObjectNode().put("path", f.getKey()).put("mode", "100644").put("type", "blob")
                        .put("sha", blob).put("size", f.getValue().length).put("url", api(repo, "git/blobs/" + blob)));
            }
        }
        List<ObjectNode> list = new ArrayList<>(all.values());
        if (repo.truncatedTree) {
            list = list.subList(0, Math.min(1, list.size()));
        }
        list.forEach(items::add);
        t.put("truncated", repo.truncatedTree);
        return new Answer(200, t);
    }

    private Answer getContent(Repo repo, String path, String ref) {
        String sha = repo.branches.getOrDefault(ref == null ? repo.defaultBranch : ref, ref);
        Map<String, byte[]> files = sha == null ? null : repo.commits.get(sha);
        if (files == null) {
            return new Answer(404, error("No commit found for the ref " + ref, DOCS + "/repos/contents#get-repository-content"));
        }
        byte[] content = files.get(path);
        if (content == null) {
            return new Answer(404, error("Not Found", DOCS + "/repos/contents#get-repository-content"));
        }
        return new Answer(200, contentJson(repo, path, content, ref == null ? repo.defaultBranch : ref, true));
    }

    private Answer putContent(Repo repo, String path, JsonNode in) {
        if (!repo.push) {
            return new Answer(403, error("Resource not accessible by integration", DOCS + "/repos/contents#create-or-update-file-contents"));
        }
        if (!in.hasNonNull("message") || !in.hasNonNull("content")) {
            return new Answer(422, error("Invalid request.\n\n\"message\" and \"content\" are required.",
                    DOCS + "/repos/contents#create-or-update-file-contents"));
        }
        String branch = in.path("branch").asText(repo.defaultBranch);
        if (!repo.branches.containsKey(branch)) {
            return new Answer(404, error("Branch " + branch + " not found", DOCS + "/repos/contents#create-or-update-file-contents"));
        }
        byte[] content = Base64.getMimeDecoder().decode(in.get("content").asText());
        byte[] old = repo.commits.get(repo.branches.get(branch)).get(path);
        if (old != null && !blobSha(old).equals(in.path("sha").asText())) {
            return new Answer(422, error("Invalid request.\n\n\"sha\" wasn't supplied.", DOCS + "/repos/contents#create-or-update-file-contents"));
        }
        String commit = repo.commit(branch, Map.of(path, new String(content, StandardCharsets.UTF_8)));
        ObjectNode r = JSON.createObjectNode();
        r.set("content", contentJson(repo, path, content, branch, false));
        ObjectNode c = r.putObject("commit");
        c.put("sha", commit).put("url", api(repo, "git/commits/" + commit)).put("message", in.get("message").asText());
        return new Answer(old == null ? 201 : 200, r);
    }

    private Answer createPull(Repo repo, JsonNode in) {
        String head = in.path("head").asText("");
        String base = in.path("base").asText("");
        if (in.path("title").asText("").isEmpty() || head.isEmpty() || base.isEmpty()) {
            return new Answer(422, error("Validation Failed", DOCS + "/pulls/pulls#create-a-pull-request"));
        }
        String headBranch = head.contains(":") ? head.substring(head.indexOf(':') + 1) : head;
        if (!repo.branches.containsKey(headBranch) || !repo.branches.containsKey(base)) {
            return new Answer(422, error("Validation Failed", DOCS + "/pulls/pulls#create-a-pull-request"));
        }
        for (ObjectNode pr : repo.pulls) {
            if (pr.path("state").asText().equals("open") && pr.path("head").path("ref").asText().equals(headBranch)) {
                return new Answer(422, error("Validation Failed: A pull request already exists for "
                        + repo.owner + ":" + headBranch + ".", DOCS + "/pulls/pulls#create-a-pull-request"));
            }
        }
        int number = repo.pulls.size() + 1;
        ObjectNode pr = JSON.createObjectNode();
        pr.put("id", ids.incrementAndGet()).put("number", number).put("state", "open").put("locked", false)
                .put("title", in.get("title").asText()).put("body", in.path("body").asText(null))
                .put("url", api(repo, "pulls/" + number)).put("html_url", repo.url() + "/pull/" + number)
                .put("draft", in.path("draft").asBoolean(false)).put("merged", false)
                .put("created_at", Instant.now().toString()).put("updated_at", Instant.now().toString());
        pr.putObject("user").put("login", login).put("id", 1).put("type", "User");
        ObjectNode h = pr.putObject("head");
        h.put("label", repo.owner + ":" + headBranch).put("ref", headBranch).put("sha", repo.branches.get(headBranch));
        h.set("repo", repoJson(repo));
        ObjectNode b = pr.putObject("base");
        b.put("label", repo.owner + ":" + base).put("ref", base).put("sha", repo.branches.get(base));
        b.set("repo", repoJson(repo));
        repo.pulls.add(pr);
        return new Answer(201, pr);
    }

    private Answer listPulls(Repo repo, Map<String, String> q) {
        String state = q.getOrDefault("state", "open");
        String head = q.get("head");
        List<ObjectNode> match = repo.pulls.stream()
                .filter(pr -> state.equals("all") || pr.path("state").asText().equals(state))
                .filter(pr -> head == null || pr.path("head").path("label").asText().equals(head))
                .toList();
        int perPage = Math.min(100, Integer.parseInt(q.getOrDefault("per_page", "30")));
        int page = Integer.parseInt(q.getOrDefault("page", "1"));
        int from = Math.min(match.size(), (page - 1) * perPage);
        ArrayNode a = JSON.createArrayNode();
        match.subList(from, Math.min(match.size(), from + perPage)).forEach(a::add);
        int last = Math.max(1, (match.size() + perPage - 1) / perPage);
        Map<String, String> h = new LinkedHashMap<>();
        if (page < last) {
            StringBuilder base = new StringBuilder(apiUrl() + "/repos/" + repo.owner + "/" + repo.name + "/pulls?state=" + state);
            if (head != null) {
                base.append("&head=").append(java.net.URLEncoder.encode(head, StandardCharsets.UTF_8));
            }
            base.append("&per_page=").append(perPage);
            h.put("link", "<" + base + "&page=" + (page + 1) + ">; rel=\"next\", <" + base + "&page=" + last + ">; rel=\"last\"");
        }
        return new Answer(200, a, h);
    }

    private void send(HttpExchange ex, Answer a, Map<String, String> requestHeaders) throws IOException {
        byte[] bytes = a.body == null ? new byte[0] : JSON.writeValueAsBytes(a.body);
        String etag = "W/\"" + sha256(bytes) + "\"";
        boolean get = ex.getRequestMethod().equals("GET");
        boolean notModified = get && a.status == 200 && etag.equals(requestHeaders.get("if-none-match"));
        var h = ex.getResponseHeaders();
        h.set("Content-Type", "application/json; charset=utf-8");
        h.set("Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
        h.set("X-GitHub-Api-Version-Selected", "2022-11-28");
        h.set("x-ratelimit-limit", "5000");
        h.set("x-ratelimit-resource", "core");
        int left = notModified ? remaining.get() : Math.max(0, remaining.decrementAndGet());
        h.set("x-ratelimit-remaining", Integer.toString(left));
        h.set("x-ratelimit-used", Integer.toString(5000 - left));
        h.set("x-ratelimit-reset", Long.toString(Instant.now().getEpochSecond() + 3600));
        a.headers.forEach(h::set);
        if (get && a.status == 200) {
            h.set("ETag", etag);
            h.set("Cache-Control", "private, max-age=60, s-maxage=60");
        }
        if (notModified) {
            ex.sendResponseHeaders(304, -1);
            return;
        }
        ex.sendResponseHeaders(a.status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
    }

    // ------------------------------------------------------------------------------------------------ shapes

    private ObjectNode repoJson(Repo r) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", r.id).put("node_id", "R_" + r.id).put("name", r.name).put("full_name", r.fullName())
                .put("private", r.isPrivate).put("html_url", r.url()).put("description", (String) null)
                .put("fork", false).put("url", apiUrl() + "/repos/" + r.fullName())
                .put("clone_url", r.url() + ".git").put("default_branch", r.defaultBranch)
                .put("archived", r.archived).put("disabled", false)
                .put("visibility", r.isPrivate ? "private" : "public");
        n.putObject("owner").put("login", r.owner).put("id", 1).put("type", "Organization")
                .put("url", apiUrl() + "/users/" + r.owner);
        n.putObject("permissions").put("admin", false).put("maintain", false).put("push", r.push)
                .put("triage", r.push).put("pull", true);
        return n;
    }

    private ObjectNode refJson(Repo repo, String ref, String sha) {
        ObjectNode n = JSON.createObjectNode();
        n.put("ref", ref).put("node_id", "REF_" + sha.substring(0, 8)).put("url", api(repo, "git/" + ref));
        n.putObject("object").put("type", "commit").put("sha", sha).put("url", api(repo, "git/commits/" + sha));
        return n;
    }

    private ObjectNode contentJson(Repo repo, String path, byte[] content, String ref, boolean withContent) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        String blob = blobSha(content);
        ObjectNode n = JSON.createObjectNode();
        n.put("type", "file").put("size", content.length).put("name", name).put("path", path).put("sha", blob)
                .put("url", api(repo, "contents/" + path + "?ref=" + ref))
                .put("git_url", api(repo, "git/blobs/" + blob))
                .put("html_url", repo.url() + "/blob/" + ref + "/" + path)
                .put("download_url", "https://raw.githubusercontent.com/" + repo.fullName() + "/" + ref + "/" + path);
        if (withContent) {
            n.put("encoding", "base64").put("content", Base64.getMimeEncoder(60, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(content) + "\n");
        }
        n.putObject("_links").put("self", n.get("url").asText()).put("git", n.get("git_url").asText())
                .put("html", n.get("html_url").asText());
        return n;
    }

    private String api(Repo r, String tail) {
        return apiUrl() + "/repos/" + r.fullName() + "/" + tail;
    }

    private static Answer notFound() {
        return new Answer(404, error("Not Found", DOCS));
    }

    private static ObjectNode error(String message, String docs) {
        return JSON.createObjectNode().put("message", message).put("documentation_url", docs);
    }

    private static JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw != null) {
            for (String kv : raw.split("&")) {
                int i = kv.indexOf('=');
                q.put(dec(i < 0 ? kv : kv.substring(0, i)), i < 0 ? "" : dec(kv.substring(i + 1)));
            }
        }
        return q;
    }

    private static String dec(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    static String blobSha(byte[] content) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-1");
            md.update(("blob " + content.length + "\0").getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(md.digest(content));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha1(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b)).substring(0, 32);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
