package org.the1studio.upm.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.the1studio.upm.core.testing.GitFixture.unityManifest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.the1studio.upm.core.detect.PackageChange.Kind;
import org.the1studio.upm.core.testing.GitFixture;

/** Change detection against real git repositories built with {@link GitFixture}. */
class ChangeDetectorTest {
    @TempDir Path dir;

    private GitFixture repo;

    @BeforeEach
    void setUp() {
        repo = GitFixture.init(dir.resolve("repo"));
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    private Detection detect(String base, String head) throws DetectException {
        return new ChangeDetector(repo.root()).detect(base, head);
    }

    private static PackageChange change(String path, String oldPath, String name, String oldVersion, String newVersion,
            Kind kind) {
        return new PackageChange(path, oldPath, name, oldVersion, newVersion, kind);
    }

    /** Writes a valid Unity manifest into {@code folder} ('' = root); chainable with pkg, write and commit. */
    private ChangeDetectorTest pkg(String folder, String name, String version) {
        repo.write(folder.isEmpty() ? "package.json" : folder + "/package.json", unityManifest(name, version));
        return this;
    }

    private GitFixture write(String relPath, String content) {
        return repo.write(relPath, content);
    }

    private String commit(String message) {
        return repo.commit(message);
    }

    @Test
    void firstCommitComparesWithTheEmptyTree() throws Exception {
        pkg("Packages/com.acme.a", "com.acme.a", "1.0.0").write("README.md", "hi");
        String first = repo.commit("first");

        Detection d = detect(null, null);

        assertThat(d.baseCommit()).isNull();
        assertThat(d.headCommit()).isEqualTo(first);
        assertThat(d.changes()).containsExactly(
                change("Packages/com.acme.a", null, "com.acme.a", null, "1.0.0", Kind.ADDED));
        assertThat(d.problems()).isEmpty();
        assertThat(d.isEmpty()).isFalse();
    }

    @Test
    void singleBumpIsAVersionChange() throws Exception {
        pkg("Packages/com.acme.a", "com.acme.a", "1.0.0");
        String base = repo.commit("first");
        pkg("Packages/com.acme.a", "com.acme.a", "1.0.1");
        String head = repo.commit("bump");

        Detection d = detect(null, null);

        assertThat(d.baseCommit()).isEqualTo(base);
        assertThat(d.headCommit()).isEqualTo(head);
        assertThat(d.changes()).containsExactly(
                change("Packages/com.acme.a", "Packages/com.acme.a", "com.acme.a", "1.0.0", "1.0.1",
                        Kind.VERSION_CHANGED));
        assertThat(d.changes().get(0).manifestPath()).isEqualTo("Packages/com.acme.a/package.json");
    }

    @Test
    void multiPackageRepoReportsOnlyTheBumpedOnes() throws Exception {
        pkg("Packages/a", "com.acme.a", "1.0.0").pkg("Packages/b", "com.acme.b", "2.0.0")
                .pkg("Packages/c", "com.acme.c", "3.0.0");
        repo.write("Packages/c/Runtime/C.cs", "class C {}");
        repo.commit("three packages");
        pkg("Packages/c", "com.acme.c", "3.1.0").pkg("Packages/a", "com.acme.a", "1.1.0");
        // b changes files and even its manifest's description, but not its version
        repo.write("Packages/b/Runtime/B.cs", "class B {}").write("Packages/b/package.json",
                unityManifest("com.acme.b", "2.0.0", Map.of("description", "better words")));
        repo.commit("bump a and c");

        Detection d = detect(null, null);

        assertThat(d.changes()).extracting(PackageChange::name, PackageChange::oldVersion, PackageChange::newVersion)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("com.acme.a", "1.0.0", "1.1.0"),
                        org.assertj.core.groups.Tuple.tuple("com.acme.c", "3.0.0", "3.1.0"));
        assertThat(d.problems()).isEmpty();
    }

    @Test
    void addedPackageHasNoOldPathOrVersion() throws Exception {
        pkg("Packages/a", "com.acme.a", "1.0.0").commit("a");
        pkg("Packages/b", "com.acme.b", "0.1.0").commit("add b");

        assertThat(detect(null, null).changes()).containsExactly(
                change("Packages/b", null, "com.acme.b", null, "0.1.0", Kind.ADDED));
    }

