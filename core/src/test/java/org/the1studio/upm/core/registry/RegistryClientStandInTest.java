package org.the1studio.upm.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.the1studio.upm.core.registry.StandInRegistry.drop;
import static org.the1studio.upm.core.registry.StandInRegistry.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.the1studio.upm.core.pack.PackResult;
import org.the1studio.upm.core.registry.StandInRegistry.Recorded;
import org.the1studio.upm.core.secret.Secret;
import org.the1studio.upm.core.testing.TestTarball;

/**
 * What Verdaccio cannot be made to do on demand - failures, throttling, lost answers, redirects - against a scripted
 * local server that records and checks every request the client sends.
 */
class RegistryClientStandInTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "npm_FAKE_test_token_000000";
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path tmp;

    private StandInRegistry standIn;
    private final List<Duration> sleeps = new ArrayList<>();
    private RegistryClient client;

    @BeforeEach
    void start() throws Exception {
        standIn = new StandInRegistry();
        client = new RegistryClient(settings());
    }

    @AfterEach
    void stop() {
        client.close();
        standIn.close();
    }

    private RegistrySettings settings() {
        return RegistrySettings.of(standIn.url(), Secret.of(TOKEN))
                .withRetry(new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(30), 0, Duration.ofSeconds(60)))
                .withSleeper(sleeps::add)
                .withClock(Clock.fixed(NOW, ZoneOffset.UTC))
                .withVerify(Duration.ofSeconds(2), Duration.ofMillis(500))
                .withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(20));
    }

    private static String packument(String name, String version, String integrity) {
        ObjectNode root = JSON.createObjectNode().put("name", name);
        root.putObject("dist-tags").put("latest", version);
        ObjectNode v = root.putObject("versions").putObject(version);
        v.put("name", name).put("version", version);
        v.putObject("dist").put("integrity", integrity).put("shasum", "ab12").put("tarball",
                "http://x/" + name + "/-/" + name + "-" + version + ".tgz");
        return root.toString();
    }

    // ---------------------------------------------------------------------------------------------- publish

    @Test
    void publishSendsTheNpmDocumentWithAKnownLengthAndRetriesA500() throws Exception {
        ObjectNode manifest = TestTarball.manifest("com.acme.tools", "1.2.0");
        manifest.putObject("dependencies").put("com.acme.core", "1.0.0");
        manifest.put("_stale", "must not be sent");
        PackResult packed = TestTarball.write(tmp.resolve("t.tgz"), manifest);
        standIn.then(json(500, "{\"error\":\"internal\"}"))
                .then(json(404, "{\"error\":\"not found\"}"))
                .then(json(201, "{\"ok\":\"created new package\"}"));
        List<long[]> progress = new ArrayList<>();

        client.publish(manifest, packed, "latest", (sent, total) -> progress.add(new long[] {sent, total}));

        assertThat(standIn.lines()).containsExactly("PUT /com.acme.tools", "GET /com.acme.tools", "PUT /com.acme.tools");
        assertThat(sleeps).containsExactly(Duration.ofSeconds(1));
        Recorded put = standIn.requests().get(2);
        assertThat(put.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        assertThat(put.header("User-Agent")).startsWith("upm/");
        assertThat(put.header("Content-Type")).isEqualTo("application/json");
        assertThat(put.header("Transfer-Encoding")).isNull();
        assertThat(Long.parseLong(put.header("Content-Length"))).isEqualTo(put.bodyLength());

        JsonNode doc = JSON.readTree(put.body());
        assertThat(doc.path("_id").asText()).isEqualTo("com.acme.tools");
        assertThat(doc.path("name").asText()).isEqualTo("com.acme.tools");
        assertThat(doc.path("description").asText()).isEqualTo("A test package");
        assertThat(doc.path("dist-tags").path("latest").asText()).isEqualTo("1.2.0");
        assertThat(doc.has("access")).isTrue();
        assertThat(doc.path("access").isNull()).isTrue();
        JsonNode version = doc.path("versions").path("1.2.0");
        assertThat(version.path("_id").asText()).isEqualTo("com.acme.tools@1.2.0");
        assertThat(version.path("unity").asText()).isEqualTo("2021.3");
        assertThat(version.path("dependencies").path("com.acme.core").asText()).isEqualTo("1.0.0");
        assertThat(version.has("_stale")).isFalse();
        assertThat(version.path("readme").asText()).isEqualTo("# com.acme.tools\n");
        assertThat(version.path("readmeFilename").asText()).isEqualTo("README.md");
        assertThat(version.path("dist").path("shasum").asText()).isEqualTo(packed.shasum());
        assertThat(version.path("dist").path("integrity").asText()).isEqualTo(packed.integrity());
        assertThat(version.path("dist").path("tarball").asText())
                .isEqualTo(standIn.url() + "com.acme.tools/-/com.acme.tools-1.2.0.tgz");
        JsonNode attachment = doc.path("_attachments").path("com.acme.tools-1.2.0.tgz");
        assertThat(attachment.path("content_type").asText()).isEqualTo("application/octet-stream");
        assertThat(attachment.path("length").asLong()).isEqualTo(packed.size());
        assertThat(Base64.getDecoder().decode(attachment.path("data").asText()))
                .isEqualTo(Files.readAllBytes(packed.tarball()));
        assertThat(doc.path("_attachments").size()).isEqualTo(1);

        long[] last = progress.get(progress.size() - 1);
        assertThat(last[0]).isEqualTo(last[1]).isEqualTo(put.bodyLength());
        assertThat(progress.stream().filter(p -> p[0] == p[1]).count()).as("one completion per attempt").isEqualTo(2);
    }

    @Test
    void aLostAnswerFollowedBy409WithOurIntegrityIsASuccess() throws Exception {
        ObjectNode manifest = TestTarball.manifest("com.acme.lost", "1.0.0");
        PackResult packed = TestTarball.write(tmp.resolve("t.tgz"), manifest);
        standIn.then(drop())                                               // upload done, answer lost
                .then(json(404, "{}"))                                     // not visible yet
                .then(json(409, "{\"error\":\"this package is already present\"}"))
                .then(json(200, packument("com.acme.lost", "1.0.0", packed.integrity())));

        client.publish(manifest, packed, "latest", null);

        assertThat(standIn.lines()).containsExactly("PUT /com.acme.lost", "GET /com.acme.lost", "PUT /com.acme.lost",
                "GET /com.acme.lost");
        assertThat(standIn.requests().get(0).bodyLength()).isEqualTo(standIn.requests().get(2).bodyLength());
    }

    @Test
    void aLostAnswerIsRecognisedBeforeUploadingAgain() throws Exception {
        ObjectNode manifest = TestTarball.manifest("com.acme.lost", "1.0.0");
        PackResult packed = TestTarball.write(tmp.resolve("t.tgz"), manifest);
        standIn.then(drop()).then(json(200, packument("com.acme.lost", "1.0.0", packed.integrity())));

        client.publish(manifest, packed, "latest", null);

        assertThat(standIn.lines()).containsExactly("PUT /com.acme.lost", "GET /com.acme.lost");
        assertThat(standIn.requests().get(1).header("Authorization")).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    void aLostAnswerWithOtherContentThereIsAConflict() throws Exception {
        ObjectNode manifest = TestTarball.manifest("com.acme.lost", "1.0.0");
        PackResult packed = TestTarball.write(tmp.resolve("t.tgz"), manifest);
        standIn.then(drop()).then(json(200, packument("com.acme.lost", "1.0.0", "sha512-other")));

        RegistryConflictException e = catchThrowableOfType(RegistryConflictException.class,
                () -> client.publish(manifest, packed, "latest", null));
        assertThat(e.sameContent()).isFalse();
        assertThat(e.getMessage()).contains("sha512-other").contains(packed.integrity());
    }

    @Test
    void a409OnTheFirstAttemptIsAConflictEvenWithTheSameContent() throws Exception {
        ObjectNode manifest = TestTarball.manifest("com.acme.dup", "1.0.0");
        PackResult packed = TestTarball.write(tmp.resolve("t.tgz"), manifest);
        standIn.then(json(409, "{\"error\":\"this package is already present\"}"))
                .then(json(200, packument("com.acme.dup", "1.0.0", packed.integrity())));

        RegistryConflictException e = catchThrowableOfType(RegistryConflictException.class,
                () -> client.publish(manifest, packed, "latest", null));
        assertThat(e.sameContent()).isTrue();
        assertThat(e.status()).isEqualTo(409);
        assertThat(standIn.lines()).containsExactly("PUT /com.acme.dup", "GET /com.acme.dup");
        assertThat(sleeps).isEmpty();
    }

    @Test
    void npmjsStyle403CannotPublishOverIsAConflictNotAnAuthError() throws Exception {
        ObjectNode manifest = TestTarball.manifest("com.acme.dup", "1.0.0");
        PackResult packed = TestTarball.write(tmp.resolve("t.tgz"), manifest);
        standIn.then(json(403, "{\"error\":\"You cannot publish over the previously published versions: 1.0.0.\"}"))
                .then(json(404, "{}"));

        RegistryConflictException e = catchThrowableOfType(RegistryConflictException.class,
                () -> client.publish(manifest, packed, "latest", null));
        assertThat(e.sameContent()).isFalse();
        assertThat(e.getMessage()).contains("previously published");
    }

    @Test
    void scopedNamesAreEscapedOnTheWire() throws Exception {
        ObjectNode manifest = TestTarball.manifest("@acme/tools", "1.0.0");
        PackResult packed = TestTarball.write(tmp.resolve("t.tgz"), manifest);
        standIn.then(json(201, "{}")).then(json(200, packument("@acme/tools", "1.0.0", packed.integrity())))
                .then(json(200, "{}"));

        client.publish(manifest, packed, "beta", null);
        client.verify("@acme/tools", "1.0.0", packed.integrity());
        client.setDistTag("@acme/tools", "1.0.0", "stable");

        assertThat(standIn.lines()).containsExactly("PUT /@acme%2ftools", "GET /@acme%2ftools",
                "PUT /-/package/@acme%2ftools/dist-tags/stable");
        JsonNode doc = JSON.readTree(standIn.requests().get(0).body());
        assertThat(doc.path("dist-tags").path("beta").asText()).isEqualTo("1.0.0");
        assertThat(doc.path("_attachments").has("@acme/tools-1.0.0.tgz")).isTrue();
        assertThat(doc.path("versions").path("1.0.0").path("dist").path("tarball").asText())
                .isEqualTo(standIn.url() + "@acme/tools/-/@acme/tools-1.0.0.tgz");
        Recorded tag = standIn.requests().get(2);
        assertThat(tag.bodyText()).isEqualTo("\"1.0.0\"");
        assertThat(tag.header("Content-Type")).isEqualTo("application/json");
        assertThat(standIn.requests().get(1).header("Accept")).startsWith("application/vnd.npm.install-v1+json");
    }

    @Test
    void tooLargeUploadsSayWhichLimitToRaise() throws Exception {
        ObjectNode manifest = TestTarball.manifest("com.acme.big", "1.0.0");
        PackResult packed = TestTarball.write(tmp.resolve("t.tgz"), manifest);
        standIn.then(json(413, "{\"error\":\"request entity too large\"}"));
        RegistryProtocolException e = catchThrowableOfType(RegistryProtocolException.class,
                () -> client.publish(manifest, packed, "latest", null));
        assertThat(e.hint()).contains("max_body_size");
        assertThat(standIn.lines()).hasSize(1);
    }

    @Test
    void aDocumentBeyondWhatTheRegistryCanTakeIsRefusedBeforeSendingAnything() throws Exception {
        ObjectNode manifest = TestTarball.manifest("com.acme.huge", "1.0.0");
        PackResult packed = TestTarball.write(tmp.resolve("t.tgz"), manifest);
        assertThat(RegistrySettings.of(standIn.url(), null).maxRequestBytes())
                .isEqualTo(RegistrySettings.NODE_MAX_REQUEST_BYTES);
        try (RegistryClient limited = new RegistryClient(settings().withMaxRequestBytes(1000))) {
            RegistryProtocolException e = catchThrowableOfType(RegistryProtocolException.class,
                    () -> limited.publish(manifest, packed, "latest", null));
            assertThat(e.getMessage()).contains("com.acme.huge@1.0.0").contains("Verdaccio");
            assertThat(e.hint()).contains("smaller").contains("maxRequestBytes");
            assertThat(e.status()).isEqualTo(-1);
        }
        assertThat(standIn.lines()).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------- retries

    @Test
    void a429WithRetryAfterSecondsWaitsThatLong() throws Exception {
        standIn.then(json(429, "{\"error\":\"slow down\"}", "Retry-After", "7"))
                .then(json(200, packument("com.acme.a", "1.0.0", "sha512-x")));
        assertThat(client.packument("com.acme.a")).isPresent();
        assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void a503WithRetryAfterDateWaitsUntilThenAndLongWaitsAreCapped() throws Exception {
        String in12s = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(NOW.plusSeconds(12),
                ZoneOffset.UTC));
        standIn.then(json(503, "", "Retry-After", in12s))
                .then(json(429, "", "Retry-After", "86400"))
                .then(json(200, packument("com.acme.a", "1.0.0", "sha512-x")));
        assertThat(client.packument("com.acme.a")).isPresent();
        assertThat(sleeps).containsExactly(Duration.ofSeconds(12), Duration.ofSeconds(60));
    }

    @Test
    void persistentFailuresBecomeUnavailableAfterTheLastAttemptWithExponentialBackoff() throws Exception {
        for (int i = 0; i < 4; i++) {
            standIn.then(json(503, "{\"error\":\"maintenance\"}"));
        }
        RegistryUnavailableException e = catchThrowableOfType(RegistryUnavailableException.class,
                () -> client.packument("com.acme.a"));
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.getMessage()).contains("after 4 attempts").contains("HTTP 503").contains("maintenance")
                .contains(standIn.url());
        assertThat(e.hint()).contains("re-run");
        assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        assertThat(standIn.lines()).hasSize(4);
    }

    @Test
    void otherClientErrorsAreFinalAndTyped() throws Exception {
        standIn.then(json(404, "{\"error\":\"no such package available\"}"))
                .then(json(401, "{\"error\":\"bad credentials\"}"))
                .then(json(400, "{\"error\":\"bad request\"}"))
                .then(json(301, "", "Location", "https://npm.example.com/"));
        assertThat(client.packument("com.acme.none")).isEmpty();

        RegistryAuthException auth = catchThrowableOfType(RegistryAuthException.class, () -> client.packument("com.acme.a"));
        assertThat(auth.status()).isEqualTo(401);
        assertThat(auth.hint()).contains(RegistrySettings.DEFAULT_TOKEN_SOURCE).contains("expired");

        RegistryProtocolException bad = catchThrowableOfType(RegistryProtocolException.class,
                () -> client.setDistTag("com.acme.a", "1.0.0", "latest"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.getMessage()).contains("bad request");

        RegistryProtocolException moved = catchThrowableOfType(RegistryProtocolException.class,
                () -> client.packument("com.acme.a"));
        assertThat(moved.getMessage()).contains("https://npm.example.com/");
        assertThat(moved.hint()).contains("redirect");

        assertThat(standIn.lines()).hasSize(4);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void aResetConnectionIsRetried() throws Exception {
        standIn.then(drop()).then(json(200, packument("com.acme.a", "1.0.0", "sha512-x")));
        assertThat(client.packument("com.acme.a").orElseThrow().version("1.0.0")).isPresent();
        assertThat(standIn.lines()).hasSize(2);
        // java.net.http itself may re-send an idempotent GET once on a dropped connection; either way one answer
        assertThat(sleeps).hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void connectionsThatKeepDroppingEndAsUnavailableWithoutStatus() throws Exception {
        for (int i = 0; i < 8; i++) {
            standIn.then(drop());
        }
        RegistryUnavailableException e = catchThrowableOfType(RegistryUnavailableException.class,
                () -> client.setDistTag("com.acme.a", "1.0.0", "latest"));
        assertThat(e.status()).isEqualTo(-1);
        assertThat(e.getCause()).isInstanceOf(java.io.IOException.class);
        assertThat(e.getMessage()).contains("after 4 attempts");
        assertThat(sleeps).hasSize(3);
    }

    @Test
    void aRequestThatNeverAnswersTimesOutAndIsRetried() throws Exception {
        standIn.then(standIn.hang()).then(json(200, packument("com.acme.a", "1.0.0", "sha512-x")));
        try (RegistryClient quick = new RegistryClient(settings().withTimeouts(Duration.ofSeconds(5),
                Duration.ofMillis(300)))) {
            assertThat(quick.packument("com.acme.a")).isPresent();
        }
        assertThat(standIn.lines()).hasSize(2);
    }

    @Test
    void nothingTheServerEchoesRevealsTheToken() throws Exception {
        for (int i = 0; i < 4; i++) {
            standIn.then(json(500, "{\"error\":\"cannot use token " + TOKEN + "\"}"));
        }
        standIn.then(json(403, "{\"error\":\"token " + TOKEN + " lacks publish rights\"}"));
        RegistryUnavailableException down = catchThrowableOfType(RegistryUnavailableException.class,
                () -> client.packument("com.acme.a"));
        assertThat(down.getMessage()).contains("cannot use token ****");
        RegistryClientVerdaccioTest.assertNoSecret(down, TOKEN);

        RegistryAuthException denied = catchThrowableOfType(RegistryAuthException.class,
                () -> client.setDistTag("com.acme.a", "1.0.0", "latest"));
        assertThat(denied.getMessage()).contains("token **** lacks");
        assertThat(denied.hint()).contains("publish rights");
        RegistryClientVerdaccioTest.assertNoSecret(denied, TOKEN);
        assertThat(client.toString()).doesNotContain(TOKEN);
        assertThat(client.settings().toString()).doesNotContain(TOKEN);
    }

    // ---------------------------------------------------------------------------------------------- verify

    @Test
    void verifyPollsUntilTheVersionAppears() throws Exception {
        standIn.then(json(404, "{}"))
                .then(json(200, packument("com.acme.a", "0.9.0", "sha512-old")))
                .then(json(200, packument("com.acme.a", "1.0.0", "sha512-ours")));
        client.verify("com.acme.a", "1.0.0", "sha512-ours");
        assertThat(sleeps).containsExactly(Duration.ofMillis(500), Duration.ofMillis(500));
        assertThat(standIn.requests()).allSatisfy(r -> assertThat(r.header("Cache-Control")).isEqualTo("no-cache"));
    }

    @Test
    void verifyGivesUpAfterItsBoundAndDistinguishesMissingIntegrity() throws Exception {
        for (int i = 0; i < 5; i++) {
            standIn.then(json(404, "{}"));
        }
        RegistryUnavailableException e = catchThrowableOfType(RegistryUnavailableException.class,
                () -> client.verify("com.acme.a", "1.0.0", "sha512-ours"));
        assertThat(e.getMessage()).contains("com.acme.a@1.0.0").contains("2 s");
        assertThat(standIn.lines()).hasSize(5);
        assertThat(standIn.pending()).isZero();

        standIn.then(json(200, "{\"name\":\"com.acme.a\",\"versions\":{\"1.0.0\":{\"dist\":{\"shasum\":\"ab\"}}}}"));
        assertThatThrownBy(() -> client.verify("com.acme.a", "1.0.0", "sha512-ours"))
                .isInstanceOf(RegistryProtocolException.class).hasMessageContaining("without dist.integrity");
    }

    @Test
    void malformedAnswersAreProtocolErrors() throws Exception {
        standIn.then(json(200, "<html>login page</html>"));
        RegistryProtocolException e = catchThrowableOfType(RegistryProtocolException.class,
                () -> client.packument("com.acme.a"));
        assertThat(e.getMessage()).contains("malformed JSON");
    }

    // ---------------------------------------------------------------------------------------------- deprecate

    @Test
    void deprecateRewritesTheFullDocumentAndStartsOverOnAConcurrentChange() throws Exception {
        String doc = "{\"_id\":\"com.acme.a\",\"_rev\":\"3-abc\",\"name\":\"com.acme.a\",\"versions\":{"
                + "\"1.0.0\":{\"name\":\"com.acme.a\",\"version\":\"1.0.0\",\"dist\":{\"integrity\":\"sha512-a\"}},"
                + "\"1.0.1\":{\"name\":\"com.acme.a\",\"version\":\"1.0.1\",\"dist\":{\"integrity\":\"sha512-b\"}}},"
                + "\"dist-tags\":{\"latest\":\"1.0.1\"}}";
        standIn.then(json(200, doc)).then(json(409, "{\"error\":\"revision conflict\"}"))
                .then(json(200, doc)).then(json(201, "{\"ok\":\"updated\"}"));

        client.deprecate("com.acme.a", "1.0.0", "broken, use 1.0.1");

        assertThat(standIn.lines()).containsExactly("GET /com.acme.a?write=true", "PUT /com.acme.a",
                "GET /com.acme.a?write=true", "PUT /com.acme.a");
        assertThat(standIn.requests().get(0).header("Accept")).isEqualTo("application/json");
        JsonNode sent = JSON.readTree(standIn.requests().get(3).body());
        assertThat(sent.path("_rev").asText()).isEqualTo("3-abc");
        assertThat(sent.path("versions").path("1.0.0").path("deprecated").asText()).isEqualTo("broken, use 1.0.1");
        assertThat(sent.path("versions").path("1.0.1").has("deprecated")).isFalse();
        assertThat(sent.path("dist-tags").path("latest").asText()).isEqualTo("1.0.1");
    }

    // ---------------------------------------------------------------------------------------------- misc

    @Test
    void pageUrlsAndPublicRegistryDetection() {
        assertThat(client.packagePageUrl("com.acme.a", "1.0.0").toString())
                .isEqualTo(standIn.url() + "-/web/detail/com.acme.a/v/1.0.0");
        try (RegistryClient npmjs = new RegistryClient(RegistrySettings.of("https://registry.npmjs.org", null))) {
            assertThat(npmjs.packagePageUrl("@acme/a", "2.0.0").toString())
                    .isEqualTo("https://www.npmjs.com/package/@acme/a/v/2.0.0");
        }
        assertThat(RegistryClient.isPublicNpm(java.net.URI.create("https://registry.npmjs.org/"))).isTrue();
        assertThat(RegistryClient.isPublicNpm(java.net.URI.create("https://registry.npmjs.com"))).isTrue();
        assertThat(RegistryClient.isPublicNpm(java.net.URI.create("https://registry.yarnpkg.com/"))).isTrue();
        assertThat(RegistryClient.isPublicNpm(java.net.URI.create("https://npm.acme.com/"))).isFalse();
    }

    @Test
    void settingsNormaliseTheUrlAndRefuseCredentialsInIt() {
        assertThat(RegistrySettings.of("http://127.0.0.1:4873", null).registry().toString())
                .isEqualTo("http://127.0.0.1:4873/");
        assertThat(RegistrySettings.of("https://npm.acme.com/repository/npm/", null).registry().toString())
                .isEqualTo("https://npm.acme.com/repository/npm/");
        assertThatThrownBy(() -> RegistrySettings.of("https://user:pa55word@npm.acme.com/", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("pa55word");
        assertThatThrownBy(() -> RegistrySettings.of("ftp://npm.acme.com/", null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.packument("Not A Name")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Map.of("escaped", RegistryClient.escape("@a/b"))).containsEntry("escaped", "@a%2fb");
    }
}
