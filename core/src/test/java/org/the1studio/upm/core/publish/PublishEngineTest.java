package org.the1studio.upm.core.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.the1studio.upm.core.changelog.ChangelogMode;
import org.the1studio.upm.core.config.UpmException;
import org.the1studio.upm.core.notify.NotifySettings;
import org.the1studio.upm.core.secret.Secret;
import org.the1studio.upm.core.testing.GitFixture;
import org.the1studio.upm.core.testing.VerdaccioServer;

/**
 * The main job end to end: real git repositories with a bare origin, a real Verdaccio, the real npm CLI reading the
 * result back. Every test uses its own package names, so the test JVM's shared registry serves them all.
 */
class PublishEngineTest {

    private static VerdaccioServer verdaccio;

    @TempDir
    Path tmp;

    private GitFixture repo;
    private final RecordingListener listener = new RecordingListener();

    @BeforeAll
    static void registry() {
        verdaccio = VerdaccioServer.shared();
    }

    @BeforeEach
    void newRepository() throws Exception {
        repo = GitFixture.init(tmp.resolve("repo"));
        repo.createBareRemote(tmp.resolve("origin.git"));
    }

    private PublishRequest.Builder request() {
        return PublishRequest.builder(repo.root())
                .registry(URI.create(verdaccio.url()))
                .token(Secret.of(verdaccio.token()))
                .branch("main")
                .auditDir(tmp.resolve("audit"));
    }

    private PublishReport publish(PublishRequest.Builder request) throws UpmException {
        return new PublishEngine().publish(request.build(), listener);
    }

    private void unityPackage(String dir, String name, String version) throws IOException {
        repo.write(dir + "/package.json", GitFixture.unityManifest(name, version));
        repo.write(dir + "/Runtime/Thing.cs", "public class Thing {}\n");
        repo.write(dir + "/Runtime/Thing.cs.meta", "fileFormatVersion: 2\nguid: 0123456789abcdef0123456789abcdef\n");
        repo.write(dir + "/package.json.meta", "fileFormatVersion: 2\nguid: 00000000000000000000000000000001\n");
    }

    private void bump(String dir, String name, String version) throws IOException {
        repo.write(dir + "/package.json", GitFixture.unityManifest(name, version));
    }

