package org.the1studio.upm.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.the1studio.upm.core.secret.Secret;

class GitHubApiTest {
    static final String TOKEN = "FAKE-github-token-for-stand-in-tests";
    GitHubStandIn gh;
    GitHubStandIn.Repo tools;
    RepoRef ref = RepoRef.parse("https://github.com/acme/tools");

    @BeforeEach
    void start() throws Exception {
        gh = GitHubStandIn.start().requireToken(TOKEN);
        tools = gh.repo("acme", "tools");
        tools.addPackage("Packages/com.acme.tools", "com.acme.tools", "1.2.0");
    }

    @AfterEach
    void stop() {
        gh.close();
    }

    GitHubApi api() throws Exception {
        return new GitHubApi(GitHubSettings.of(gh.apiUrl(), Secret.of(TOKEN)).withMaxRateLimitWait(Duration.ofSeconds(5)));
    }

    @Test
    void readsRepositoryBranchTreeAndContents() throws Exception {
        GitHubApi api = api();
        GitHubApi.RepoInfo info = api.repository(ref);
        assertThat(info.defaultBranch()).isEqualTo("main");
        assertThat(info.canPush()).isTrue();
        assertThat(info.isPrivate()).isFalse();
        String head = api.branchHead(ref, "main");
        assertThat(head).isEqualTo(tools.head("main"));
        GitHubApi.RepoTree tree = api.tree(ref, head);
        assertThat(tree.truncated()).isFalse();
        assertThat(tree.entries()).extracting(GitHubApi.TreeEntry::path)
                .contains("Packages/com.acme.tools/package.json", "Packages/com.acme.tools/Runtime/Code.cs", "Packages");
        assertThat(api.file(ref, "Packages/com.acme.tools/package.json", head).orElseThrow().text())
                .contains("\"version\": \"1.2.0\"");
        assertThat(api.file(ref, "Jenkinsfile", head)).isEmpty();

        List<GitHubStandIn.Request> sent = gh.requests();
        assertThat(sent).extracting(r -> r.method() + " " + r.path() + (r.query() == null ? "" : "?" + r.query()))
                .containsExactly(
                        "GET /repos/acme/tools",
                        "GET /repos/acme/tools/git/ref/heads/main",
                        "GET /repos/acme/tools/git/trees/" + head + "?recursive=1",
                        "GET /repos/acme/tools/contents/Packages/com.acme.tools/package.json?ref=" + head,
                        "GET /repos/acme/tools/contents/Jenkinsfile?ref=" + head);
        assertThat(sent).allSatisfy(r -> {
            assertThat(r.header("authorization")).isEqualTo("Bearer " + TOKEN);
            assertThat(r.header("accept")).isEqualTo("application/vnd.github+json");
            assertThat(r.header("x-github-api-version")).isEqualTo("2022-11-28");
            assertThat(r.header("user-agent")).isNotBlank();
        });
    }

    @Test
    void secondReadIsConditionalAndFree(@TempDir Path cache) throws Exception {
        GitHubSettings s = GitHubSettings.of(gh.apiUrl(), Secret.of(TOKEN)).withHttpCacheDir(cache);
        GitHubApi first = new GitHubApi(s);
        String head = first.branchHead(ref, "main");
        first.tree(ref, head);
        gh.clearRequests();
        GitHubApi second = new GitHubApi(s); // a new run: the answers come from the disk cache
        assertThat(second.branchHead(ref, "main")).isEqualTo(head);
        assertThat(second.tree(ref, head).entries()).isNotEmpty();
        assertThat(gh.requests()).allSatisfy(r -> assertThat(r.header("if-none-match")).startsWith("W/\""));
        assertThat(second.stats().requests()).isEqualTo(2);
        assertThat(second.stats().notModified()).isEqualTo(2);

        tools.addPackage("Packages/com.acme.more", "com.acme.more", "0.1.0");
        assertThat(second.branchHead(ref, "main")).isEqualTo(tools.head("main")).isNotEqualTo(head);
    }

