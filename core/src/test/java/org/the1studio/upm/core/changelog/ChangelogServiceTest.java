package org.the1studio.upm.core.changelog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.the1studio.upm.core.testing.GitFixture;

/** Commit collection and entry preparation on real repositories built by {@link GitFixture}. */
class ChangelogServiceTest {
    private static final String A = "Packages/com.acme.a";
    private static final String B = "Packages/com.acme.b";
    private static final LocalDate DATE = LocalDate.of(2024, 6, 1);

    @TempDir
    Path tmp;

    private final ChangelogService service = new ChangelogService(ChangelogSettings.conventional());

    private static List<String> subjects(List<CommitInfo> commits) {
        return commits.stream().map(CommitInfo::subject).toList();
    }

    /** Two packages; a at 1.0.0 then 1.1.0 (with a manifest-only change in between), b alongside. */
    private GitFixture twoPackages() {
        GitFixture repo = GitFixture.init(tmp.resolve("repo"));
        repo.write(A + "/package.json", GitFixture.unityManifest("com.acme.a", "0.9.0"))
                .write(B + "/package.json", GitFixture.unityManifest("com.acme.b", "2.0.0"))
                .commit("feat: initial packages");
        repo.write(A + "/Runtime/Old.cs", "class Old {}\n").commit("feat(a): old feature");
        repo.write(A + "/package.json", GitFixture.unityManifest("com.acme.a", "1.0.0")).commit("chore(release): a 1.0.0");
        repo.write(A + "/package.json", GitFixture.unityManifest("com.acme.a", "1.0.0", Map.of("dependencies",
                Map.of("com.acme.b", "2.0.0")))).commit("feat(a): depend on b");
        repo.write(B + "/Runtime/B.cs", "class B {}\n").commit("fix(b): only b");
        repo.write(A + "/Runtime/New.cs", "class New {}\n").commit("fix(a): a crash");
        repo.write(A + "/CHANGELOG.md", "# Changelog\n").commit("chore(release): changelog for com.acme.x@0.1.0 [skip ci]");
        repo.write(A + "/Runtime/Free.cs", "class Free {}\n").commit("Make the thing faster");
        repo.write(A + "/package.json", GitFixture.unityManifest("com.acme.a", "1.1.0", Map.of("dependencies",
                Map.of("com.acme.b", "2.0.0")))).commit("chore: release a 1.1.0");
        return repo;
    }

    @Test
    void commitsSinceTheCommitThatSetTheOldVersionTouchingOnlyThePackageFolder() throws IOException {
        try (GitFixture repo = twoPackages()) {
            CommitHistory h = service.history(repo.root(), A, "1.0.0", null);

            assertThat(subjects(h.commits())).containsExactly("feat(a): depend on b", "fix(a): a crash",
                    "Make the thing faster", "chore: release a 1.1.0");
            assertThat(h.previousCommit()).isEqualTo(repo.resolveRev("HEAD~6"));
            assertThat(h.headCommit()).isEqualTo(repo.head());
            assertThat(h.notices()).isEmpty();
            assertThat(service.commitsSince(repo.root(), B, "2.0.0", null)).extracting(CommitInfo::subject)
                    .containsExactly("fix(b): only b");
        }
    }

    @Test
    void aFirstReleaseTakesEveryCommitOfTheFolderAndTheRootPackageEveryCommit() throws IOException {
        try (GitFixture repo = twoPackages()) {
            assertThat(subjects(service.commitsSince(repo.root(), A + "/", null, null))).containsExactly(
                    "feat: initial packages", "feat(a): old feature", "chore(release): a 1.0.0",
                    "feat(a): depend on b", "fix(a): a crash", "Make the thing faster", "chore: release a 1.1.0");
            assertThat(service.commitsSince(repo.root(), "", null, null)).hasSize(8);
        }
    }

    @Test
    void mergeCommitsAreLeftOutButTheirBranchCommitsCount() throws IOException {
        try (GitFixture repo = GitFixture.init(tmp.resolve("repo"))) {
            repo.write("package.json", GitFixture.unityManifest("com.acme.root", "1.0.0")).commit("feat: one");
            repo.branch("topic").checkout("topic");
            repo.write("Runtime/T.cs", "class T {}\n").commit("feat: from the topic branch");
            repo.checkout(GitFixture.MAIN);
            repo.write("Runtime/M.cs", "class M {}\n").commit("fix: on main");
            repo.merge("topic", "Merge pull request #7 from acme/topic");
            repo.write("package.json", GitFixture.unityManifest("com.acme.root", "1.1.0")).commit("chore: 1.1.0");

            assertThat(subjects(service.commitsSince(repo.root(), "", "1.0.0", null)))
                    .containsExactlyInAnyOrder("feat: from the topic branch", "fix: on main", "chore: 1.1.0")
                    .endsWith("chore: 1.1.0");
        }
    }

    @Test
    void anOldVersionThatIsNotInTheHistoryListsEveryCommitAndSaysSo() throws IOException {
        try (GitFixture repo = twoPackages()) {
            CommitHistory h = service.history(repo.root(), B, "1.5.0", null);
            assertThat(h.previousCommit()).isNull();
            assertThat(subjects(h.commits())).containsExactly("feat: initial packages", "fix(b): only b");
            assertThat(h.notices()).singleElement().asString().contains(B + "/package.json").contains("1.5.0");
        }
    }

