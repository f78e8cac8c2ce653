package org.the1studio.upm.cli.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.the1studio.upm.cli.UpmCommand;
import org.the1studio.upm.core.fleet.GitHubStandIn;
import org.the1studio.upm.core.registry.RegistryClient;
import org.the1studio.upm.core.registry.RegistrySettings;
import org.the1studio.upm.core.secret.Secret;
import org.the1studio.upm.core.testing.GitFixture;
import org.the1studio.upm.core.testing.TestTarball;
import org.the1studio.upm.core.testing.VerdaccioServer;

/** {@code upm repos|cache|fleet} as a user runs them: arguments, environment, files, exit codes, output. */
class FleetCliTest {
    static final String GH_TOKEN = "ghp_cliStandInToken0001";
    static VerdaccioServer verdaccio;
    @TempDir Path dir;
    GitHubStandIn gh;
    final Map<String, String> env = new HashMap<>();

    record Run(int code, String out, String err) {}

    @BeforeAll
    static void registry() {
        verdaccio = VerdaccioServer.start();
    }

    @AfterAll
    static void stopRegistry() {
        verdaccio.close();
    }

    @BeforeEach
    void setUp() throws Exception {
        gh = GitHubStandIn.start().requireToken(GH_TOKEN);
        env.put("UPM_GITHUB_API", gh.apiUrl().toString());
        env.put("UPM_GITHUB_TOKEN", GH_TOKEN);
        env.put("UPM_REGISTRY", verdaccio.url());
        env.put("UPM_REGISTRY_TOKEN", verdaccio.token());
    }

    @AfterEach
    void tearDown() {
        gh.close();
    }