    @Test
    void movedPackageWithABumpIsMoved() throws Exception {
        pkg("Packages/old", "com.acme.a", "1.0.0").write("Packages/old/Runtime/A.cs", "class A {}").commit("a");
        repo.move("Packages/old", "Assets/Packages/new");
        pkg("Assets/Packages/new", "com.acme.a", "1.1.0").commit("move and bump");

        Detection d = detect(null, null);

        assertThat(d.changes()).containsExactly(
                change("Assets/Packages/new", "Packages/old", "com.acme.a", "1.0.0", "1.1.0", Kind.MOVED));
        assertThat(d.notices()).noneMatch(n -> n.contains("no longer in the repository"));
    }

    @Test
    void movedPackageWithoutABumpIsOnlyANotice() throws Exception {
        pkg("Packages/old", "com.acme.a", "1.0.0").commit("a");
        repo.move("Packages/old", "Packages/new").commit("move");

        Detection d = detect(null, null);

        assertThat(d.changes()).isEmpty();
        assertThat(d.isEmpty()).isTrue();
        assertThat(d.notices()).anySatisfy(n -> assertThat(n).contains("com.acme.a", "Packages/old/", "Packages/new/",
                "without a version change", "nothing to publish"));
    }

    @Test
    void nonUnityPackageJsonIsIgnoredWithANotice() throws Exception {
        Map<String, Object> npm = new HashMap<>();
        npm.put("unity", null);
        npm.put("private", true);
        repo.write("Tools/build/package.json", unityManifest("build-tool", "1.0.0", npm));
        pkg("Packages/a", "com.acme.a", "1.0.0").commit("first");
        repo.write("Tools/build/package.json", unityManifest("build-tool", "2.0.0", npm));
        // copies of packages that are not the repository's own: skipped silently
        pkg("Tools/build/node_modules/dep", "com.other.dep", "9.0.0");
        pkg("Library/PackageCache/com.unity.x@1.0.0", "com.unity.x", "1.0.0");
        pkg("Game/Library/PackageCache/com.unity.y@1.0.0", "com.unity.y", "1.0.0");
        // an embedded package in a Unity project counts
        pkg("Game/Packages/com.acme.embedded", "com.acme.embedded", "0.1.0");
        repo.commit("tools");

        Detection d = detect(null, null);

        assertThat(d.changes()).containsExactly(
                change("Game/Packages/com.acme.embedded", null, "com.acme.embedded", null, "0.1.0", Kind.ADDED));
        assertThat(d.notices()).containsExactly(
                "Tools/build/package.json has no \"unity\" field: not a Unity package manifest, ignored");
        assertThat(d.problems()).isEmpty();
    }

    @Test
    void malformedJsonAtHeadIsAProblemNamingLineAndColumn() throws Exception {
        pkg("Packages/a", "com.acme.a", "1.0.0").pkg("Packages/b", "com.acme.b", "1.0.0").commit("first");
        repo.write("Packages/a/package.json", "{\n  \"name\": \"com.acme.a\",\n  \"version\": \"1.1.0\"\n  \"unity\": \"2022.3\"\n}\n");
        pkg("Packages/b", "com.acme.b", "1.1.0").commit("broken a, bump b");

        Detection d = detect(null, null);

        assertThat(d.problems()).singleElement().satisfies(p -> {
            assertThat(p.manifestPath()).isEqualTo("Packages/a/package.json");
            assertThat(p.field()).isNull();
            assertThat(p.message()).contains("line 4", "column");
        });
        assertThat(d.changes()).extracting(PackageChange::name).containsExactly("com.acme.b");
        assertThat(d.isEmpty()).isFalse();
    }

