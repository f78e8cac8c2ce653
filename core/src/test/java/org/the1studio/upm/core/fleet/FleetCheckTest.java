package org.the1studio.upm.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.the1studio.upm.core.registry.RegistryClient;
import org.the1studio.upm.core.registry.RegistrySettings;
import org.the1studio.upm.core.secret.Secret;
import org.the1studio.upm.core.testing.TestTarball;
import org.the1studio.upm.core.testing.VerdaccioServer;

/**
 * {@code cache build} and {@code fleet check} end to end: the GitHub stand-in for repositories, a real Verdaccio for
 * the registry side.
 */
class FleetCheckTest {
    static VerdaccioServer verdaccio;
    static Path scratch;
    GitHubStandIn gh;

    @BeforeAll
    static void registry(@TempDir Path dir) throws Exception {
        scratch = dir;
        verdaccio = VerdaccioServer.start();
        publish("com.acme.tools", "1.0.0");
        publish("com.acme.tools", "1.2.0");
        publish("com.acme.extra", "0.2.0");
        publish("com.acme.ui", "1.0.0");
        publish("com.acme.ui", "1.1.0");
        publish("com.acme.ui", "2.0.0-beta.1");
        publish("com.acme.orphan", "1.0.0");
        publish("com.acme.retired", "1.0.0");
        try (RegistryClient c = client()) {
            c.deprecate("com.acme.retired", "1.0.0", "use com.acme.tools");
        }
    }

    @AfterAll
    static void stopRegistry() {
        verdaccio.close();
    }

    static RegistryClient client() {
        return new RegistryClient(RegistrySettings.of(verdaccio.url(), Secret.of(verdaccio.token())));
    }

    static void publish(String name, String version) throws Exception {
        try (RegistryClient c = client()) {
            c.publish(TestTarball.manifest(name, version), TestTarball.write(scratch.resolve(name + "-" + version + ".tgz"),
                    name, version), "latest", null);
        }
    }

    RepositoryRegistry fleet() throws Exception {
        gh = GitHubStandIn.start();
        GitHubStandIn.Repo tools = gh.repo("acme", "tools");
        tools.addPackage("Packages/com.acme.tools", "com.acme.tools", "1.2.0");
        tools.addPackage("Packages/com.acme.extra", "com.acme.extra", "0.3.0");
        GitHubStandIn.Repo ui = gh.repo("acme", "ui").defaultBranch("develop");
        ui.addPackage("", "com.acme.ui", "1.0.0");
        ui.commit("develop", Map.of(
                "Packages/bad/package.json", "{\"name\": \"com.acme.bad\", \"version\": \"v1.0\", \"unity\": \"2022.3\"}",
                "Tools/build/package.json", "{\"name\": \"build-tools\", \"version\": \"1.0.0\", \"private\": true}",
                "node_modules/x/package.json", "{\"name\": \"x\", \"version\": \"1.0.0\", \"unity\": \"2022.3\"}"));
        gh.repo("acme", "secret").makePrivate(false).addPackage("", "com.acme.secret", "1.0.0");
        return RepositoryRegistry.of(List.of(
                new RepositoryEntry("https://github.com/acme/tools", RepoStatus.ACTIVE, null, null, null),
                new RepositoryEntry("https://github.com/acme/ui.git", RepoStatus.ACTIVE, null, null, "UI kit"),
                new RepositoryEntry("https://github.com/acme/gone", RepoStatus.ACTIVE, null, null, null),
                new RepositoryEntry("https://github.com/acme/secret", RepoStatus.ACTIVE, null, null, null),
                new RepositoryEntry("https://github.com/acme/later", RepoStatus.PENDING, null, null, null)));
    }

