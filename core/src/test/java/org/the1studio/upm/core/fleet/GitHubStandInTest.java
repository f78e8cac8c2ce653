package org.the1studio.upm.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stand-in answers with the shapes GitHub documents (docs.github.com/rest, 2022-11-28): the fields the fleet reads
 * and the ones a client commonly relies on, the rate-limit headers, 304 for a matching {@code If-None-Match}, the
 * {@code Link} header's format, and both kinds of rate limit. If it drifted from the real API, the fleet's tests
 * would prove nothing.
 */
class GitHubStandInTest {
    static final ObjectMapper JSON = new ObjectMapper();
    GitHubStandIn gh;
    GitHubStandIn.Repo repo;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        gh = GitHubStandIn.start();
        repo = gh.repo("acme", "tools");
        repo.addPackage("Packages/com.acme.tools", "com.acme.tools", "1.0.0");
    }

    @AfterEach
    void stop() {
        gh.close();
    }

    HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gh.apiUrl() + path));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void hasFields(JsonNode n, String... paths) {
        for (String p : paths) {
            JsonNode at = n;
            for (String part : p.split("\\.")) {
                at = at.path(part);
            }
            assertThat(at.isMissingNode()).as("documented field %s in %s", p, n).isFalse();
        }
    }

    @Test
    void repositoryRefTreeAndContentsHaveTheDocumentedFields() throws Exception {
        HttpResponse<String> r = get("/repos/acme/tools");
        assertThat(r.statusCode()).isEqualTo(200);
        for (String h : List.of("x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset", "x-ratelimit-used",
                "x-ratelimit-resource", "etag", "date")) {
            assertThat(r.headers().firstValue(h)).as(h).isPresent();
        }
        hasFields(JSON.readTree(r.body()), "id", "node_id", "name", "full_name", "private", "owner.login", "owner.type",
                "html_url", "url", "default_branch", "archived", "disabled", "visibility", "permissions.admin",
                "permissions.push", "permissions.pull");

        JsonNode ref = JSON.readTree(get("/repos/acme/tools/git/ref/heads/main").body());
        hasFields(ref, "ref", "node_id", "url", "object.type", "object.sha", "object.url");
        assertThat(ref.get("ref").asText()).isEqualTo("refs/heads/main");

        JsonNode tree = JSON.readTree(get("/repos/acme/tools/git/trees/" + repo.head("main") + "?recursive=1").body());
        hasFields(tree, "sha", "url", "tree", "truncated");
        for (JsonNode e : tree.get("tree")) {
            hasFields(e, "path", "mode", "type", "sha", "url");
            if (e.get("type").asText().equals("blob")) {
                hasFields(e, "size");
            }
        }
        JsonNode blob = tree.get("tree").findParents("path").stream()
                .filter(e -> e.get("path").asText().endsWith("package.json")).findFirst().orElseThrow();
        assertThat(blob.get("sha").asText()).isEqualTo(GitHubStandIn.blobSha(repo.file("main",
                "Packages/com.acme.tools/package.json").orElseThrow().getBytes()));

        JsonNode content = JSON.readTree(get("/repos/acme/tools/contents/Packages/com.acme.tools/package.json?ref=main").body());
        hasFields(content, "type", "encoding", "size", "name", "path", "content", "sha", "url", "git_url", "html_url",
                "download_url", "_links.self", "_links.git", "_links.html");
        assertThat(content.get("encoding").asText()).isEqualTo("base64");

        JsonNode notFound = JSON.readTree(get("/repos/acme/nope").body());
        hasFields(notFound, "message", "documentation_url");
    }

    @Test
    void conditionalRequestsAnswer304WithoutCounting() throws Exception {
        HttpResponse<String> first = get("/repos/acme/tools");
        String etag = first.headers().firstValue("etag").orElseThrow();
        int remaining = Integer.parseInt(first.headers().firstValue("x-ratelimit-remaining").orElseThrow());
        HttpResponse<String> second = get("/repos/acme/tools", "If-None-Match", etag);
        assertThat(second.statusCode()).isEqualTo(304);
        assertThat(second.body()).isEmpty();
        assertThat(Integer.parseInt(second.headers().firstValue("x-ratelimit-remaining").orElseThrow())).isEqualTo(remaining);
        repo.addPackage("Packages/com.acme.more", "com.acme.more", "1.0.0");
        assertThat(get("/repos/acme/tools/git/ref/heads/main", "If-None-Match", etag).statusCode()).isEqualTo(200);
    }

    @Test
    void rateLimitsLookLikeGitHubs() throws Exception {
        long reset = Instant.now().getEpochSecond() + 60;
        gh.primaryLimit(1, reset);
        HttpResponse<String> primary = get("/repos/acme/tools");
        assertThat(primary.statusCode()).isEqualTo(403);
        assertThat(primary.headers().firstValue("x-ratelimit-remaining")).contains("0");
        assertThat(primary.headers().firstValue("x-ratelimit-reset")).contains(Long.toString(reset));
        assertThat(JSON.readTree(primary.body()).get("message").asText()).startsWith("API rate limit exceeded");

        gh.secondaryLimit(1, 30);
        HttpResponse<String> secondary = get("/repos/acme/tools");
        assertThat(secondary.statusCode()).isEqualTo(403);
        assertThat(secondary.headers().firstValue("retry-after")).contains("30");
        assertThat(JSON.readTree(secondary.body()).get("message").asText()).contains("secondary rate limit");
        assertThat(get("/repos/acme/tools").statusCode()).isEqualTo(200);
    }

    @Test
    void pullRequestListsArePaginatedWithRfc8288Links() throws Exception {
        repo.commit("feature", Map.of("x", "y"));
        for (int i = 0; i < 3; i++) {
            ObjectMapper m = JSON;
            String body = m.writeValueAsString(Map.of("title", "t" + i, "head", "feature", "base", "main"));
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(gh.apiUrl() + "/repos/acme/tools/pulls"))
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).isEqualTo(201);
            hasFields(JSON.readTree(created.body()), "id", "number", "state", "title", "html_url", "url", "head.ref",
                    "head.sha", "head.label", "base.ref", "user.login", "draft", "merged");
            repo.pulls().get(i).put("state", "closed");
        }
        HttpResponse<String> page1 = get("/repos/acme/tools/pulls?state=all&per_page=2");
        assertThat(JSON.readTree(page1.body())).hasSize(2);
        String link = page1.headers().firstValue("link").orElseThrow();
        assertThat(link).matches("<http://127\\.0\\.0\\.1:\\d+/repos/acme/tools/pulls\\?state=all&per_page=2&page=2>; rel=\"next\","
                + " <http://127\\.0\\.0\\.1:\\d+/repos/acme/tools/pulls\\?state=all&per_page=2&page=2>; rel=\"last\"");
        assertThat(GitHubApi.nextLink(link)).endsWith("page=2");
        HttpResponse<String> page2 = get(URI.create(GitHubApi.nextLink(link)).getRawPath() + "?" + URI.create(GitHubApi.nextLink(link)).getRawQuery());
        assertThat(JSON.readTree(page2.body())).hasSize(1);
        assertThat(page2.headers().firstValue("link")).isEmpty();
    }
}
