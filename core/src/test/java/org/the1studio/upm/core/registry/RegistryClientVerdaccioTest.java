package org.the1studio.upm.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.the1studio.upm.core.pack.PackResult;
import org.the1studio.upm.core.secret.Secret;
import org.the1studio.upm.core.testing.TestTarball;
import org.the1studio.upm.core.testing.VerdaccioServer;

/** The registry protocol against the real Verdaccio, read back with the real npm CLI. */
class RegistryClientVerdaccioTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static VerdaccioServer verdaccio;
    private static RegistryClient client;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startRegistry() {
        verdaccio = VerdaccioServer.start();
        client = new RegistryClient(settings(Secret.of(verdaccio.token())));
    }

    @AfterAll
    static void stopRegistry() {
        if (client != null) {
            client.close();
        }
        if (verdaccio != null) {
            verdaccio.stop();
        }
    }

    private static RegistrySettings settings(Secret token) {
        return RegistrySettings.of(verdaccio.url(), token).withVerify(Duration.ofSeconds(5), Duration.ofMillis(100));
    }

    @Test
    void publishesAVersionThatNpmReadsBackAndInstallsIdentically() throws Exception {
        String name = VerdaccioServer.uniqueName("com.acme.tools");
        ObjectNode manifest = TestTarball.manifest(name, "1.2.3");
        PackResult packed = TestTarball.write(tmp.resolve("p.tgz"), manifest);
        assertThat(client.packument(name)).isEmpty();

        List<long[]> progress = new ArrayList<>();
        client.publish(manifest, packed, "latest", (sent, total) -> progress.add(new long[] {sent, total}));
        client.verify(name, "1.2.3", packed.integrity());

        assertThat(progress).isNotEmpty();
        long[] lastProgress = progress.get(progress.size() - 1);
        assertThat(lastProgress[0]).isEqualTo(lastProgress[1]).isGreaterThan(packed.size());

        Packument p = client.packument(name).orElseThrow();
        assertThat(p.name()).isEqualTo(name);
        assertThat(p.distTags()).containsEntry("latest", "1.2.3");
        PublishedVersion v = p.versions().get("1.2.3");
        assertThat(v.integrity()).isEqualTo(packed.integrity());
        assertThat(v.shasum()).isEqualTo(packed.shasum());
        assertThat(v.deprecated()).isFalse();
        assertThat(v.tarball().toString()).startsWith(verdaccio.url()).endsWith(".tgz");
        assertThat(client.document(name).orElseThrow().path("readme").asText())
                .as("the package page shows the README").isEqualTo("# " + name + "\n");

        VerdaccioServer.NpmResult view = verdaccio.npm(tmp, "view", name + "@1.2.3", "--json").requireOk();
        JsonNode viewed = JSON.readTree(view.stdout());
        assertThat(viewed.path("dist").path("integrity").asText()).isEqualTo(packed.integrity());
        assertThat(viewed.path("dist").path("shasum").asText()).isEqualTo(packed.shasum());
        assertThat(viewed.path("unity").asText()).isEqualTo("2021.3");
        assertThat(viewed.path("dist-tags").path("latest").asText()).isEqualTo("1.2.3");

        assertInstallsIdentically(name, "1.2.3", packed);
    }

    @Test
    void scopedPackagesAreEscapedAndInstallable() throws Exception {
        String name = "@acme/" + VerdaccioServer.uniqueName("tools");
        ObjectNode manifest = TestTarball.manifest(name, "0.1.0");
        PackResult packed = TestTarball.write(tmp.resolve("s.tgz"), manifest);
        client.publish(manifest, packed, "latest", null);
        client.verify(name, "0.1.0", packed.integrity());

        assertThat(client.packument(name).orElseThrow().version("0.1.0").orElseThrow().integrity())
                .isEqualTo(packed.integrity());
        assertThat(verdaccio.npm(tmp, "view", name, "version").requireOk().stdout().strip()).isEqualTo("0.1.0");
        assertInstallsIdentically(name, "0.1.0", packed);
        assertThat(client.packagePageUrl(name, "0.1.0").toString())
                .isEqualTo(verdaccio.url() + "-/web/detail/" + name + "/v/0.1.0");
    }

    @Test
    void publishingAnExistingVersionIsAConflictThatKnowsWhetherItIsTheSameContent() throws Exception {
        String name = VerdaccioServer.uniqueName("com.acme.dup");
        ObjectNode manifest = TestTarball.manifest(name, "1.0.0");
        PackResult packed = TestTarball.write(tmp.resolve("a.tgz"), manifest);
        client.publish(manifest, packed, "latest", null);

        RegistryConflictException same = catchThrowableOfType(RegistryConflictException.class,
                () -> client.publish(manifest, packed, "latest", null));
        assertThat(same.sameContent()).isTrue();
        assertThat(same.status()).isEqualTo(409);
        assertThat(same.getMessage()).contains(name + "@1.0.0").contains("same content");

        ObjectNode changed = manifest.deepCopy().put("description", "something else");
        PackResult other = TestTarball.write(tmp.resolve("b.tgz"), changed);
        RegistryConflictException different = catchThrowableOfType(RegistryConflictException.class,
                () -> client.publish(changed, other, "latest", null));
        assertThat(different.sameContent()).isFalse();
        assertThat(different.getMessage()).contains("different content").contains(packed.integrity());
        assertThat(different.hint()).contains("bump");
        // the registry still serves the first tarball
        client.verify(name, "1.0.0", packed.integrity());
    }

    @Test
    void aWrongTokenIsAnAuthErrorThatNeverShowsTheToken() throws Exception {
        String name = VerdaccioServer.uniqueName("com.acme.auth");
        ObjectNode manifest = TestTarball.manifest(name, "1.0.0");
        PackResult packed = TestTarball.write(tmp.resolve("a.tgz"), manifest);
        String wrong = "not-the-token-" + verdaccio.token().substring(0, 20) + "xyz";
        try (RegistryClient bad = new RegistryClient(settings(Secret.of(wrong)).withTokenSource("MY_TOKEN_VAR"))) {
            RegistryAuthException e = catchThrowableOfType(RegistryAuthException.class,
                    () -> bad.publish(manifest, packed, "latest", null));
            assertThat(e.status()).isIn(401, 403);
            assertThat(e.hint()).contains("MY_TOKEN_VAR").contains("publish rights");
            assertNoSecret(e, wrong);

            RegistryAuthException read = catchThrowableOfType(RegistryAuthException.class, () -> bad.packument(name));
            assertNoSecret(read, wrong);
        }
        try (RegistryClient anonymous = new RegistryClient(settings(null))) {
            RegistryAuthException e = catchThrowableOfType(RegistryAuthException.class,
                    () -> anonymous.publish(manifest, packed, "latest", null));
            assertThat(e.hint()).contains("no registry token").contains(RegistrySettings.DEFAULT_TOKEN_SOURCE);
        }
        assertThat(client.packument(name)).isEmpty();
    }

    @Test
    void distTagsMoveAndNpmSeesThem() throws Exception {
        String name = VerdaccioServer.uniqueName("com.acme.tags");
        ObjectNode m1 = TestTarball.manifest(name, "1.0.0");
        client.publish(m1, TestTarball.write(tmp.resolve("1.tgz"), m1), "latest", null);
        ObjectNode m2 = TestTarball.manifest(name, "2.0.0-beta.1");
        client.publish(m2, TestTarball.write(tmp.resolve("2.tgz"), m2), "beta", null);

        Packument p = client.packument(name).orElseThrow();
        assertThat(p.distTags()).containsEntry("latest", "1.0.0").containsEntry("beta", "2.0.0-beta.1");
        assertThat(p.versions().keySet()).containsExactly("1.0.0", "2.0.0-beta.1");

        client.setDistTag(name, "1.0.0", "stable");
        client.setDistTag(name, "2.0.0-beta.1", "latest");
        assertThat(client.packument(name).orElseThrow().distTags())
                .containsEntry("stable", "1.0.0").containsEntry("latest", "2.0.0-beta.1");
        assertThat(verdaccio.npm(tmp, "dist-tag", "ls", name).requireOk().stdout())
                .contains("stable: 1.0.0").contains("latest: 2.0.0-beta.1");

        assertThatThrownBy(() -> client.setDistTag(VerdaccioServer.uniqueName("com.acme.none"), "1.0.0", "x"))
                .isInstanceOf(RegistryNotFoundException.class);
    }

    @Test
    void deprecatesAndUndeprecatesAVersion() throws Exception {
        String name = VerdaccioServer.uniqueName("com.acme.old");
        ObjectNode m1 = TestTarball.manifest(name, "1.0.0");
        PackResult p1 = TestTarball.write(tmp.resolve("1.tgz"), m1);
        client.publish(m1, p1, "latest", null);
        ObjectNode m2 = TestTarball.manifest(name, "1.0.1");
        client.publish(m2, TestTarball.write(tmp.resolve("2.tgz"), m2), "latest", null);

        client.deprecate(name, "1.0.0", "use 1.0.1: it fixes a crash");
        Packument p = client.packument(name).orElseThrow();
        assertThat(p.versions().get("1.0.0").deprecated()).isTrue();
        assertThat(p.versions().get("1.0.0").deprecation()).isEqualTo("use 1.0.1: it fixes a crash");
        assertThat(p.versions().get("1.0.1").deprecated()).isFalse();
        assertThat(p.versions().get("1.0.0").integrity()).isEqualTo(p1.integrity());
        assertThat(verdaccio.npm(tmp, "view", name + "@1.0.0", "deprecated").requireOk().stdout())
                .contains("it fixes a crash");

        client.deprecate(name, "1.0.0", "");
        assertThat(client.packument(name).orElseThrow().versions().get("1.0.0").deprecated()).isFalse();

        assertThatThrownBy(() -> client.deprecate(name, "9.9.9", "x")).isInstanceOf(RegistryNotFoundException.class)
                .hasMessageContaining(name + "@9.9.9");
    }

    @Test
    void verifyFailsClearlyOnOtherContentAndOnAbsence() throws Exception {
        String name = VerdaccioServer.uniqueName("com.acme.verify");
        ObjectNode m = TestTarball.manifest(name, "1.0.0");
        PackResult packed = TestTarball.write(tmp.resolve("v.tgz"), m);
        client.publish(m, packed, "latest", null);

        String otherIntegrity = TestTarball.write(tmp.resolve("o.tgz"), name, "9.0.0").integrity();
        RegistryConflictException mismatch = catchThrowableOfType(RegistryConflictException.class,
                () -> client.verify(name, "1.0.0", otherIntegrity));
        assertThat(mismatch.sameContent()).isFalse();
        assertThat(mismatch.getMessage()).contains(packed.integrity()).contains(otherIntegrity);

        try (RegistryClient quick = new RegistryClient(settings(Secret.of(verdaccio.token()))
                .withVerify(Duration.ofMillis(300), Duration.ofMillis(100)))) {
            RegistryUnavailableException absent = catchThrowableOfType(RegistryUnavailableException.class,
                    () -> quick.verify(name, "2.0.0", packed.integrity()));
            assertThat(absent.getMessage()).contains(name + "@2.0.0").contains("did not list it");
            assertThat(absent.hint()).contains("npm view");
        }
    }

    @Test
    void whoamiAndThePackagePage() throws Exception {
        assertThat(client.whoami()).isEqualTo(verdaccio.user());
        String name = VerdaccioServer.uniqueName("com.acme.page");
        URI page = client.packagePageUrl(name, null);
        assertThat(page.toString()).isEqualTo(verdaccio.url() + "-/web/detail/" + name);
        HttpResponse<String> res = HttpClient.newHttpClient().send(HttpRequest.newBuilder(page).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(res.statusCode()).isEqualTo(200);
        assertThat(res.body()).containsIgnoringCase("<html");
    }

    private void assertInstallsIdentically(String name, String version, PackResult packed) throws IOException {
        Path project = Files.createDirectories(tmp.resolve("consumer-" + System.nanoTime()));
        Files.writeString(project.resolve("package.json"), "{\"name\":\"consumer\",\"version\":\"1.0.0\",\"private\":true}");
        verdaccio.npm(project, "install", name + "@" + version, "--ignore-scripts").requireOk();
        Path installed = project.resolve("node_modules").resolve(name);
        Map<String, byte[]> expected = tarEntries(packed.tarball());
        assertThat(expected).isNotEmpty();
        for (Map.Entry<String, byte[]> e : expected.entrySet()) {
            assertThat(installed.resolve(e.getKey())).as(e.getKey()).exists();
            assertThat(Files.readAllBytes(installed.resolve(e.getKey()))).as(e.getKey()).isEqualTo(e.getValue());
        }
    }

    private static Map<String, byte[]> tarEntries(Path tgz) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(tgz);
                TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(in))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                if (e.isFile()) {
                    files.put(e.getName().substring("package/".length()), tar.readAllBytes());
                }
            }
        }
        return files;
    }

    static void assertNoSecret(RegistryException e, String secret) {
        assertThat(e.getMessage()).doesNotContain(secret);
        assertThat(e.hint()).doesNotContain(secret);
        assertThat(e.toString()).doesNotContain(secret);
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(secret);
        }
    }
}
