package org.the1studio.upm.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.the1studio.upm.core.publish.PlanAction;
import org.the1studio.upm.core.publish.PublishReport;
import org.the1studio.upm.core.publish.ReportJson;
import org.the1studio.upm.core.publish.SideEffect;
import org.the1studio.upm.core.secret.Secret;
import org.the1studio.upm.core.version.BumpKind;

class WebhookNotifierTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "whsec_FAKE_test_secret_00000000";
    private static final String PATH = "/hooks/upm?token=qT5rXy8wZ2pL9mN4";

    private StandIn receiver;
    private final List<Duration> waits = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        receiver = new StandIn(StandIn.Answer.text(202, ""));
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private WebhookNotifier notifier(String secret, int maxAttempts) {
        return new WebhookNotifier(new NotifySettings(null, null, null, Secret.of(receiver.url(PATH)),
                Secret.ofNullable(secret), Duration.ofSeconds(5), maxAttempts), waits::add);
    }

    private static PublishReport report() {
        return Reports.report(List.of(
                Reports.published("com.acme.tools", "1.2.0", "1.3.0", BumpKind.MINOR),
                Reports.failed("com.acme.core", "2.0.0", "2.0.1", PlanAction.CONFLICT, "different tarball")));
    }

    /** What a receiver does: HMAC-SHA256 over the raw body, compared in constant time. */
    private static boolean verify(String secret, byte[] body, String header) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = ("sha256=" + HexFormat.of().formatHex(mac.doFinal(body))).getBytes(StandardCharsets.US_ASCII);
        return header != null && MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void postsTheReportJsonSignedWithTheSecret() throws Exception {
        PublishReport report = report();

        SideEffect effect = notifier(SECRET, 1).send(report);

        assertThat(effect.kind()).isEqualTo("notify:webhook");
        assertThat(effect.ok()).as(effect.detail()).isTrue();
        assertThat(effect.detail()).isEqualTo("delivered to 127.0.0.1 (signed) after 1 attempt");
        StandIn.Request r = receiver.requests().get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/hooks/upm");
        assertThat(r.rawQuery()).isEqualTo("token=qT5rXy8wZ2pL9mN4");
        assertThat(r.header("Content-Type")).isEqualTo("application/json");
        assertThat(r.header("X-UPM-Event")).isEqualTo("publish");
        assertThat(r.header("X-UPM-Delivery")).isEqualTo(Reports.RUN_ID);
        assertThat(r.header("X-UPM-Signature-256")).matches("sha256=[0-9a-f]{64}");
        assertThat(verify(SECRET, r.body(), r.header("X-UPM-Signature-256"))).isTrue();
        assertThat(verify("another secret", r.body(), r.header("X-UPM-Signature-256"))).isFalse();
        byte[] tampered = r.text().replace("conflict", "published").getBytes(StandardCharsets.UTF_8);
        assertThat(verify(SECRET, tampered, r.header("X-UPM-Signature-256"))).isFalse();

        assertThat(r.text()).isEqualTo(JSON.writeValueAsString(ReportJson.toJson(report)));
        assertThat(r.text()).doesNotContain(SECRET).doesNotContain("qT5rXy8wZ2pL9mN4");
        assertThat(effect.detail()).doesNotContain("qT5rXy8wZ2pL9mN4").doesNotContain("/hooks");
    }

    @Test
    void signatureMatchesTheRfc4231StyleKnownVector() {
        assertThat(WebhookNotifier.signature(Secret.of("key"),
                "The quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8");
    }

    @Test
    void withoutASecretThereIsNoSignatureHeader() {
        SideEffect effect = notifier(null, 1).send(report());

        assertThat(effect.ok()).isTrue();
        assertThat(effect.detail()).isEqualTo("delivered to 127.0.0.1 after 1 attempt");
        assertThat(receiver.requests().get(0).header("X-UPM-Signature-256")).isNull();
        assertThat(receiver.requests().get(0).header("X-UPM-Event")).isEqualTo("publish");
    }

    @Test
    void credentialShapedTextInTheReportIsMaskedAndTheSignatureCoversWhatWasSent() throws Exception {
        PublishReport report = Reports.report(List.of(Reports.failed("com.acme.core", "1.0.0", "1.0.1",
                PlanAction.REGISTRY_ERROR, "registry refused token npm_abcdefghijklmnopqrstuvwxyz0123 and " + SECRET)));

        assertThat(notifier(SECRET, 1).send(report).ok()).isTrue();

        StandIn.Request r = receiver.requests().get(0);
        JsonNode reason = JSON.readTree(r.body()).get("packages").get(0).get("reason");
        assertThat(reason.asText()).isEqualTo("registry refused token **** and ****");
        assertThat(verify(SECRET, r.body(), r.header("X-UPM-Signature-256"))).isTrue();
    }

    @Test
    void retriesKeepTheSameBodyDeliveryIdAndSignature() {
        receiver.then(StandIn.Answer.text(503, "busy"), StandIn.Answer.text(429, "slow down").withHeader("Retry-After", "1"));

        SideEffect effect = notifier(SECRET, 3).send(report());

        assertThat(effect.ok()).as(effect.detail()).isTrue();
        List<StandIn.Request> requests = receiver.requests();
        assertThat(requests).hasSize(3);
        assertThat(requests).extracting(StandIn.Request::text).containsOnly(requests.get(0).text());
        assertThat(requests).extracting(q -> q.header("X-UPM-Signature-256")).containsOnly(requests.get(0).header("X-UPM-Signature-256"));
        assertThat(requests).extracting(q -> q.header("X-UPM-Delivery")).containsOnly(Reports.RUN_ID);
        assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    @Test
    void aRefusalFailsAtOnceWithTheReceiversWords() {
        receiver.then(StandIn.Answer.text(401, "bad signature for token=qT5rXy8wZ2pL9mN4"));

        SideEffect effect = notifier(SECRET, 3).send(report());

        assertThat(effect.ok()).isFalse();
        assertThat(effect.detail()).isEqualTo("not delivered: HTTP 401 from 127.0.0.1: bad signature for ****");
        assertThat(receiver.requests()).hasSize(1);
    }

    @Test
    void aRedirectIsNotFollowed() {
        receiver.then(StandIn.Answer.text(307, "").withHeader("Location", "https://elsewhere.example/steal"));

        SideEffect effect = notifier(SECRET, 3).send(report());

        assertThat(effect.ok()).isFalse();
        assertThat(effect.detail()).startsWith("not delivered: HTTP 307 from 127.0.0.1");
        assertThat(receiver.requests()).hasSize(1);
    }
}