    @Test
    void unityManifestWithoutUsableNameOrVersionIsAProblemPerField() throws Exception {
        pkg("Packages/a", "com.acme.a", "1.0.0").commit("first");
        Map<String, Object> noVersion = new HashMap<>();
        noVersion.put("version", null);
        repo.write("Packages/a/package.json", unityManifest("com.acme.a", "x", noVersion));
        repo.write("Packages/b/package.json", unityManifest("com.acme.b", "1.0.0", Map.of("name", 42)));
        repo.write("Packages/c/package.json", unityManifest("com.acme.c", "1.0.0",
                Map.of("dependencies", List.of("not", "an", "object"))));
        repo.commit("broken");

        Detection d = detect(null, null);

        assertThat(d.problems()).extracting(ManifestProblem::manifestPath, ManifestProblem::field).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Packages/a/package.json", "version"),
                org.assertj.core.groups.Tuple.tuple("Packages/b/package.json", "name"));
        assertThat(d.problems().get(0).message()).contains("missing");
        assertThat(d.problems().get(1).message()).contains("must be a string");
        // a wrongly shaped field that detection does not need is the validator's business: still detected
        assertThat(d.changes()).extracting(PackageChange::name).containsExactly("com.acme.c");
    }

    @Test
    void manyCommitsInOnePushAreOneComparison() throws Exception {
        pkg("Packages/a", "com.acme.a", "1.0.0").pkg("Packages/b", "com.acme.b", "1.0.0");
        String base = repo.commit("base");
        pkg("Packages/a", "com.acme.a", "1.1.0").commit("a 1.1");
        pkg("Packages/b", "com.acme.b", "1.0.1-beta.1").commit("b beta");
        pkg("Packages/a", "com.acme.a", "1.2.0").commit("a 1.2");
        pkg("Packages/b", "com.acme.b", "1.0.0").commit("b back to 1.0.0");
        pkg("Packages/c", "com.acme.c", "0.1.0").commit("add c");

        Detection d = detect(base, null);

        assertThat(d.baseCommit()).isEqualTo(base);
        assertThat(d.changes()).containsExactly(
                change("Packages/a", "Packages/a", "com.acme.a", "1.0.0", "1.2.0", Kind.VERSION_CHANGED),
                change("Packages/c", null, "com.acme.c", null, "0.1.0", Kind.ADDED));
        assertThat(detect("HEAD~5", "HEAD").changes()).isEqualTo(d.changes());
    }

    @Test
    void baseEqualToHeadFindsNothing() throws Exception {
        pkg("Packages/a", "com.acme.a", "1.0.0").commit("first");
        String head = pkg("Packages/a", "com.acme.a", "1.1.0").commit("bump");

        Detection d = detect(head, "main");

        assertThat(d.baseCommit()).isEqualTo(head);
        assertThat(d.headCommit()).isEqualTo(head);
        assertThat(d.isEmpty()).isTrue();
        assertThat(d.changes()).isEmpty();
        assertThat(d.notices()).singleElement().asString().contains("same commit");
    }

    @Test
    void mergeCommitComparesWithItsFirstParentByDefault() throws Exception {
        pkg("Packages/a", "com.acme.a", "1.0.0").pkg("Packages/b", "com.acme.b", "1.0.0");
        String start = repo.commit("start");
        repo.branch("feature").checkout("feature");
        pkg("Packages/a", "com.acme.a", "1.1.0").commit("a on feature");
        repo.checkout("main");
        pkg("Packages/b", "com.acme.b", "2.0.0").commit("b on main");
        String mainBefore = repo.head();
        String merge = repo.merge("feature");

        Detection byDefault = detect(null, null);
        assertThat(byDefault.baseCommit()).isEqualTo(mainBefore);
        assertThat(byDefault.headCommit()).isEqualTo(merge);
        assertThat(byDefault.changes()).containsExactly(
                change("Packages/a", "Packages/a", "com.acme.a", "1.0.0", "1.1.0", Kind.VERSION_CHANGED));

        assertThat(detect(start, merge).changes()).extracting(PackageChange::name)
                .containsExactly("com.acme.a", "com.acme.b");
        assertThat(detect(start, merge).notices()).isEmpty();
    }

    @Test
    void unknownRevisionsAreNamed() throws Exception {
        pkg("Packages/a", "com.acme.a", "1.0.0").commit("first");

        DetectException base = catchThrowableOfType(DetectException.class, () -> detect("no-such-branch", null));
        assertThat(base.getMessage()).contains("base", "'no-such-branch'", "unknown");
        assertThat(base.hint()).contains("fetch");

        String missingId = "0123456789abcdef0123456789abcdef01234567";
        assertThatThrownBy(() -> detect(missingId, null)).isInstanceOf(DetectException.class)
                .hasMessageContaining(missingId);
        assertThatThrownBy(() -> detect(null, "v9.9.9")).isInstanceOf(DetectException.class)
                .hasMessageContaining("head").hasMessageContaining("'v9.9.9'");
        assertThatThrownBy(() -> detect("HEAD~3", null)).isInstanceOf(DetectException.class)
                .hasMessageContaining("'HEAD~3'");
        assertThatThrownBy(() -> detect("HEAD^{tree}", null)).isInstanceOf(DetectException.class)
                .hasMessageContaining("not a commit");
    }

    @Test
    void emptyRepositoryAndMissingWorkTreeAreExplained() {
        assertThatThrownBy(() -> detect(null, null)).isInstanceOf(DetectException.class)
                .hasMessageContaining("no commits");
        assertThatThrownBy(() -> new ChangeDetector(dir.resolve("nowhere")).detect(null, null))
                .isInstanceOf(DetectException.class).hasMessageContaining("not the root of a git work tree");
    }

    @Test
    void shallowCloneWithoutTheBaseAsksForFullHistory() throws Exception {
        String first = pkg("Packages/a", "com.acme.a", "1.0.0").commit("first");
        pkg("Packages/a", "com.acme.a", "1.1.0").commit("second");
        Path remote = repo.createBareRemote(dir.resolve("remote.git"));
        String third = pkg("Packages/a", "com.acme.a", "1.2.0").commit("third");
        repo.push();

        try (GitFixture shallow = GitFixture.cloneShallow(remote, dir.resolve("shallow"), 1)) {
            ChangeDetector detector = new ChangeDetector(shallow.root());
            for (String base : new String[] {null, first, "HEAD~1"}) {
                DetectException e = catchThrowableOfType(DetectException.class, () -> detector.detect(base, null));
                assertThat(e).as("base %s", base).isNotNull();
                assertThat(e.getMessage()).contains("shallow");
                assertThat(e.hint()).contains("git fetch --unshallow", "fetch-depth: 0");
            }
            assertThat(catchThrowableOfType(DetectException.class, () -> detector.detect(first, null)).getMessage())
                    .contains(first);
        }
        // deep enough for the default base: works, and says nothing about shallowness
        try (GitFixture deeper = GitFixture.cloneShallow(remote, dir.resolve("deeper"), 2)) {
            Detection d = new ChangeDetector(deeper.root()).detect(null, null);
            assertThat(d.headCommit()).isEqualTo(third);
            assertThat(d.changes()).extracting(PackageChange::newVersion).containsExactly("1.2.0");
        }
    }

    @Test
    void renamedFolderWithCrlfAndBomManifestsIsAMove() throws Exception {
        repo.writeBytes("Packages/Old Name/package.json", bomCrlf(unityManifest("com.acme.a", "1.0.0")));
        repo.commit("crlf + bom");
        repo.move("Packages/Old Name", "Packages/New Name");
        repo.writeBytes("Packages/New Name/package.json", bomCrlf(unityManifest("com.acme.a", "1.0.1")));
        repo.commit("rename folder, bump");

        Detection d = detect(null, null);

        assertThat(d.problems()).isEmpty();
        assertThat(d.changes()).containsExactly(
                change("Packages/New Name", "Packages/Old Name", "com.acme.a", "1.0.0", "1.0.1", Kind.MOVED));
    }

    @Test
    void rootPackageHasTheEmptyPath() throws Exception {
        pkg("", "com.acme.root", "1.0.0").write("Runtime/R.cs", "class R {}").commit("first");
        pkg("", "com.acme.root", "2.0.0").commit("major");

        Detection d = detect(null, null);

        assertThat(d.changes()).containsExactly(
                change("", "", "com.acme.root", "1.0.0", "2.0.0", Kind.VERSION_CHANGED));
        assertThat(d.changes().get(0).manifestPath()).isEqualTo("package.json");
        // moved from the root into a folder, with a bump
        repo.move("package.json", "Packages/root/package.json");
        pkg("Packages/root", "com.acme.root", "2.0.1").commit("move down");
        assertThat(detect(null, null).changes()).containsExactly(
                change("Packages/root", "", "com.acme.root", "2.0.0", "2.0.1", Kind.MOVED));
    }

    @Test
    void deletedPackageIsANotice() throws Exception {
        pkg("Packages/a", "com.acme.a", "1.0.0").pkg("Packages/b", "com.acme.b", "1.0.0").commit("first");
        repo.delete("Packages/b").commit("drop b");

        Detection d = detect(null, null);

        assertThat(d.changes()).isEmpty();
        assertThat(d.notices()).singleElement().asString()
                .contains("com.acme.b@1.0.0", "Packages/b/package.json", "no longer in the repository");
    }

    @Test
    void renamedPackageInTheSameFolderIsNew() throws Exception {
        pkg("Packages/a", "com.acme.old", "1.0.0").commit("first");
        pkg("Packages/a", "com.acme.new", "1.0.0").commit("rename package");

        Detection d = detect(null, null);

        assertThat(d.changes()).containsExactly(
                change("Packages/a", null, "com.acme.new", null, "1.0.0", Kind.ADDED));
        assertThat(d.notices()).anySatisfy(n -> assertThat(n).contains("name changed from com.acme.old to com.acme.new"));
    }

    @Test
    void manifestThatLosesItsUnityFieldIsANotice() throws Exception {
        pkg("Packages/a", "com.acme.a", "1.0.0").commit("first");
        Map<String, Object> npm = new HashMap<>();
        npm.put("unity", null);
        repo.write("Packages/a/package.json", unityManifest("com.acme.a", "1.1.0", npm)).commit("not unity any more");

        Detection d = detect(null, null);

        assertThat(d.changes()).isEmpty();
        assertThat(d.notices()).singleElement().asString().contains("no longer has a \"unity\" field");
    }

    @Test
    void manifestFixedAfterBeingBrokenIsTreatedAsNew() throws Exception {
        repo.write("Packages/a/package.json", "{ broken").commit("broken");
        pkg("Packages/a", "com.acme.a", "1.0.0").commit("fixed");

        Detection d = detect(null, null);

        assertThat(d.changes()).containsExactly(change("Packages/a", null, "com.acme.a", null, "1.0.0", Kind.ADDED));
        assertThat(d.notices()).anySatisfy(n -> assertThat(n).contains("not readable JSON at base"));
    }

    @Test
    void allZeroBaseAndEmptyTreeIdMeanTheEmptyTree() throws Exception {
        pkg("Packages/a", "com.acme.a", "1.0.0").commit("first");
        pkg("Packages/a", "com.acme.a", "1.1.0").commit("second");

        Detection zero = detect("0000000000000000000000000000000000000000", null);
        assertThat(zero.baseCommit()).isNull();
        assertThat(zero.changes()).containsExactly(
                change("Packages/a", null, "com.acme.a", null, "1.1.0", Kind.ADDED));
        assertThat(zero.notices()).singleElement().asString().contains("all-zero");

        assertThat(detect(ChangeDetector.EMPTY_TREE_ID, null).changes()).isEqualTo(zero.changes());
    }

    @Test
    void baseThatIsNotAnAncestorStillComparesTreesAndSaysSo() throws Exception {
        pkg("Packages/a", "com.acme.a", "1.0.0").commit("first");
        repo.branch("other").checkout("other");
        String other = pkg("Packages/a", "com.acme.a", "5.0.0").commit("elsewhere");
        repo.checkout("main");
        pkg("Packages/a", "com.acme.a", "1.1.0").commit("main");

        Detection d = detect(other, null);

        assertThat(d.changes()).containsExactly(
                change("Packages/a", "Packages/a", "com.acme.a", "5.0.0", "1.1.0", Kind.VERSION_CHANGED));
        assertThat(d.notices()).singleElement().asString().contains("not an ancestor");
    }

    @Test
    void headMayBeATagOrAnOlderCommit() throws Exception {
        pkg("Packages/a", "com.acme.a", "1.0.0").commit("first");
        String tagged = pkg("Packages/a", "com.acme.a", "1.1.0").commit("second");
        repo.tag("v1.1.0");
        pkg("Packages/a", "com.acme.a", "1.2.0").commit("third");

        Detection d = detect(null, "v1.1.0");

        assertThat(d.headCommit()).isEqualTo(tagged);
        assertThat(d.changes()).extracting(PackageChange::newVersion).containsExactly("1.1.0");
    }

    @Test
    void executableManifestCountsAndSymlinkIsIgnored() throws Exception {
        pkg("Packages/a", "com.acme.a", "1.0.0").commit("first");
        pkg("Packages/a", "com.acme.a", "1.0.1");
        repo.root().resolve("Packages/a/package.json").toFile().setExecutable(true);
        java.nio.file.Files.createDirectories(repo.root().resolve("Packages/link"));
        java.nio.file.Files.createSymbolicLink(repo.root().resolve("Packages/link/package.json"),
                Path.of("../a/package.json"));
        repo.commit("exec bit and a symlink");

        Detection d = detect(null, null);

        assertThat(d.changes()).extracting(PackageChange::path).containsExactly("Packages/a");
        assertThat(d.notices()).singleElement().asString().contains("Packages/link/package.json", "symbolic link");
    }

    @Test
    void ignoredPathsAreNodeModulesAndTheUnityPackageCache() {
        assertThat(ChangeDetector.isIgnoredPath("node_modules/x/package.json")).isTrue();
        assertThat(ChangeDetector.isIgnoredPath("Tools/a/node_modules/@s/x/package.json")).isTrue();
        assertThat(ChangeDetector.isIgnoredPath("Library/PackageCache/com.unity.x@1.0.0/package.json")).isTrue();
        assertThat(ChangeDetector.isIgnoredPath("Game/Library/PackageCache/com.unity.x@1.0.0/package.json")).isTrue();
        assertThat(ChangeDetector.isIgnoredPath("package.json")).isFalse();
        assertThat(ChangeDetector.isIgnoredPath("Packages/com.acme.a/package.json")).isFalse();
        assertThat(ChangeDetector.isIgnoredPath("Game/Library/Other/package.json")).isFalse();
        assertThat(ChangeDetector.isIgnoredPath("Packages/node_modules_tool/package.json")).isFalse();
    }

    private static byte[] bomCrlf(String json) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        out.writeBytes(json.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
