package org.the1studio.upm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.the1studio.upm.core.testing.GitFixture;
import org.the1studio.upm.core.testing.VerdaccioServer;

/** The {@code upm} command as a user runs it: arguments, environment, exit codes, text and JSON output. */
class UpmCommandTest {

    private static VerdaccioServer verdaccio;

    @TempDir
    Path tmp;

    private GitFixture repo;
    private final Map<String, String> env = new HashMap<>();

    @BeforeAll
    static void registry() {
        verdaccio = VerdaccioServer.shared();
    }

    @BeforeEach
    void setUp() throws Exception {
        repo = GitFixture.init(tmp.resolve("repo"));
        env.put("UPM_REGISTRY", verdaccio.url());
        env.put("UPM_REGISTRY_TOKEN", verdaccio.token());
    }

    private record Run(int code, String out, String err) {}

    private Run upm(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = UpmCommand.execute(args, env, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    private void unityPackage(String dir, String name, String version) throws IOException {
        repo.write(dir + "/package.json", GitFixture.unityManifest(name, version));
        repo.write(dir + "/Runtime/A.cs", "class A {}\n");
        repo.write(dir + "/Runtime/A.cs.meta", "fileFormatVersion: 2\nguid: 11111111111111111111111111111111\n");
    }

    @Test
    void publishPrintsASummaryAndExitsZero() throws Exception {
        unityPackage("p", "com.cli.ok", "1.0.0");
        repo.commit("feat: p");

        Run run = upm("publish", "-C", repo.root().toString(), "--no-commit", "--branch", "main");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("com.cli.ok").contains("1.0.0").containsIgnoringCase("published");
        assertThat(run.out() + run.err()).doesNotContain(verdaccio.token());
        assertThat(repo.root().resolve("upm-audit")).isDirectory();
    }

    @Test
    void jsonReportIsMachineReadableAndAFailureExitsOne() throws Exception {
        unityPackage("good", "com.cli.good", "1.0.0");
        unityPackage("bad", "com.cli.Bad", "1.0.0");
        repo.commit("feat: two");

        Run run = upm("publish", "-C", repo.root().toString(), "--no-commit", "--json");

        assertThat(run.code()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.path("packages")).hasSize(2);
        assertThat(run.out()).contains("\"com.cli.good\"").contains("\"com.cli.Bad\"");
        assertThat(json.toString()).doesNotContain(verdaccio.token());
    }

    @Test
    void aMissingTokenIsAConfigurationErrorWithExitTwo() throws Exception {
        unityPackage("p", "com.cli.notoken", "1.0.0");
        repo.commit("feat: p");
        env.remove("UPM_REGISTRY_TOKEN");

        Run run = upm("publish", "-C", repo.root().toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("token").contains("UPM_REGISTRY_TOKEN");
    }

    @Test
    void aRejectedTokenNamesTheVariableItCameFrom() throws Exception {
        unityPackage("p", "com.cli.badtoken", "1.0.0");
        repo.commit("feat: p");
        env.put("STUDIO_NPM_TOKEN", "not-a-valid-token-123456");

        Run run = upm("publish", "-C", repo.root().toString(), "--no-commit", "--token-env", "STUDIO_NPM_TOKEN");

        assertThat(run.code()).isEqualTo(1);
        assertThat(run.out()).contains("STUDIO_NPM_TOKEN");
        assertThat(run.out() + run.err()).doesNotContain("not-a-valid-token-123456");
    }

    @Test
    void theRegistryComesFromUpmJsonWhenNothingElseSaysAndPublicNpmIsRefused() throws Exception {
        env.remove("UPM_REGISTRY");
        repo.write("upm.json", "{\"registry\": \"https://registry.npmjs.org/\"}\n");
        unityPackage("p", "com.cli.public", "1.0.0");
        repo.commit("feat: p");

        Run run = upm("plan", "-C", repo.root().toString());

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("public npm registry");
    }

    @Test
    void unknownOptionsAreBadUsage() {
        Run run = upm("publish", "--no-such-flag");

        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).contains("--no-such-flag");
    }

    @Test
    void helpListsEveryCommandAndHelpForOneWorks() {
        Run all = upm("--help");
        assertThat(all.code()).isZero();
        assertThat(all.out()).contains("publish", "plan", "pack", "changelog", "repos", "cache", "fleet", "help");

        Run one = upm("help", "publish");
        assertThat(one.code()).isZero();
        assertThat(one.out()).contains("--dry-run").contains("--token-env");
    }

    @Test
    void anHttpSelectorThreadEndsWhenStoppedSoTheJvmDoesNotWaitForItAtExit() throws Exception {
        java.util.Set<Thread> before = Thread.getAllStackTraces().keySet();
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        Thread selector = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> !before.contains(t) && UpmCommand.isHttpSelector(t)).findFirst()
                .orElseThrow(() -> new AssertionError("no selector thread for a new HttpClient"));

        assertThat(UpmCommand.stopSelector(selector)).isTrue();

        assertThat(selector.isAlive()).isFalse();
        assertThat(client).isNotNull();
    }

    @Test
    void gitsSystemConfigIsOnlyPresetWhenItsLocationIsKnownWithoutAskingGit() throws Exception {
        assertThat(UpmCommand.knownGitSystemConfig(Map.of("GIT_CONFIG_SYSTEM", "/opt/git/etc/gitconfig")))
                .isEqualTo(new java.io.File("/opt/git/etc/gitconfig"));
        Path ownGit = Files.createDirectories(tmp.resolve("bin"));
        Files.writeString(ownGit.resolve("git"), "#!/bin/sh\n");
        ownGit.resolve("git").toFile().setExecutable(true);
        assertThat(UpmCommand.knownGitSystemConfig(Map.of("PATH", ownGit + java.io.File.pathSeparator + "/usr/bin")))
                .as("another git comes first: let JGit ask it").isNull();
        assertThat(UpmCommand.knownGitSystemConfig(Map.of())).isNull();
        if (Files.isExecutable(Path.of("/usr/bin/git"))) {
            assertThat(UpmCommand.knownGitSystemConfig(Map.of("PATH", "/usr/bin")))
                    .isEqualTo(new java.io.File("/etc/gitconfig"));
        }
    }

    @Test
    void startUpWorkIsDoneBeforeTheCommandRuns() {
        Path pkg = tmp.resolve("made-before");
        Path out = tmp.resolve("made-before.tgz");
        StringWriter err = new StringWriter();

        // the hook creates the package the command packs: had it run after the command, the pack would fail
        int code = UpmCommand.execute(new String[] {"pack", pkg.toString(), "--out", out.toString()}, env,
                new PrintWriter(new StringWriter()), new PrintWriter(err), () -> {
                    try {
                        Files.createDirectories(pkg);
                        Files.writeString(pkg.resolve("package.json"), GitFixture.unityManifest("com.cli.early", "1.0.0"));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });

        assertThat(code).as(err.toString()).isZero();
        assertThat(out).isRegularFile();
    }

    @Test
    void theStartUpThreadReleasesTheCommandOnceGitIsSetUp() {
        Startup startup = Startup.begin(Map.of("GIT_CONFIG_NOSYSTEM", "1"));
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(20), startup::awaitGit);
    }

    @Test
    void planSaysWhatWouldHappenWithoutWriting() throws Exception {
        unityPackage("p", "com.cli.plan", "2.0.0-beta.1");
        repo.commit("feat: p");

        Run run = upm("plan", "-C", repo.root().toString());

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("com.cli.plan").contains("2.0.0-beta.1").contains("beta");
        assertThat(verdaccio.npm(tmp, "view", "com.cli.plan", "version").exitCode()).isNotZero();
        assertThat(repo.root().resolve("upm-audit")).doesNotExist();
    }

    @Test
    void changelogPreviewsTheEntryOfANamedPackageAndRefusesUnknownNames() throws Exception {
        unityPackage("Packages/tools", "com.cli.tools", "1.0.0");
        repo.commit("feat(tools): first tool");
        repo.write("Packages/tools/Runtime/A.cs", "class A { int b; }\n");
        repo.commit("fix(tools): keep b");

        Run run = upm("changelog", "-C", repo.root().toString(), "--package", "com.cli.tools");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("## [1.0.0]").contains("keep b");
        assertThat(repo.root().resolve("Packages/tools/CHANGELOG.md")).doesNotExist();

        Run unknown = upm("changelog", "-C", repo.root().toString(), "--package", "com.cli.nope");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("--package").contains("com.cli.nope");
    }

    @Test
    void packWritesOneTarballAndPrintsItsIntegrity() throws Exception {
        unityPackage("p", "com.cli.pack", "1.0.0");
        Path out = tmp.resolve("out.tgz");

        Run run = upm("pack", repo.root().resolve("p").toString(), "--out", out.toString(), "--json");

        assertThat(run.code()).as(run.err()).isZero();
        assertThat(out).isRegularFile();
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertThat(json.path("integrity").asText()).startsWith("sha512-");
        assertThat(json.path("files").toString()).contains("Runtime/A.cs.meta");
        assertThat(Files.size(out)).isEqualTo(json.path("size").asLong());
    }
}