    @Test
    void aShallowCloneIsDeepenedToFindTheOldVersion() throws IOException {
        try (GitFixture origin = twoPackages()) {
            Path bare = origin.createBareRemote(tmp.resolve("origin.git"));
            try (GitFixture shallow = GitFixture.cloneShallow(bare, tmp.resolve("shallow"), 2)) {
                assertThat(shallow.root().resolve(".git/shallow")).exists();

                CommitHistory h = service.history(shallow.root(), A, "1.0.0", null);

                assertThat(subjects(h.commits())).containsExactly("feat(a): depend on b", "fix(a): a crash",
                        "Make the thing faster", "chore: release a 1.1.0");
                assertThat(h.notices()).singleElement().asString().contains("shallow").contains("full history")
                        .contains("origin");
                assertThat(shallow.root().resolve(".git/shallow")).doesNotExist();
            }
        }
    }

    @Test
    void withoutTheGitCommandLineJGitDeepensTheClone() throws IOException {
        try (GitFixture origin = twoPackages()) {
            Path bare = origin.createBareRemote(tmp.resolve("origin.git"));
            try (GitFixture shallow = GitFixture.cloneShallow(bare, tmp.resolve("shallow"), 1)) {
                CommitHistory h = GitHistory.collect(shallow.root(), A, "1.0.0", null, false);

                assertThat(h.notices()).singleElement().asString().contains("fetched the full history").contains("JGit");
                assertThat(h.previousCommit()).isEqualTo(origin.resolveRev("HEAD~6"));
                assertThat(subjects(h.commits())).hasSize(4);
            }
        }
    }

    @Test
    void aShallowCloneWithoutARemoteSaysItCannotFetch() throws IOException {
        try (GitFixture origin = twoPackages()) {
            Path bare = origin.createBareRemote(tmp.resolve("origin.git"));
            try (GitFixture shallow = GitFixture.cloneShallow(bare, tmp.resolve("shallow"), 2)) {
                shallow.runGit("remote", "remove", "origin");
                CommitHistory h = service.history(shallow.root(), A, "1.0.0", null);
                assertThat(h.notices()).anySatisfy(n -> assertThat(n).contains("shallow").contains("no remote"));
                assertThat(h.commits()).isNotEmpty();
            }
        }
    }

    @Test
    void prepareWritesTheConventionalEntryAndWriteMergesIt() throws IOException {
        try (GitFixture repo = twoPackages()) {
            ChangelogService linked = new ChangelogService(new ChangelogSettings(ChangelogMode.CONVENTIONAL, null, null,
                    null, null, 0, "https://github.com/acme/packages.git"));
            ChangelogEntry e = linked.prepare(repo.root(), A, "com.acme.a", "1.0.0", "1.1.0", repo.head(), DATE);

            assertThat(e.fallbackReason()).isNull();
            assertThat(e.writtenBy()).isEqualTo(ChangelogMode.CONVENTIONAL);
            assertThat(e.markdown()).isEqualTo("""
                    ## [1.1.0] - 2024-06-01

                    ### Added

                    - **a:** depend on b

                    ### Changed

                    - Make the thing faster

                    ### Fixed

                    - **a:** a crash""");
            assertThat(e.previousCommit()).isEqualTo(repo.resolveRev("HEAD~6"));
            assertThat(e.headCommit()).isEqualTo(repo.head());

            Path file = repo.root().resolve(A + "/CHANGELOG.md");
            assertThat(linked.write(file, e).changed()).isTrue();
            assertThat(Files.readString(file)).startsWith("# Changelog\n\n## [1.1.0] - 2024-06-01\n")
                    .endsWith("[1.1.0]: https://github.com/acme/packages/compare/" + repo.resolveRev("HEAD~6") + "..."
                            + repo.head() + "\n");
            assertThat(linked.write(file, e).changed()).isFalse();
        }
    }

    @Test
    void aiModeWithoutAKeyFallsBackAndSaysWhy() throws IOException {
        try (GitFixture repo = twoPackages()) {
            ChangelogService ai = new ChangelogService(new ChangelogSettings(ChangelogMode.AI, null, null, null, null,
                    0, null));
            ChangelogEntry e = ai.prepare(repo.root(), A, "com.acme.a", "1.0.0", "1.1.0", null, DATE);
            assertThat(e.writtenBy()).isEqualTo(ChangelogMode.CONVENTIONAL);
            assertThat(e.fallbackReason()).contains("no Gemini API key");
            assertThat(e.body()).contains("### Fixed");
        }
    }

    @Test
    void anUnknownHeadCommitOrNoRepositoryIsAClearError() throws IOException {
        try (GitFixture repo = twoPackages()) {
            assertThatThrownBy(() -> service.prepare(repo.root(), A, "com.acme.a", "1.0.0", "1.1.0",
                    "0123456789012345678901234567890123456789", DATE))
                    .isInstanceOf(IOException.class).hasMessageContaining("0123456789");
        }
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        assertThatThrownBy(() -> service.prepare(plain, "", "x", null, "1.0.0", null, DATE))
                .isInstanceOf(IOException.class).hasMessageContaining("not inside a git work tree");
    }
}