    Run upm(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = UpmCommand.execute(args, env, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    String file() {
        return dir.resolve("repositories.json").toString();
    }

    static void publish(Path scratch, String name, String version) throws Exception {
        try (RegistryClient c = new RegistryClient(RegistrySettings.of(verdaccio.url(), Secret.of(verdaccio.token())))) {
            c.publish(TestTarball.manifest(name, version), TestTarball.write(scratch.resolve(name + version + ".tgz"),
                    name, version), "latest", null);
        }
    }

    @Test
    void reposAddListSetStatusValidate() throws Exception {
        assertThat(upm("repos", "add", "https://github.com/acme/tools", "-f", file()).code()).isZero();
        Run add2 = upm("repos", "add", "https://github.com/acme/ui", "--status", "pending", "--branch", "develop",
                "--notes", "UI kit", "-f", file());
        assertThat(add2.code()).isZero();
        assertThat(add2.out()).contains("added https://github.com/acme/ui (pending)");

        Run dup = upm("repos", "add", "https://github.com/ACME/tools.git", "-f", file());
        assertThat(dup.code()).isEqualTo(2);
        assertThat(dup.err()).contains("already listed as https://github.com/acme/tools");

        Run list = upm("repos", "list", "-f", file());
        assertThat(list.code()).isZero();
        assertThat(list.out()).contains("active    https://github.com/acme/tools")
                .contains("pending   https://github.com/acme/ui     branch develop  # UI kit")
                .contains("2 repositories (1 active, 1 pending, 0 disabled)");

        assertThat(upm("repos", "set-status", "https://github.com/acme/ui", "disabled", "-f", file()).out())
                .contains("is now disabled");
        Run bad = upm("repos", "set-status", "https://github.com/acme/ui", "archived", "-f", file());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("'archived' is not a status; use one of active, pending, disabled");

        assertThat(upm("repos", "validate", file()).out()).contains("valid");
        Files.writeString(Path.of(file()), """
                {"repositories": [
                  {"url": "https://github.com/acme/a", "status": "active"},
                  {"url": "https://github.com/acme/A.git", "status": "gone"},
                  {"url": "http://example.com/x", "status": "active"}]}
                """);
        Run invalid = upm("repos", "validate", file());
        assertThat(invalid.code()).isEqualTo(1);
        assertThat(invalid.err()).contains("2 problems")
                .contains("repositories[1] (https://github.com/acme/A.git): field 'status': 'gone' is not a status")
                .contains("repositories[2] (http://example.com/x): field 'url':");
        Run listInvalid = upm("repos", "list", "-f", file());
        assertThat(listInvalid.code()).isEqualTo(2);
        assertThat(listInvalid.err()).contains(file()).contains("repositories[1]");
        assertThat(upm("repos", "list", "-f", dir.resolve("missing.json").toString()).code()).isEqualTo(2);
        assertThat(upm("repos", "schema").out()).contains("\"$schema\": \"https://json-schema.org/draft/2020-12/schema\"");
    }

    @Test
    void registerThenSync() throws Exception {
        GitHubStandIn.Repo repo = gh.repo("acme", "tools");
        repo.addPackage("Packages/com.acme.tools", "com.acme.tools", "1.0.0");
        Run reg = upm("repos", "register", "https://github.com/acme/tools", "-f", file());
        assertThat(reg.code()).as(reg.err()).isZero();
        assertThat(reg.out()).contains("opened pull request #1: https://github.com/acme/tools/pull/1")
                .contains("https://github.com/acme/tools is pending; merge https://github.com/acme/tools/pull/1");
        assertThat(Files.readString(Path.of(file()))).contains("\"status\": \"pending\"");
        assertThat(upm("repos", "sync", "-f", file()).out()).contains("pending  https://github.com/acme/tools")
                .contains("1 pending, 0 now active");
        repo.merge(1);
        assertThat(upm("repos", "sync", "-f", file()).out()).contains("active   https://github.com/acme/tools")
                .contains("1 pending, 1 now active");
        assertThat(Files.readString(Path.of(file()))).contains("\"status\": \"active\"");

        Run missing = upm("repos", "register", "https://github.com/acme/nope", "-f", file());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("acme/nope").contains("not found").doesNotContain(GH_TOKEN);
    }

    @Test
    void cacheBuildAndFleetCheckWithReportsAndDiscordSummary() throws Exception {
        String tools = VerdaccioServer.uniqueName("com.acme.clitools");
        String extra = VerdaccioServer.uniqueName("com.acme.cliextra");
        publish(dir, tools, "1.0.0");
        publish(dir, extra, "0.1.0");
        GitHubStandIn.Repo repo = gh.repo("acme", "tools");
        repo.addPackage("Packages/" + tools, tools, "1.0.0");
        repo.addPackage("Packages/" + extra, extra, "0.2.0");
        upm("repos", "add", "https://github.com/acme/tools", "-f", file());

        Run build = upm("cache", "build", "-f", file(), "--no-registry-search");
        assertThat(build.code()).as(build.err()).isZero();
        assertThat(build.out()).contains("1 repositories, 2 packages");
        assertThat(build.err()).contains("[upm] GitHub: ").contains("package cache written to");
        assertThat(dir.resolve("package-cache.json")).exists();
        assertThat(dir.resolve(".upm-github-cache")).isDirectory();

        List<String> discord = new CopyOnWriteArrayList<>();
        HttpServer hook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hook.createContext("/", ex -> {
            discord.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] ok = "{\"id\":\"1\"}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, ok.length);
            ex.getResponseBody().write(ok);
            ex.close();
        });
        hook.start();
        try {
            env.put("UPM_DISCORD_WEBHOOK", "http://127.0.0.1:" + hook.getAddress().getPort() + "/api/webhooks/1/abcdefghijklmnop");
            Run check = upm("fleet", "check", "-f", file(), "--no-registry-search", "--report-dir", dir.resolve("reports").toString());
            assertThat(check.code()).as(check.err()).isEqualTo(1);
            assertThat(check.out()).contains("1 repositories, 2 packages: 1 up to date, 1 unpublished")
                    .contains(extra + "@0.2.0");
            assertThat(check.err()).contains("Discord summary sent");
            assertThat(discord).singleElement().satisfies(body -> {
                JsonNode embed = new ObjectMapper().readTree(body).get("embeds").get(0);
                assertThat(embed.get("title").asText()).isEqualTo("Fleet check: 1 problem in 2 packages");
                assertThat(embed.get("description").asText()).contains(extra + "@0.2.0").doesNotContain(tools + "@");
            });
            assertThat(dir.resolve("reports/fleet-report.html")).content().contains("<svg");
            assertThat(dir.resolve("reports/fleet-report.txt")).content().contains("unpublished");
            assertThat(new ObjectMapper().readTree(dir.resolve("reports/fleet-report.json").toFile()).get("exitCode").asInt())
                    .isEqualTo(1);

            Run json = upm("fleet", "check", "-f", file(), "--offline", "--json", "--no-notify");
            assertThat(json.code()).isEqualTo(1);
            assertThat(new ObjectMapper().readTree(json.out()).get("counts").get("unpublished").asInt()).isEqualTo(1);
            assertThat(discord).hasSize(1);

            publish(dir, extra, "0.2.0");
            discord.clear();
            Run clean = upm("fleet", "check", "-f", file(), "--no-registry-search", "-q");
            assertThat(clean.code()).isZero();
            assertThat(clean.out()).contains("Every package is published and up to date.");
            assertThat(clean.err()).isEmpty();
            assertThat(discord).isEmpty();
        } finally {
            hook.stop(0);
        }
    }

    @Test
    void republishFromClonesWithDryRunFirst() throws Exception {
        String name = VerdaccioServer.uniqueName("com.acme.clirepub");
        publish(dir, name, "1.0.0");
        Path clones = dir.resolve("clones");
        String set;
        try (GitFixture g = GitFixture.init(clones.resolve("acme/repub"))) {
            g.write("package.json", GitFixture.unityManifest(name, "1.0.0")).commit("add");
            set = g.write("package.json", GitFixture.unityManifest(name, "1.1.0")).commit("release 1.1.0");
            g.write("Later.cs", "class Later {}\n").commit("later");
        }
        upm("repos", "add", "https://github.com/acme/repub", "-f", file());

        Run noClones = upm("fleet", "republish", "-f", file());
        assertThat(noClones.code()).isEqualTo(2);
        assertThat(noClones.err()).contains("--clones");

        Run dry = upm("fleet", "republish", "-f", file(), "--clones", clones.toString(), "--dry-run", "--no-registry-search");
        assertThat(dry.code()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("would publish").contains(name + "@1.1.0 from " + set.substring(0, 10)
                + " \"release 1.1.0\"").contains("(dry run: nothing written)");

        Run real = upm("fleet", "republish", "-f", file(), "--clones", clones.toString(), "--no-registry-search",
                "--audit-dir", dir.resolve("audit").toString());
        assertThat(real.code()).as(real.err()).isZero();
        assertThat(real.out()).contains("published").contains(name + "@1.1.0");
        assertThat(real.err()).doesNotContain(verdaccio.token());
        assertThat(dir.resolve("audit")).isDirectoryContaining(p -> p.getFileName().toString().endsWith(".jsonl"));

        Run again = upm("fleet", "republish", "-f", file(), "--clones", clones.toString(), "--no-registry-search");
        assertThat(again.code()).isZero();
        assertThat(again.out()).contains("nothing to re-publish");
    }
}
