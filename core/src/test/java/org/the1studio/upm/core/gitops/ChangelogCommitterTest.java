package org.the1studio.upm.core.gitops;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.the1studio.upm.core.secret.Secret;
import org.the1studio.upm.core.testing.GitFixture;

/** Commit-back against real bare remotes, with a second clone that pushes concurrently. */
class ChangelogCommitterTest {
    private static final String A_LOG = "Packages/com.acme.a/CHANGELOG.md";
    private static final String B_LOG = "Packages/com.acme.b/CHANGELOG.md";
    private static final List<String> IDS = List.of("com.acme.a@1.2.0", "com.acme.b@0.3.0");
    private static final String MESSAGE = "docs(changelog): com.acme.a@1.2.0, com.acme.b@0.3.0 [skip ci]";

    @TempDir
    Path tmp;

    private GitFixture repo;
    private Path bare;

    @BeforeEach
    void setUp() {
        repo = GitFixture.init(tmp.resolve("repo"));
        repo.write("Packages/com.acme.a/package.json", GitFixture.unityManifest("com.acme.a", "1.2.0"))
                .write("Packages/com.acme.b/package.json", GitFixture.unityManifest("com.acme.b", "0.3.0"))
                .write(A_LOG, "# Changelog\n")
                .write("README.md", "readme\n")
                .commit("feat: packages");
        bare = repo.createBareRemote(tmp.resolve("origin.git"));
    }

    private static CommitBackSettings settings(int attempts) {
        return new CommitBackSettings("upm-bot", "bot@example.com", "origin", "main", attempts, null, null);
    }

    private void writeChangelogs() {
        repo.write(A_LOG, "# Changelog\n\n## [1.2.0] - 2024-06-01\n\n- A\n")
                .write(B_LOG, "# Changelog\n\n## [0.3.0] - 2024-06-01\n\n- B\n");
    }

    private String remote(String... args) {
        List<String> all = new ArrayList<>(List.of("--git-dir=" + bare));
        all.addAll(List.of(args));
        return repo.runGit(all.toArray(String[]::new));
    }

    /** Another developer's clone of the remote that commits {@code path} and pushes. */
    private IntConsumer otherPushes(String path, int times) {
        GitFixture other = GitFixture.cloneOf(bare, tmp.resolve("other"));
        AtomicInteger n = new AtomicInteger();
        return attempt -> {
            if (n.get() < times) {
                int i = n.incrementAndGet();
                other.write(path, "other change " + i + "\n").commit("fix: other change " + i);
                other.push();
            }
        };
    }

    @ParameterizedTest
    @EnumSource(value = ChangelogCommitter.Transport.class, names = {"JGIT", "CLI"})
    void commitsOnlyTheChangelogsAsTheBotAndPushes(ChangelogCommitter.Transport transport) throws Exception {
        writeChangelogs();
        repo.write("README.md", "staged but not ours\n");
        repo.git().add().addFilepattern("README.md").call();
        repo.write("Packages/com.acme.a/package.json", "{ \"unstaged\": true }\n");

        CommitBackResult r = new ChangelogCommitter(transport, a -> { })
                .commitAndPush(repo.root(), List.of(A_LOG, B_LOG), IDS, settings(3));

        assertThat(r.pushed()).isTrue();
        assertThat(r.onBranch()).isTrue();
        assertThat(r.fallbackBranch()).isNull();
        assertThat(r.detail()).contains("pushed").contains("origin/main");
        assertThat(r.commitId()).isEqualTo(remote("rev-parse", "main")).isEqualTo(repo.head());
        assertThat(remote("log", "-1", "--format=%s|%an|%ae|%cn|%ce", "main"))
                .isEqualTo(MESSAGE + "|upm-bot|bot@example.com|upm-bot|bot@example.com");
        assertThat(remote("show", "--name-only", "--format=", "main").lines().toList())
                .containsExactlyInAnyOrder(A_LOG, B_LOG);
        assertThat(repo.runGit("status", "--porcelain").lines().toList())
                .containsExactlyInAnyOrder("M  README.md", " M Packages/com.acme.a/package.json");
    }

    @ParameterizedTest
    @EnumSource(value = ChangelogCommitter.Transport.class, names = {"JGIT", "CLI"})
    void aConcurrentPushIsFetchedRebasedOntoAndRetried(ChangelogCommitter.Transport transport) {
        writeChangelogs();
        IntConsumer race = otherPushes("Packages/com.acme.a/Runtime/Other.cs", 1);

        CommitBackResult r = new ChangelogCommitter(transport, race)
                .commitAndPush(repo.root(), List.of(A_LOG, B_LOG), IDS, settings(3));

        assertThat(r.onBranch()).as(r.detail()).isTrue();
        assertThat(r.detail()).contains("after rebasing").contains("attempt 2 of 3");
        assertThat(r.commitId()).isEqualTo(remote("rev-parse", "main")).isNotEqualTo(repo.head());
        assertThat(remote("log", "--format=%s", "main").lines().limit(2).toList())
                .containsExactly(MESSAGE, "fix: other change 1");
        assertThat(remote("show", "main:" + A_LOG)).contains("## [1.2.0]");
        assertThat(remote("show", "main:Packages/com.acme.a/Runtime/Other.cs")).isEqualTo("other change 1");
        assertThat(remote("log", "-1", "--format=%an|%cn", "main")).isEqualTo("upm-bot|upm-bot");
    }

