package org.the1studio.upm.core.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.the1studio.upm.core.publish.Outcome;
import org.the1studio.upm.core.registry.Packument;
import org.the1studio.upm.core.registry.RegistryClient;
import org.the1studio.upm.core.registry.RegistrySettings;
import org.the1studio.upm.core.secret.Secret;
import org.the1studio.upm.core.testing.GitFixture;
import org.the1studio.upm.core.testing.TestTarball;
import org.the1studio.upm.core.testing.VerdaccioServer;

/** Re-publishing from the commit that set the version: real git history, the real engine, a real Verdaccio. */
class RepublishTest {
    @TempDir Path dir;

    @Test
    void findsTheCommitThatSetTheVersionFollowingMovesAndFirstParents() throws Exception {
        try (GitFixture repo = GitFixture.init(dir.resolve("r"))) {
            repo.write("Old/package.json", GitFixture.unityManifest("com.acme.a", "1.0.0")).commit("add a");
            String set = repo.write("Old/package.json", GitFixture.unityManifest("com.acme.a", "1.1.0")).commit("bump a to 1.1.0");
            repo.move("Old", "Packages/com.acme.a").commit("move a");
            repo.branch("feature").checkout("feature").write("README.md", "x").commit("feature work");
            repo.checkout("main");
            repo.write("Other.txt", "y").commit("other");
            String merge = repo.merge("feature", "merge feature");
            ObjectId tip = repo.repository().resolve("HEAD");
            VersionCommitFinder.Found f = VersionCommitFinder.find(repo.repository(), tip,
                    "Packages/com.acme.a/package.json", "com.acme.a", "1.1.0").orElseThrow();
            assertThat(f.commit()).isEqualTo(set);
            assertThat(f.manifestPath()).isEqualTo("Old/package.json");
            assertThat(f.subject()).isEqualTo("bump a to 1.1.0");
            assertThat(merge).isNotNull();
            assertThat(VersionCommitFinder.find(repo.repository(), tip, "Packages/com.acme.a/package.json", "com.acme.a",
                    "9.9.9")).isEmpty();
        }
    }