    PackageCache build(RepositoryRegistry fleet, PackageCache previous, Path httpCache) {
        GitHubApi api = new GitHubApi(GitHubSettings.of(gh.apiUrl(), null).withHttpCacheDir(httpCache));
        try (RegistryPackuments packuments = new RegistryPackuments(Secret.of(verdaccio.token()))) {
            return new PackageCacheBuilder(new GitHubSource(api), packuments, verdaccio.uri(), 4, true,
                    FleetListener.SILENT).build(fleet, previous);
        }
    }

    static Map<String, PackageStatus> byName(FleetReport r) {
        return r.packages().stream().collect(Collectors.toMap(PackageStatus::name, Function.identity()));
    }

    @Test
    void classifiesEveryPackageAndReportsUnreadableRepositories(@TempDir Path dir) throws Exception {
        RepositoryRegistry fleet = fleet();
        try (GitHubStandIn stand = gh) {
            PackageCache cache = build(fleet, null, dir.resolve("http"));
            cache.save(dir.resolve("package-cache.json"));
            PackageCache reread = PackageCache.load(dir.resolve("package-cache.json"));
            assertThat(reread).isEqualTo(cache);
            assertThat(cache.repository("https://github.com/acme/ui").orElseThrow().branch()).isEqualTo("develop");
            assertThat(cache.repository("https://github.com/acme/ui").orElseThrow().notices())
                    .anySatisfy(n -> assertThat(n).contains("Tools/build/package.json has no \"unity\" field"));

            FleetReport report = new FleetChecker().check(cache, fleet);
            Map<String, PackageStatus> s = byName(report);
            assertThat(s.get("com.acme.tools").state()).isEqualTo(PackageState.UP_TO_DATE);
            assertThat(s.get("com.acme.extra").state()).isEqualTo(PackageState.UNPUBLISHED);
            assertThat(s.get("com.acme.extra").detail()).contains("0.3.0 is not on the registry (highest there: 0.2.0)");
            assertThat(s.get("com.acme.ui").state()).isEqualTo(PackageState.BEHIND);
            assertThat(s.get("com.acme.ui").highest()).isEqualTo("1.1.0");
            assertThat(s.get("com.acme.ui").detail()).contains("the registry has 1.1.0 but develop is at 1.0.0");
            assertThat(s.get("com.acme.bad").state()).isEqualTo(PackageState.INVALID_MANIFEST);
            assertThat(s.get("com.acme.bad").detail()).contains("Packages/bad/package.json: field 'version'")
                    .contains("drop the leading 'v'");
            assertThat(s.get("com.acme.orphan").state()).isEqualTo(PackageState.ORPHANED);
            assertThat(s.get("com.acme.orphan").detail()).contains("in no repository");
            assertThat(s).doesNotContainKeys("com.acme.retired", "x", "build-tools", "com.acme.secret");
            assertThat(report.errors()).extracting(FleetProblem::repository)
                    .containsExactly("https://github.com/acme/gone", "https://github.com/acme/secret");
            assertThat(report.errors().get(1).message()).contains("acme/secret").contains("private one the token cannot see");
            assertThat(report.repositories()).isEqualTo(4);
            assertThat(report.exitCode()).isEqualTo(1);
            assertThat(report.problems()).extracting(PackageStatus::state).containsExactly(PackageState.UNPUBLISHED,
                    PackageState.BEHIND, PackageState.INVALID_MANIFEST, PackageState.ORPHANED);
        }
    }