    @Test
    void missingAndInvisiblePrivateRepositoriesAreNotFound() throws Exception {
        gh.repo("acme", "secret").makePrivate(false).addPackage("", "com.acme.secret", "1.0.0");
        GitHubApi api = api();
        assertThatThrownBy(() -> api.repository(RepoRef.parse("https://github.com/acme/nope")))
                .isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.kind()).isEqualTo(GitHubException.Kind.NOT_FOUND))
                .hasMessageContaining("acme/nope").hasMessageContaining("private one the token cannot see");
        assertThatThrownBy(() -> api.repository(RepoRef.parse("https://github.com/acme/secret")))
                .isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.kind()).isEqualTo(GitHubException.Kind.NOT_FOUND))
                .hasMessageContaining("acme/secret");
        gh.repo("acme", "secret").makePrivate(true);
        assertThat(api.repository(RepoRef.parse("https://github.com/acme/secret")).isPrivate()).isTrue();
    }

    @Test
    void badTokenIsUnauthorizedAndNeverEchoed() throws Exception {
        String wrong = "ghp_wrongToken99999999";
        GitHubApi api = new GitHubApi(GitHubSettings.of(gh.apiUrl(), Secret.of(wrong)));
        assertThatThrownBy(() -> api.repository(ref))
                .isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.kind()).isEqualTo(GitHubException.Kind.UNAUTHORIZED))
                .hasMessageContaining("Bad credentials").hasMessageNotContaining(wrong);
    }

    @Test
    void primaryRateLimitWaitsForTheResetThenSucceeds() throws Exception {
        GitHubApi api = api();
        gh.primaryLimit(1, Instant.now().getEpochSecond() + 1);
        assertThat(api.repository(ref).defaultBranch()).isEqualTo("main");
        assertThat(api.stats().rateLimitWaits()).isEqualTo(1);
        assertThat(gh.requests()).hasSize(2);
    }

    @Test
    void primaryRateLimitResettingTooLateFailsWithTheResetTime() throws Exception {
        GitHubApi api = api();
        long reset = Instant.now().getEpochSecond() + 3600;
        gh.primaryLimit(1, reset);
        assertThatThrownBy(() -> api.repository(ref))
                .isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.kind()).isEqualTo(GitHubException.Kind.RATE_LIMITED))
                .hasMessageContaining("rate limit").hasMessageContaining(Instant.ofEpochSecond(reset).toString());
        assertThat(gh.requests()).hasSize(1);
        assertThat(api.stats().rateLimitWaits()).isZero();
    }

    @Test
    void secondaryRateLimitWaitsRetryAfter() throws Exception {
        GitHubApi api = api();
        gh.secondaryLimit(1, 1);
        long start = System.nanoTime();
        assertThat(api.branchHead(ref, "main")).isEqualTo(tools.head("main"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
        assertThat(api.stats().secondaryWaits()).isEqualTo(1);
        gh.secondaryLimit(1, 600);
        assertThatThrownBy(() -> api.tree(ref, tools.head("main")))
                .isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.kind()).isEqualTo(GitHubException.Kind.RATE_LIMITED))
                .hasMessageContaining("secondary rate limit");
    }

    @Test
    void branchFilePullRequestWithDocumentedBodies() throws Exception {
        GitHubApi api = api();
        String head = api.branchHead(ref, "main");
        gh.clearRequests();
        api.createBranch(ref, "upm/register", head);
        String commit = api.putFile(ref, "upm/register", "Jenkinsfile", "upmPublish()\n".getBytes(StandardCharsets.UTF_8),
                "Add Jenkinsfile", null);
        GitHubApi.PullRequestInfo pr = api.openPullRequest(ref, "upm/register", "main", "Publish with UPM", "body text");
        assertThat(commit).isEqualTo(tools.head("upm/register"));
        assertThat(pr.number()).isEqualTo(1);
        assertThat(pr.htmlUrl()).isEqualTo("https://github.com/acme/tools/pull/1");
        assertThat(pr.headBranch()).isEqualTo("upm/register");

        List<GitHubStandIn.Request> sent = gh.requests();
        assertThat(sent).extracting(r -> r.method() + " " + r.path())
                .containsExactly("POST /repos/acme/tools/git/refs", "PUT /repos/acme/tools/contents/Jenkinsfile",
                        "POST /repos/acme/tools/pulls");
        assertThat(sent.get(0).json().get("ref").asText()).isEqualTo("refs/heads/upm/register");
        assertThat(sent.get(0).json().get("sha").asText()).isEqualTo(head);
        assertThat(sent.get(1).json().get("branch").asText()).isEqualTo("upm/register");
        assertThat(sent.get(1).json().get("message").asText()).isEqualTo("Add Jenkinsfile");
        assertThat(new String(Base64.getMimeDecoder().decode(sent.get(1).json().get("content").asText()), StandardCharsets.UTF_8))
                .isEqualTo("upmPublish()\n");
        assertThat(sent.get(2).json().get("head").asText()).isEqualTo("upm/register");
        assertThat(sent.get(2).json().get("base").asText()).isEqualTo("main");
        assertThat(sent.get(2).json().get("title").asText()).isEqualTo("Publish with UPM");

        assertThatThrownBy(() -> api.createBranch(ref, "upm/register", head))
                .isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.kind()).isEqualTo(GitHubException.Kind.UNPROCESSABLE))
                .hasMessageContaining("Reference already exists");
    }

    @Test
    void pullRequestListsFollowPagination() throws Exception {
        GitHubApi api = api();
        String head = tools.head("main");
        api.createBranch(ref, "feature", head);
        for (int i = 0; i < 130; i++) {
            api.openPullRequest(ref, "feature", "main", "PR " + i, null);
            tools.pulls().get(i).put("state", "closed");
        }
        gh.clearRequests();
        List<GitHubApi.PullRequestInfo> all = api.pullRequests(ref, "feature");
        assertThat(all).hasSize(130);
        assertThat(all.get(129).title()).isEqualTo("PR 129");
        assertThat(gh.requests()).extracting(GitHubStandIn.Request::query)
                .allSatisfy(q -> assertThat(q).contains("state=all").contains("head=acme%3Afeature").contains("per_page=100"))
                .hasSize(2);
    }

    @Test
    void unreachableApiIsUnavailable() throws Exception {
        GitHubApi api = new GitHubApi(new GitHubSettings(URI.create("http://127.0.0.1:9"), null, Duration.ofSeconds(2),
                Duration.ofSeconds(2), null, null));
        assertThatThrownBy(() -> api.repository(ref))
                .isInstanceOfSatisfying(GitHubException.class, e -> assertThat(e.kind()).isEqualTo(GitHubException.Kind.UNAVAILABLE));
    }

    @Test
    void truncatedTreesAreReported() throws Exception {
        tools.truncatedTree(true);
        assertThat(api().tree(ref, tools.head("main")).truncated()).isTrue();
    }

    static Map<String, String> files(String... kv) {
        java.util.LinkedHashMap<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