    private static PackageOutcome only(PublishReport report, String name) {
        return report.packages().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(name + " not in " + report.packages()));
    }

    @Test
    void firstCommitPublishesEveryPackageAndNpmInstallsTheSameFiles() throws Exception {
        unityPackage("Packages/com.first.core", "com.first.core", "1.0.0");
        unityPackage("Packages/com.first.ui", "com.first.ui", "0.3.0");
        repo.write("tools/build/package.json", "{\"name\":\"build-tools\",\"version\":\"1.0.0\"}\n");
        repo.commit("feat: first versions");
        repo.push();

        PublishReport report = publish(request());

        assertThat(report.exitCode()).isZero();
        assertThat(report.packages()).extracting(PackageOutcome::outcome).containsOnly(Outcome.PUBLISHED);
        assertThat(report.notices()).anyMatch(n -> n.contains("tools/build/package.json"));
        PackageOutcome core = only(report, "com.first.core");
        assertThat(core.oldVersion()).isNull();
        assertThat(core.distTag()).isEqualTo("latest");
        assertThat(core.integrity()).startsWith("sha512-");

        VerdaccioServer.NpmResult view = verdaccio.npm(tmp, "view", "com.first.core", "version", "dist.integrity", "--json");
        assertThat(view.exitCode()).as(view.stderr()).isZero();
        assertThat(view.stdout()).contains("\"1.0.0\"").contains(core.integrity());

        Path consumer = Files.createDirectories(tmp.resolve("consumer"));
        Files.writeString(consumer.resolve("package.json"), "{\"name\":\"consumer\",\"version\":\"1.0.0\",\"private\":true}");
        VerdaccioServer.NpmResult install = verdaccio.npm(consumer, "install", "com.first.core@1.0.0", "--no-audit",
                "--no-fund", "--ignore-scripts");
        assertThat(install.exitCode()).as(install.stderr()).isZero();
        Path installed = consumer.resolve("node_modules/com.first.core");
        Path source = repo.root().resolve("Packages/com.first.core");
        for (String file : List.of("Runtime/Thing.cs", "Runtime/Thing.cs.meta", "CHANGELOG.md", "CHANGELOG.md.meta")) {
            assertThat(installed.resolve(file)).as(file).hasSameBinaryContentAs(source.resolve(file));
        }
        assertThat(Files.readString(installed.resolve("CHANGELOG.md"))).contains("## [1.0.0]");

        String remoteLog = repo.runGit("--git-dir=" + tmp.resolve("origin.git"), "log", "-1", "--format=%s%n%an", "main");
        assertThat(remoteLog).contains("[skip ci]").contains("com.first.core@1.0.0").contains("com.first.ui@0.3.0");
        assertThat(report.sideEffects()).anyMatch(s -> s.kind().equals("changelog-push") && s.ok());
        assertThat(repo.runGit("--git-dir=" + tmp.resolve("origin.git"), "show", "--name-only", "--format=", "main"))
                .contains("Packages/com.first.core/CHANGELOG.md.meta");
        assertThat(Files.readString(source.resolve("CHANGELOG.md.meta"))).contains("TextScriptImporter");
    }

    @Test
    void aBumpPublishesOnlyThatPackageAndARerunPublishesNothing() throws Exception {
        unityPackage("a", "com.bump.a", "1.0.0");
        unityPackage("b", "com.bump.b", "2.0.0");
        repo.commit("feat: initial");
        repo.push();
        assertThat(publish(request()).exitCode()).isZero();
        repo.runGit("pull", "--ff-only", "origin", "main");

        repo.write("a/Runtime/Thing.cs", "public class Thing { int x; }\n");
        bump("a", "com.bump.a", "1.1.0");
        String bumpCommit = repo.commit("feat(a): count things in Thing");
        repo.push();

        PublishReport second = publish(request());
        assertThat(second.packages()).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("com.bump.a");
            assertThat(p.oldVersion()).isEqualTo("1.0.0");
            assertThat(p.newVersion()).isEqualTo("1.1.0");
            assertThat(p.outcome()).isEqualTo(Outcome.PUBLISHED);
        });
        assertThat(Files.readString(repo.root().resolve("a/CHANGELOG.md"))).contains("## [1.1.0]").containsIgnoringCase("count things in Thing");

        // the same range again, now ending at the changelog commit: already published, identical, skipped
        PublishReport again = publish(request().base(bumpCommit + "~1"));
        assertThat(again.exitCode()).isZero();
        assertThat(again.packages()).singleElement().satisfies(p -> {
            assertThat(p.outcome()).isEqualTo(Outcome.SKIPPED);
            assertThat(p.reason()).contains("already published");
        });
        assertThat(again.sideEffects()).noneMatch(s -> s.kind().equals("changelog-push"));
    }

    @Test
    void aRollbackIsRefusedAndTheOtherPackageStillPublishes() throws Exception {
        unityPackage("a", "com.rollback.a", "1.2.0");
        repo.commit("feat: a");
        assertThat(publish(request().commitChangelog(false)).exitCode()).isZero();

        bump("a", "com.rollback.a", "1.1.0");
        unityPackage("b", "com.rollback.b", "0.1.0");
        repo.commit("revert a, add b");
        PublishReport report = publish(request().commitChangelog(false));

        assertThat(report.exitCode()).isEqualTo(1);
        PackageOutcome a = only(report, "com.rollback.a");
        assertThat(a.action()).isEqualTo(PlanAction.REJECT_ROLLBACK);
        assertThat(a.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(a.reason()).contains("1.2.0");
        assertThat(only(report, "com.rollback.b").outcome()).isEqualTo(Outcome.PUBLISHED);
    }

    @Test
    void theSameVersionWithDifferentContentIsAConflict() throws Exception {
        repo.write("README.md", "packages\n");
        String before = repo.commit("chore: start");
        unityPackage("a", "com.conflict.a", "1.0.0");
        repo.commit("feat: a");
        assertThat(publish(request().commitChangelog(false)).exitCode()).isZero();

        repo.write("a/Runtime/Thing.cs", "public class Thing { /* changed, version not bumped */ }\n");
        repo.commit("fix: forgot to bump");
        assertThat(publish(request().commitChangelog(false)).packages()).as("no version change in HEAD~1..HEAD").isEmpty();

        // a range that starts before the package existed, as after failed builds: 1.0.0 "changed" in it
        PublishReport report = publish(request().commitChangelog(false).base(before));

        assertThat(report.exitCode()).isEqualTo(1);
        PackageOutcome a = only(report, "com.conflict.a");
        assertThat(a.action()).isEqualTo(PlanAction.CONFLICT);
        assertThat(a.reason()).contains("Runtime/Thing.cs").contains("bump");
    }

    @Test
    void invalidAndDuplicateNamesAreRejectedWithFileAndField() throws Exception {
        unityPackage("upper", "com.Invalid.Upper", "1.0.0");
        unityPackage("one", "com.dup.same", "1.0.0");
        unityPackage("two", "com.dup.same", "1.0.1");
        unityPackage("ok", "com.invalid.ok", "1.0.0");
        repo.commit("feat: packages");

        PublishReport report = publish(request().commitChangelog(false));

        assertThat(report.exitCode()).isEqualTo(1);
        PackageOutcome upper = only(report, "com.Invalid.Upper");
        assertThat(upper.action()).isEqualTo(PlanAction.INVALID);
        assertThat(upper.reason()).contains("upper/package.json").contains("name").contains("lowercase");
        assertThat(report.packages()).filteredOn(p -> p.name().equals("com.dup.same"))
                .hasSize(2).allSatisfy(p -> assertThat(p.reason()).contains("also the name of"));
        assertThat(only(report, "com.invalid.ok").outcome()).isEqualTo(Outcome.PUBLISHED);
    }

    @Test
    void aPackageAtTheRootNeverPacksTheAuditFolderSoARerunIsIdentical() throws Exception {
        repo.write("package.json", GitFixture.unityManifest("com.root.pkg", "1.0.0"));
        repo.write("Runtime/Root.cs", "class Root {}\n");
        repo.commit("feat: root package");
        PublishRequest.Builder inRepoAudit = request().commitChangelog(false).changelogMode(ChangelogMode.OFF)
                .auditDir(Path.of("upm-audit"));
        assertThat(publish(inRepoAudit).exitCode()).isZero();
        assertThat(repo.root().resolve("upm-audit")).isDirectory();

        // the same build again: the audit records of the first run now sit inside the package folder
        PublishReport again = publish(inRepoAudit);

        assertThat(again.exitCode()).isZero();
        assertThat(only(again, "com.root.pkg").outcome()).as(again.packages().toString()).isEqualTo(Outcome.SKIPPED);
    }

    @Test
    void malformedJsonIsReportedWithItsFileAndNothingIsPublished() throws Exception {
        unityPackage("a", "com.broken.a", "1.0.0");
        repo.commit("feat: a");
        repo.write("a/package.json", "{\n  \"name\": \"com.broken.a\",\n  \"version\": \"1.0.1\",\n  \"unity\": \"2022.3\"\n");
        repo.commit("feat: broken bump");

        PublishReport report = publish(request().commitChangelog(false));

        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(report.packages()).singleElement().satisfies(p -> {
            assertThat(p.action()).isEqualTo(PlanAction.INVALID);
            assertThat(p.reason()).contains("a/package.json").containsIgnoringCase("line");
        });
        assertThat(verdaccio.npm(tmp, "view", "com.broken.a", "version").exitCode()).isNotZero();
    }

    @Test
    void aWrongTokenFailsClearlyAndLeaksNowhere() throws Exception {
        unityPackage("a", "com.token.a", "1.0.0");
        repo.commit("feat: a");
        String wrong = "wrong-token-0123456789abcdef";

        PublishReport report = publish(request().token(Secret.of(wrong)));

        assertThat(report.exitCode()).isEqualTo(1);
        PackageOutcome a = only(report, "com.token.a");
        assertThat(a.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(a.reason()).containsIgnoringCase("token");
        assertThat(ReportJson.toText(report)).doesNotContain(wrong);
        assertThat(listener.all()).doesNotContain(wrong);
        try (Stream<Path> files = Files.walk(tmp.resolve("audit"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f)).doesNotContain(wrong).contains("com.token.a");
            }
        }
    }

    @Test
    void anUnreachableRegistryIsARegistryErrorNotACrash() throws Exception {
        unityPackage("a", "com.down.a", "1.0.0");
        repo.commit("feat: a");
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }

        PublishReport report = publish(request().registry(URI.create("http://127.0.0.1:" + closedPort + "/")));

        assertThat(report.exitCode()).isEqualTo(1);
        PackageOutcome a = only(report, "com.down.a");
        assertThat(a.action()).isEqualTo(PlanAction.REGISTRY_ERROR);
        assertThat(a.reason()).contains("com.down.a");
    }

    @Test
    void aDryRunWritesNothing() throws Exception {
        unityPackage("a", "com.dry.a", "1.0.0");
        repo.commit("feat: a");
        repo.push();

        PublishReport report = publish(request().dryRun(true));

        assertThat(report.exitCode()).isZero();
        assertThat(only(report, "com.dry.a").outcome()).isEqualTo(Outcome.WOULD_PUBLISH);
        assertThat(verdaccio.npm(tmp, "view", "com.dry.a", "version").exitCode()).isNotZero();
        assertThat(repo.root().resolve("a/CHANGELOG.md")).doesNotExist();
        assertThat(tmp.resolve("audit")).doesNotExist();
        assertThat(repo.runGit("status", "--porcelain")).isBlank();
    }

    @Test
    void aSymlinkOutOfThePackageIsRefused() throws Exception {
        unityPackage("a", "com.link.a", "1.0.0");
        Files.writeString(tmp.resolve("secret.txt"), "do not ship");
        Files.createSymbolicLink(repo.root().resolve("a/Runtime/leak.txt"), tmp.resolve("secret.txt"));
        repo.commit("feat: a");

        PublishReport report = publish(request().commitChangelog(false));

        PackageOutcome a = only(report, "com.link.a");
        assertThat(a.action()).isEqualTo(PlanAction.INVALID);
        assertThat(a.reason()).contains("leak.txt");
        assertThat(verdaccio.npm(tmp, "view", "com.link.a", "version").exitCode()).isNotZero();
    }

    @Test
    void thePublicNpmRegistryIsRefusedUnlessAllowed() {
        assertThatThrownBy(() -> publish(request().registry(URI.create("https://registry.npmjs.org/"))))
                .isInstanceOf(UpmException.class).hasMessageContaining("public npm registry");
    }

    @Test
    void discordHearsAboutThePublishAndTheDeliveryIsAudited() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        HttpServer discord = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        discord.createContext("/api/webhooks/1/secret-webhook-token", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] ok = "{\"id\":\"1\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        discord.start();
        try {
            unityPackage("a", "com.discord.a", "1.0.0");
            repo.commit("feat: a");
            PublishRequest req = request().commitChangelog(false).build();
            PublishEngine engine = new PublishEngine();
            PublishReport report = engine.publish(req, listener);
            String hook = "http://127.0.0.1:" + discord.getAddress().getPort() + "/api/webhooks/1/secret-webhook-token";
            var notifiers = new NotifySettings(Secret.of(hook), null, null, null, null, java.time.Duration.ofSeconds(5), 2)
                    .notifiers();

            PublishReport notified = engine.notify(report, notifiers, req, listener);

            assertThat(bodies).singleElement().asString().contains("com.discord.a").contains("1.0.0");
            assertThat(notified.sideEffects()).anyMatch(s -> s.kind().startsWith("notify:") && s.ok());
            List<String> audit = new ArrayList<>();
            try (Stream<Path> files = Files.walk(tmp.resolve("audit"))) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    audit.add(Files.readString(f));
                }
            }
            assertThat(String.join("\n", audit)).contains("notify:").doesNotContain("secret-webhook-token");
        } finally {
            discord.stop(0);
        }
    }

    /** Keeps every line the engine says, to check what reached the log. */
    static final class RecordingListener implements PublishListener {
        private final List<String> lines = new CopyOnWriteArrayList<>();

        @Override
        public void info(String message) {
            lines.add("info " + message);
        }

        @Override
        public void warn(String message) {
            lines.add("warn " + message);
        }

        @Override
        public void outcome(PackageOutcome outcome) {
            lines.add("outcome " + outcome);
        }

        String all() {
            return String.join("\n", lines);
        }
    }
}