    @Test
    void publishesTheUnpublishedVersionFromItsCommitWithAuditRecords() throws Exception {
        VerdaccioServer verdaccio = VerdaccioServer.shared();
        String name = VerdaccioServer.uniqueName("com.acme.republish");
        Secret token = Secret.of(verdaccio.token());
        try (RegistryClient c = new RegistryClient(RegistrySettings.of(verdaccio.url(), token))) {
            c.publish(TestTarball.manifest(name, "1.0.0"), TestTarball.write(dir.resolve("a.tgz"), name, "1.0.0"), "latest", null);
        }
        Path clones = dir.resolve("clones");
        String pkg = "Packages/" + name;
        String setCommit;
        try (GitFixture repo = GitFixture.init(clones.resolve("acme/tools"))) {
            repo.write(pkg + "/package.json", GitFixture.unityManifest(name, "1.0.0"))
                    .write(pkg + "/Runtime/A.cs", "class A {}\n").commit("add package");
            setCommit = repo.write(pkg + "/package.json", GitFixture.unityManifest(name, "1.1.0"))
                    .write(pkg + "/Runtime/B.cs", "class B {}\n").commit("feat: B, release 1.1.0");
            repo.write(pkg + "/Runtime/C.cs", "class C {} // not released yet\n").commit("wip: C");
            repo.write("README.md", "# tools\n").commit("docs");
        }
        RepositoryRegistry fleet = RepositoryRegistry.of(List.of(
                new RepositoryEntry("https://github.com/acme/tools", RepoStatus.ACTIVE, null, null, null)));
        LocalClones local = new LocalClones(clones, null, false);
        PackageCache cache;
        try (RegistryPackuments packuments = new RegistryPackuments(token)) {
            cache = new PackageCacheBuilder(new LocalCloneSource(local), packuments, verdaccio.uri(), 2, false,
                    FleetListener.SILENT).build(fleet, null);
        }
        FleetReport report = new FleetChecker().check(cache, fleet);
        assertThat(report.packages()).singleElement().satisfies(p -> {
            assertThat(p.state()).isEqualTo(PackageState.UNPUBLISHED);
            assertThat(p.version()).isEqualTo("1.1.0");
        });

        List<String> log = new ArrayList<>();
        FleetListener listener = new FleetListener() {
            @Override
            public void info(String message) {
                log.add(message);
            }
        };
        Republisher republisher = new Republisher(local, listener);
        List<Republisher.Plan> plans = republisher.plan(report, cache, fleet);
        assertThat(plans).singleElement().satisfies(p -> {
            assertThat(p.commit()).isEqualTo(setCommit);
            assertThat(p.subject()).isEqualTo("feat: B, release 1.1.0");
            assertThat(p.problem()).isNull();
        });

        Path audit = dir.resolve("audit");
        List<Republisher.Result> dry = republisher.republish(plans, new Republisher.Settings(token, true, audit, null, false));
        assertThat(dry).singleElement().satisfies(r -> {
            assertThat(r.ok()).as(String.valueOf(r.error())).isTrue();
            assertThat(r.report().packages()).singleElement()
                    .satisfies(o -> assertThat(o.outcome()).isEqualTo(Outcome.WOULD_PUBLISH));
        });
        try (RegistryClient c = new RegistryClient(RegistrySettings.of(verdaccio.url(), token))) {
            assertThat(c.packument(name).orElseThrow().versions()).containsOnlyKeys("1.0.0");
        }

        List<Republisher.Result> done = republisher.republish(plans, new Republisher.Settings(token, false, audit, null, false));
        assertThat(done).singleElement().satisfies(r -> {
            assertThat(r.ok()).as(String.valueOf(r.error())).isTrue();
            assertThat(r.report().run().commit()).isEqualTo(setCommit);
            assertThat(r.report().run().repository()).isEqualTo("https://github.com/acme/tools");
            assertThat(r.report().packages()).singleElement()
                    .satisfies(o -> assertThat(o.outcome()).isEqualTo(Outcome.PUBLISHED));
        });
        Packument after;
        try (RegistryClient c = new RegistryClient(RegistrySettings.of(verdaccio.url(), token))) {
            after = c.packument(name).orElseThrow();
        }
        assertThat(after.versions()).containsKeys("1.0.0", "1.1.0");
        assertThat(tarballFiles(after.versions().get("1.1.0").tarball().toString(), verdaccio.token()))
                .contains("package/Runtime/A.cs", "package/Runtime/B.cs").doesNotContain("package/Runtime/C.cs");
        try (Stream<Path> files = Files.list(audit)) {
            String records = String.join("", files.map(f -> {
                try {
                    return Files.readString(f);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList());
            assertThat(records).contains("\"package\":\"" + name + "\"").contains("\"result\":\"published\"")
                    .contains(setCommit).doesNotContain(verdaccio.token());
        }

        // nothing left to do: the next check is clean and a second run plans nothing
        try (RegistryPackuments packuments = new RegistryPackuments(token)) {
            PackageCache again = new PackageCacheBuilder(new LocalCloneSource(local), packuments, verdaccio.uri(), 2,
                    false, FleetListener.SILENT).build(fleet, cache);
            FleetReport clean = new FleetChecker().check(again, fleet);
            assertThat(clean.hasProblems()).isFalse();
            assertThat(republisher.plan(clean, again, fleet)).isEmpty();
        }
        assertThat(log).anySatisfy(l -> assertThat(l).contains("was set by " + setCommit.substring(0, 10)));
        assertThat(Map.of()).isEmpty();
    }

    static List<String> tarballFiles(String url, String token) throws Exception {
        HttpResponse<InputStream> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(java.net.URI.create(url))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(r.body()))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                names.add(e.getName());
            }
        }
        return names;
    }
}
