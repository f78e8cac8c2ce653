package org.the1studio.upm.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.the1studio.upm.core.publish.PlanAction;
import org.the1studio.upm.core.publish.PublishReport;
import org.the1studio.upm.core.publish.SideEffect;
import org.the1studio.upm.core.secret.Secret;
import org.the1studio.upm.core.version.BumpKind;

class SlackNotifierTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/services/T0001ABCD/B0002EFGH/xoxSecretPart1234567890abcd";

    private StandIn slack;
    private final List<Duration> waits = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        slack = new StandIn(StandIn.Answer.text(200, "ok"));
    }

    @AfterEach
    void stop() {
        slack.close();
    }

    private SlackNotifier notifier(int maxAttempts) {
        return new SlackNotifier(new NotifySettings(null, null, Secret.of(slack.url(PATH)), null, null,
                Duration.ofSeconds(5), maxAttempts), waits::add);
    }

    private static void assertNoSecret(SideEffect effect) {
        assertThat(effect.detail()).doesNotContain("xoxSecretPart").doesNotContain("/services/").doesNotContain("T0001ABCD");
    }

    @Test
    void postsTextAndBlocksAsSlackDocumentsThem() throws IOException {
        PublishReport report = Reports.report(Reports.run("fix: a & b <!channel> <@U123|bob> *x*", "Jane <jane@acme.test>"),
                List.of(Reports.published("com.acme.tools", "1.2.0", "1.3.0", BumpKind.MINOR),
                        Reports.failed("com.acme.core", "2.0.0", "2.0.1", PlanAction.REGISTRY_ERROR, "registry said 503 & <gave up>")),
                List.of());

        SideEffect effect = notifier(1).send(report);

        assertThat(effect.kind()).isEqualTo("notify:slack");
        assertThat(effect.ok()).as(effect.detail()).isTrue();
        assertThat(effect.detail()).isEqualTo("posted to 127.0.0.1 after 1 attempt");
        StandIn.Request r = slack.requests().get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo(PATH);
        assertThat(r.rawQuery()).isNull();
        assertThat(r.header("Content-Type")).isEqualTo("application/json; charset=utf-8");

        JsonNode body = JSON.readTree(r.body());
        assertThat(body.get("text").asText()).isEqualTo("acme/unity-tools: 1 failed, 1 published");
        JsonNode blocks = body.get("blocks");
        assertThat(blocks.get(0).toString()).isEqualTo(
                "{\"type\":\"header\",\"text\":{\"type\":\"plain_text\",\"text\":\"acme/unity-tools: 1 failed, 1 published\",\"emoji\":true}}");
        assertThat(blocks.get(1).get("type").asText()).isEqualTo("section");
        assertThat(blocks.get(1).get("text").get("type").asText()).isEqualTo("mrkdwn");
        assertThat(blocks.get(1).get("text").get("text").asText()).isEqualTo(
                "Commit <https://github.com/acme/unity-tools/commit/" + Reports.COMMIT + "|3f9a1c2> on main by Jane &lt;jane@acme.test&gt;\n"
                        + "> fix: a &amp; b &lt;!channel&gt; &lt;@U123|bob&gt; *x*\n"
                        + "<https://ci.acme.test/job/unity-tools/42/|Build>");
        assertThat(blocks.get(2).get("text").get("text").asText())
                .isEqualTo("❌ *com.acme.core* 2.0.0 → 2.0.1 (patch): *registry error*: registry said 503 &amp; &lt;gave up&gt;");
        assertThat(blocks.get(3).get("text").get("text").asText()).isEqualTo(
                "✅ *com.acme.tools* 1.2.0 → 1.3.0 (minor): *published* (dist-tag latest): published and verified\n"
                        + "<http://127.0.0.1:4873/-/web/detail/com.acme.tools|registry> · "
                        + "<https://github.com/acme/unity-tools/blob/main/Packages/com.acme.tools/CHANGELOG.md|changelog>");
        assertThat(blocks.get(4).get("type").asText()).isEqualTo("context");
        assertThat(blocks.get(4).get("elements").get(0).get("text").asText())
                .isEqualTo("run " + Reports.RUN_ID + " · branch main · 2025-03-14T09:27:35Z · upm");
        assertThat(blocks).hasSize(5);
    }

    @Test
    void manyPackagesWithHugeReasonsStayWithinSlacksLimits() throws IOException {
        assertThat(notifier(1).send(Reports.many(60, 5000)).ok()).isTrue();

        JsonNode body = JSON.readTree(slack.requests().get(0).body());
        JsonNode blocks = body.get("blocks");
        assertThat(blocks.size()).isLessThanOrEqualTo(50);
        assertThat(blocks.get(0).get("text").get("text").asText()).hasSizeLessThanOrEqualTo(150);
        int packageText = 0;
        int sections = 0;
        for (JsonNode b : blocks) {
            if (b.get("type").asText().equals("section")) {
                String text = b.get("text").get("text").asText();
                assertThat(text).hasSizeLessThanOrEqualTo(3000);
                if (sections++ > 0) {
                    packageText += text.length();
                }
            }
        }
        assertThat(packageText).isLessThanOrEqualTo(SlackNotifier.TOTAL_BUDGET);
        int shown = sections - 1;
        assertThat(shown).isLessThan(60);
        JsonNode more = blocks.get(blocks.size() - 2);
        assertThat(more.get("elements").get(0).get("text").asText()).startsWith("+" + (60 - shown) + " more packages");
        assertThat(blocks.get(2).get("text").get("text").asText()).startsWith("⚠️ *com.acme.package").endsWith("…");
    }

    @Test
    void aLongHeadlineIsCutTo150() throws IOException {
        PublishReport report = Reports.report(
                new org.the1studio.upm.core.publish.RunInfo("https://github.com/acme/" + "x".repeat(300), Reports.COMMIT, null,
                        "a", "m", "main", null, null),
                List.of(Reports.published("com.acme.tools", "1.0.0", "1.0.1", BumpKind.PATCH)), List.of());

        assertThat(notifier(1).send(report).ok()).isTrue();

        String header = JSON.readTree(slack.requests().get(0).body()).get("blocks").get(0).get("text").get("text").asText();
        assertThat(header).hasSize(150).endsWith("…");
    }

    @Test
    void a429IsRetriedAfterRetryAfter() {
        slack.then(StandIn.Answer.text(429, "rate_limited").withHeader("Retry-After", "3"));

        SideEffect effect = notifier(3).send(Reports.many(2, 10));

        assertThat(effect.ok()).as(effect.detail()).isTrue();
        assertThat(slack.requests()).hasSize(2);
        assertThat(waits).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void aServerErrorIsRetried() {
        slack.then(StandIn.Answer.text(500, "internal_error"));

        SideEffect effect = notifier(2).send(Reports.many(2, 10));

        assertThat(effect.ok()).isTrue();
        assertThat(effect.detail()).contains("after 2 attempts");
        assertThat(waits).containsExactly(Duration.ofMillis(500));
    }

    @Test
    void aGoneWebhookFailsAtOnceWithSlacksWord() {
        slack.then(StandIn.Answer.text(404, "no_service"));

        SideEffect effect = notifier(4).send(Reports.many(2, 10));

        assertThat(effect.ok()).isFalse();
        assertThat(effect.detail()).startsWith("not posted: HTTP 404 from 127.0.0.1: no_service").contains("check the Slack webhook URL");
        assertThat(slack.requests()).hasSize(1);
        assertNoSecret(effect);
    }

    @Test
    void aRunWithoutPackageChangesSendsNothingButAnAllSkippedRunIsAnnounced() {
        SideEffect quiet = notifier(1).send(Reports.report(List.of()));
        assertThat(quiet.ok()).isTrue();
        assertThat(slack.requests()).isEmpty();

        SideEffect effect = notifier(1).send(Reports.report(List.of(Reports.skipped("com.acme.core", "1.0.0"))));

        assertThat(effect.ok()).isTrue();
        assertThat(slack.requests()).hasSize(1);
    }
}