    @Test
    void refreshReusesUnchangedRepositoriesAndFindsPackagesThatVanished(@TempDir Path dir) throws Exception {
        RepositoryRegistry fleet = fleet();
        try (GitHubStandIn stand = gh) {
            PackageCache first = build(fleet, null, dir.resolve("http"));
            gh.clearRequests();
            PackageCache second = build(fleet, first, dir.resolve("http"));
            assertThat(second.repositories()).isEqualTo(first.repositories());
            assertThat(gh.requests()).noneSatisfy(r -> assertThat(r.path()).contains("/git/trees/"))
                    .noneSatisfy(r -> assertThat(r.path()).contains("/contents/"));
            assertThat(gh.requests()).filteredOn(r -> r.path().startsWith("/repos/acme/tools"))
                    .allSatisfy(r -> assertThat(r.header("if-none-match")).isNotNull());

            gh.repo("acme", "tools").commit("main", new HashMap<>(Map.of("Packages/com.acme.extra/package.json", "")) {
                {
                    put("Packages/com.acme.extra/package.json", null);
                }
            });
            PackageCache third = build(fleet, second, dir.resolve("http"));
            Map<String, PackageStatus> s = byName(new FleetChecker().check(third, fleet));
            assertThat(s.get("com.acme.extra").state()).isEqualTo(PackageState.ORPHANED);
            assertThat(s.get("com.acme.extra").repository()).isEqualTo("https://github.com/acme/tools");
            assertThat(s.get("com.acme.extra").detail()).startsWith("last seen in https://github.com/acme/tools at ");

            // a repository that is disabled is not checked, so its packages are not called orphans
            RepositoryRegistry disabled = fleet.setStatus("https://github.com/acme/tools", RepoStatus.DISABLED);
            Map<String, PackageStatus> d = byName(new FleetChecker().check(build(disabled, third, dir.resolve("http")), disabled));
            assertThat(d).doesNotContainKeys("com.acme.tools", "com.acme.extra");
        }
    }

    @Test
    void reportsInEveryForm(@TempDir Path dir) throws Exception {
        RepositoryRegistry fleet = fleet();
        try (GitHubStandIn stand = gh) {
            FleetReport report = new FleetChecker().check(build(fleet, null, dir.resolve("http")), fleet);
            String text = FleetReports.text(report);
            assertThat(text).contains("4 repositories, 5 packages: 1 up to date, 1 unpublished, 1 behind,"
                    + " 1 invalid manifest, 1 orphaned; 2 could not be checked")
                    .contains("unpublished").contains("com.acme.extra@0.3.0").contains("Could not be checked:");

            JsonNode json = new ObjectMapper().readTree(FleetReports.json(report));
            assertThat(json.get("result").asText()).isEqualTo("problems");
            assertThat(json.get("exitCode").asInt()).isEqualTo(1);
            assertThat(json.get("counts").get("unpublished").asInt()).isEqualTo(1);
            assertThat(json.get("packages")).hasSize(5);
            assertThat(json.get("errors")).hasSize(2);

            String html = FleetReports.html(report);
            assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg class=\"donut\"").contains("<table id=\"packages\">")
                    .contains("com.acme.extra").contains("acme/tools")
                    .doesNotContain("<link").doesNotContain("src=").doesNotContain("@import").doesNotContain("url(");
            assertThat(html.split("<tr class=", -1)).hasSize(6);

            String md = FleetReports.discordMarkdown(report);
            assertThat(FleetReports.discordTitle(report)).isEqualTo("Fleet check: 6 problems in 5 packages");
            assertThat(md).contains("**1** unpublished").contains("`com.acme.extra@0.3.0` — acme/tools")
                    .contains("**not checked** acme/gone").doesNotContain("com.acme.tools@1.2.0");
        }
    }

    @Test
    void htmlEscapesWhatReposWrite() {
        PackageStatus evil = new PackageStatus("https://github.com/a/b", "", "<script>alert(1)</script>", "1.0.0",
                "http://r/", null, null, PackageState.INVALID_MANIFEST, "bad \"quote\" & <b>", "abc");
        FleetReport r = new FleetReport("now", "then", "http://r/", 1, List.of(evil), List.of());
        assertThat(FleetReports.html(r)).doesNotContain("<script>alert").contains("&lt;script&gt;")
                .contains("bad &quot;quote&quot; &amp; &lt;b&gt;");
        assertThat(FleetReports.discordMarkdown(r)).contains("`<script>alert(1)</script>@1.0.0`");
    }

    static URI unused() {
        return null;
    }
}