    @ParameterizedTest
    @EnumSource(value = ChangelogCommitter.Transport.class, names = {"JGIT", "CLI"})
    void aConflictingChangeToTheSameChangelogGoesToASideBranch(ChangelogCommitter.Transport transport) {
        writeChangelogs();
        IntConsumer race = otherPushes(A_LOG, 1);

        CommitBackResult r = new ChangelogCommitter(transport, race)
                .commitAndPush(repo.root(), List.of(A_LOG, B_LOG), IDS, settings(3));

        assertThat(r.pushed()).isTrue();
        assertThat(r.onBranch()).isFalse();
        assertThat(r.fallbackBranch()).isEqualTo("upm/changelog-com.acme.a-1.2.0-and-1-more");
        assertThat(r.commitId()).isEqualTo(repo.head());
        assertThat(r.detail()).contains("same changelog").contains("open a pull request from " + r.fallbackBranch()
                + " into main");
        assertThat(remote("rev-parse", r.fallbackBranch())).isEqualTo(repo.head());
        assertThat(remote("log", "-1", "--format=%s", "main")).isEqualTo("fix: other change 1");
    }

    @Test
    void aBranchThatKeepsMovingEndsOnASideBranchAfterTheAttempts() {
        writeChangelogs();
        IntConsumer race = otherPushes("Other.txt", 10);

        CommitBackResult r = new ChangelogCommitter(ChangelogCommitter.Transport.JGIT, race)
                .commitAndPush(repo.root(), List.of(A_LOG), IDS, settings(2));

        assertThat(r.fallbackBranch()).startsWith("upm/changelog-");
        assertThat(r.detail()).contains("kept moving").contains("2 push attempts");
        assertThat(remote("rev-parse", r.fallbackBranch())).isEqualTo(r.commitId());
        assertThat(remote("log", "-1", "--format=%s", r.fallbackBranch())).isEqualTo(
                "docs(changelog): com.acme.a@1.2.0, com.acme.b@0.3.0 [skip ci]");
        assertThat(remote("log", "-1", "--format=%s", "main")).as("one competing push before each of our 2")
                .isEqualTo("fix: other change 2");
    }

    @ParameterizedTest
    @EnumSource(value = ChangelogCommitter.Transport.class, names = {"JGIT", "CLI"})
    void aProtectedBranchRefusalGoesToASideBranch(ChangelogCommitter.Transport transport) throws IOException {
        Path hook = bare.resolve("hooks/pre-receive");
        Files.createDirectories(hook.getParent());
        Files.writeString(hook, "#!/bin/sh\nwhile read old new ref; do\n  if [ \"$ref\" = refs/heads/main ]; then\n"
                + "    echo \"GH006: Protected branch update failed for refs/heads/main.\"; exit 1\n  fi\ndone\nexit 0\n");
        Files.setPosixFilePermissions(hook, PosixFilePermissions.fromString("rwxr-xr-x"));
        // JGit's in-process receive-pack runs no hooks; it forks an external one (which does, as a real server would)
        // when the configured command is not the default "git-receive-pack"
        repo.runGit("config", "remote.origin.receivepack", repo.runGit("--exec-path") + "/git-receive-pack");
        writeChangelogs();

        CommitBackResult r = new ChangelogCommitter(transport, a -> { })
                .commitAndPush(repo.root(), List.of(A_LOG), IDS, settings(3));

        assertThat(r.fallbackBranch()).as(r.detail()).isEqualTo("upm/changelog-com.acme.a-1.2.0-and-1-more");
        assertThat(r.detail()).contains("refused").contains("open a pull request");
        assertThat(remote("rev-parse", r.fallbackBranch())).isEqualTo(repo.head());
    }

    @Test
    void aDetachedHeadNeedsTheBranchAndThenPushesToIt() {
        repo.checkout(repo.head());
        writeChangelogs();
        CommitBackSettings noBranch = new CommitBackSettings(null, null, null, null, 0, null, null);

        CommitBackResult refused = new ChangelogCommitter().commitAndPush(repo.root(), List.of(A_LOG), IDS, noBranch);
        assertThat(refused.pushed()).isFalse();
        assertThat(refused.commitId()).isNull();
        assertThat(refused.detail()).contains("detached").contains("branch");

        CommitBackResult r = new ChangelogCommitter().commitAndPush(repo.root(), List.of(A_LOG), IDS,
                new CommitBackSettings(null, null, null, "origin/main", 0, null, null));
        assertThat(r.onBranch()).as(r.detail()).isTrue();
        assertThat(remote("log", "-1", "--format=%an <%ae>", "main"))
                .isEqualTo(CommitBackSettings.DEFAULT_BOT_NAME + " <" + CommitBackSettings.DEFAULT_BOT_EMAIL + ">");
    }

    @Test
    void unchangedChangelogsNeedNoCommit() {
        String before = remote("rev-parse", "main");
        CommitBackResult r = new ChangelogCommitter().commitAndPush(repo.root(), List.of(A_LOG), IDS, settings(3));
        assertThat(r.pushed()).isTrue();
        assertThat(r.commitId()).isEqualTo(before).isEqualTo(repo.head());
        assertThat(r.detail()).contains("nothing to commit");
        assertThat(remote("rev-parse", "main")).isEqualTo(before);
    }

    @Test
    void badInputsAreReportedNotThrown() throws IOException {
        ChangelogCommitter c = new ChangelogCommitter();
        assertThat(c.commitAndPush(repo.root(), List.of(), IDS, settings(3)).detail()).contains("no changelog");
        assertThat(c.commitAndPush(repo.root(), List.of("../outside/CHANGELOG.md"), IDS, settings(3)).detail())
                .contains("not a repository-relative path");
        assertThat(c.commitAndPush(Files.createDirectories(tmp.resolve("plain")), List.of(A_LOG), IDS, settings(3))
                .detail()).contains("not a git work tree");
        assertThat(c.commitAndPush(null, List.of(A_LOG), IDS, settings(3)).pushed()).isFalse();
    }

    @Test
    void httpsPushesSendTheTokenAsBasicAuthAndNeverReportIt() throws Exception {
        String token = "ghs_0123456789abcdefTOKENVALUE";
        List<String> authorizations = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (auth != null) {
                authorizations.add(auth);
            }
            ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"GitHub\"");
            byte[] body = ("denied for " + token + "\n").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(401, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.start();
        try {
            repo.runGit("remote", "set-url", "origin",
                    "http://127.0.0.1:" + server.getAddress().getPort() + "/acme/tools.git");
            writeChangelogs();

            CommitBackResult r = new ChangelogCommitter().commitAndPush(repo.root(), List.of(A_LOG), IDS,
                    new CommitBackSettings("upm-bot", "bot@example.com", "origin", "main", 3, null, Secret.of(token)));

            assertThat(r.pushed()).isFalse();
            assertThat(r.commitId()).isEqualTo(repo.head());
            assertThat(r.detail()).contains("cannot push").contains("credentials").doesNotContain(token);
            assertThat(authorizations).isNotEmpty().allSatisfy(a -> assertThat(a).isEqualTo("Basic "
                    + Base64.getEncoder().encodeToString(("x-access-token:" + token).getBytes(StandardCharsets.UTF_8))));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void settingsHaveDefaultsAndNormaliseTheBranch() {
        CommitBackSettings d = new CommitBackSettings(" ", null, null, "refs/heads/release/2.x", 0, "", null);
        assertThat(d.botName()).isEqualTo(CommitBackSettings.DEFAULT_BOT_NAME);
        assertThat(d.remote()).isEqualTo("origin");
        assertThat(d.branch()).isEqualTo("release/2.x");
        assertThat(d.maxPushAttempts()).isEqualTo(3);
        assertThat(d.username()).isNull();
        assertThat(new CommitBackSettings(null, null, "upstream", "upstream/main", 1, null, null).branch()).isEqualTo("main");
        assertThat(new CommitBackSettings(null, null, null, "feature/x", 1, null, Secret.of("tok-12345")).toString())
                .doesNotContain("tok-12345");
    }

    @Test
    void theMessageListsThePackagesAndStaysBounded() {
        assertThat(ChangelogCommitter.message(IDS)).isEqualTo(MESSAGE);
        assertThat(ChangelogCommitter.message(List.of())).isEqualTo("docs(changelog): update [skip ci]");
        List<String> many = IntStream.range(0, 15).mapToObj(i -> "com.acme.p" + i + "@1.0.0").toList();
        assertThat(ChangelogCommitter.message(many)).contains("com.acme.p9@1.0.0 and 5 more [skip ci]")
                .doesNotContain("p10@");
    }

    @Test
    void theSideBranchIsNamedAfterTheFirstPackageAndIsAValidRefName() {
        assertThat(ChangelogCommitter.sideBranch(List.of("com.acme.a@1.2.0"))).isEqualTo("upm/changelog-com.acme.a-1.2.0");
        assertThat(ChangelogCommitter.sideBranch(IDS)).isEqualTo("upm/changelog-com.acme.a-1.2.0-and-1-more");
        assertThat(ChangelogCommitter.sideBranch(List.of("@scope/x@2.0.0-rc.1+build..7")))
                .isEqualTo("upm/changelog--scope-x-2.0.0-rc.1-build.7");
        assertThat(org.eclipse.jgit.lib.Repository.isValidRefName("refs/heads/"
                + ChangelogCommitter.sideBranch(List.of("com.x@1.0.0 ~^:?*[\\")))).isTrue();
    }
}
