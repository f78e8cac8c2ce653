package org.the1studio.upm.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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

class DiscordNotifierTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "FAKE-discord-webhook-token-for-tests-not-real-0000000000";
    private static final String PATH = "/api/webhooks/112233445566778899/" + TOKEN;
    private static final String OK_BODY = "{\"id\":\"1234567890123456789\",\"type\":0,\"content\":\"\",\"channel_id\":\"42\"}";

    private StandIn discord;
    private final List<Duration> waits = new ArrayList<>();
    private final Clock clock = Clock.fixed(Instant.parse("2025-03-14T10:00:00Z"), ZoneOffset.UTC);

    @BeforeEach
    void start() throws IOException {
        discord = new StandIn(StandIn.Answer.of(200, OK_BODY));
    }

    @AfterEach
    void stop() {
        discord.close();
    }

    private DiscordNotifier notifier(String threadId, int maxAttempts) {
        return notifier(new NotifySettings(Secret.of(discord.url(PATH)), threadId, null, null, null,
                Duration.ofSeconds(5), maxAttempts));
    }

    private DiscordNotifier notifier(NotifySettings settings) {
        return new DiscordNotifier(settings, waits::add, clock);
    }

    private static PublishReport typical() {
        return Reports.report(List.of(
                Reports.published("com.acme.tools", "1.2.0", "1.3.0", BumpKind.MINOR),
                Reports.skipped("com.acme.core", "2.0.0")));
    }

    private static JsonNode json(StandIn.Request r) throws IOException {
        return JSON.readTree(r.body());
    }

    private static void assertNoSecret(SideEffect effect) {
        assertThat(effect.detail()).doesNotContain(TOKEN).doesNotContain("/api/webhooks").doesNotContain("112233445566778899");
    }

    @Test
    void postsOneExecuteWebhookRequestShapedAsDiscordDocumentsIt() throws IOException {
        SideEffect effect = notifier("987654321098765432", 3).send(typical());

        assertThat(effect.kind()).isEqualTo("notify:discord");
        assertThat(effect.ok()).as(effect.detail()).isTrue();
        assertThat(effect.detail()).contains("127.0.0.1").contains("message 1234567890123456789").contains("1 attempt");
        assertNoSecret(effect);

        assertThat(discord.requests()).hasSize(1);
        StandIn.Request r = discord.requests().get(0);
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo(PATH);
        assertThat(r.rawQuery()).isEqualTo("wait=true&thread_id=987654321098765432");
        assertThat(r.header("Content-Type")).isEqualTo("application/json");

        JsonNode body = json(r);
        assertThat(body.get("username").asText()).isEqualTo("UPM Publisher");
        assertThat(body.get("allowed_mentions").toString()).isEqualTo("{\"parse\":[]}");
        assertThat(body.has("content")).isFalse();
        assertThat(body.get("embeds")).hasSize(1);
        JsonNode embed = body.get("embeds").get(0);
        assertThat(embed.get("title").asText()).isEqualTo("acme/unity\\-tools: 1 published, 1 skipped".replace("\\-", "-"));
        assertThat(embed.get("url").asText()).isEqualTo("https://ci.acme.test/job/unity-tools/42/");
        assertThat(embed.get("color").asInt()).isEqualTo(0x2ECC71);
        assertThat(embed.get("timestamp").asText()).isEqualTo("2025-03-14T09:27:35Z");
        assertThat(embed.get("footer").get("text").asText()).isEqualTo("run " + Reports.RUN_ID + " · branch main · upm");
        assertThat(embed.get("description").asText())
                .isEqualTo("Commit [`3f9a1c2`](https://github.com/acme/unity-tools/commit/" + Reports.COMMIT + ") on **main** by Jane Doe\n"
                        + "> feat: faster importer\n"
                        + "[Build](https://ci.acme.test/job/unity-tools/42/)");

        JsonNode fields = embed.get("fields");
        assertThat(fields).hasSize(2);
        assertThat(fields.get(0).get("name").asText()).isEqualTo("✅ com.acme.tools 1.2.0 → 1.3.0 \\(minor\\)");
        assertThat(fields.get(0).get("value").asText()).isEqualTo(
                "**published** (dist-tag latest): published and verified\n"
                        + "[registry](http://127.0.0.1:4873/-/web/detail/com.acme.tools) · "
                        + "[changelog](https://github.com/acme/unity-tools/blob/main/Packages/com.acme.tools/CHANGELOG.md)");
        assertThat(fields.get(0).get("inline").asBoolean()).isFalse();
        assertThat(fields.get(1).get("name").asText()).isEqualTo("⏭️ com.acme.core 2.0.0 → 2.0.0");
        assertThat(fields.get(1).get("value").asText()).isEqualTo("**skipped**: already published, identical");
    }

    @Test
    void withoutAThreadOnlyWaitIsAsked() {
        assertThat(notifier(null, 1).send(typical()).ok()).isTrue();
        assertThat(discord.requests().get(0).rawQuery()).isEqualTo("wait=true");
    }

    @Test
    void aFailureMakesTheEmbedRedAndComesFirst() throws IOException {
        PublishReport report = Reports.report(List.of(
                Reports.published("com.acme.tools", "1.2.0", "1.3.0", BumpKind.MINOR),
                Reports.failed("com.acme.core", "2.0.0", "2.0.1", PlanAction.CONFLICT,
                        "2.0.1 is already on the registry with a different tarball")));

        assertThat(notifier(null, 1).send(report).ok()).isTrue();

        JsonNode embed = json(discord.requests().get(0)).get("embeds").get(0);
        assertThat(embed.get("color").asInt()).isEqualTo(0xE74C3C);
        assertThat(embed.get("title").asText()).isEqualTo("acme/unity-tools: 1 failed, 1 published");
        assertThat(embed.get("fields").get(0).get("name").asText()).startsWith("⚠️ com.acme.core 2.0.0 → 2.0.1");
        assertThat(embed.get("fields").get(0).get("value").asText())
                .isEqualTo("**conflict**: 2.0.1 is already on the registry with a different tarball");
    }

    @Test
    void aChangelogThatCouldNotBePushedMakesItAmberAndIsSaid() throws IOException {
        PublishReport report = Reports.report(Reports.run("fix: x", "Jane"),
                List.of(Reports.published("com.acme.tools", "1.2.0", "1.2.1", BumpKind.PATCH)),
                List.of(new SideEffect("changelog-push", false, "pushed to branch upm/changelog-com.acme.tools-1.2.1 instead")));

        assertThat(notifier(null, 1).send(report).ok()).isTrue();

        JsonNode embed = json(discord.requests().get(0)).get("embeds").get(0);
        assertThat(embed.get("color").asInt()).isEqualTo(0xF1A81B);
        assertThat(embed.get("description").asText())
                .contains("⚠️ changelog\\-push: pushed to branch upm/changelog\\-com.acme.tools\\-1.2.1 instead".replace("\\-", "-"));
    }

    @Test
    void anAllSkippedRunIsAnnouncedInAmberAndARunWithoutChangesOnlyWhenAsked() throws IOException {
        SideEffect nothingDetected = notifier(null, 1).send(Reports.report(List.of()));
        assertThat(nothingDetected.ok()).isTrue();
        assertThat(nothingDetected.detail()).contains("no message sent");
        assertThat(discord.requests()).isEmpty();

        PublishReport skipped = Reports.report(List.of(Reports.skipped("com.acme.core", "2.0.0")));
        assertThat(notifier(null, 1).send(skipped).ok()).isTrue();
        JsonNode embed = json(discord.requests().get(0)).get("embeds").get(0);
        assertThat(embed.get("color").asInt()).isEqualTo(0xF1A81B);
        assertThat(embed.get("title").asText()).isEqualTo("acme/unity-tools: nothing to publish (1 skipped)");

        NotifySettings loud = new NotifySettings(Secret.of(discord.url(PATH)), null, null, null, null,
                Duration.ofSeconds(5), 1, true);
        assertThat(notifier(loud).send(Reports.report(List.of())).ok()).isTrue();
        assertThat(discord.requests()).hasSize(2);
    }

    @Test
    void untrustedTextCannotMentionLinkOrFormat() throws IOException {
        String hostile = "@everyone look <@123456> <@&777> <#999> [click](javascript:alert(1)) **bold** `code` ||spoiler||"
                + " \u202Eevil\u202C _it_ ~~s~~ # head \n> quote @here 🚀 שלום";
        PublishReport report = Reports.report(Reports.run(hostile, "@here <@42>"),
                List.of(Reports.failed("com.acme.tools", "1.0.0", "1.0.1", PlanAction.INVALID, hostile)), List.of());

        assertThat(notifier(null, 1).send(report).ok()).isTrue();

        JsonNode body = json(discord.requests().get(0));
        assertThat(body.get("allowed_mentions").get("parse")).isEmpty();
        JsonNode embed = body.get("embeds").get(0);
        String description = embed.get("description").asText();
        String value = embed.get("fields").get(0).get("value").asText();
        for (String text : List.of(description, value)) {
            assertThat(text)
                    .contains("@\u200Beveryone")
                    .contains("@\u200Bhere")
                    .doesNotContainPattern("@(everyone|here)")
                    .contains("\\<@123456\\>")
                    .contains("\\<@&777\\>")
                    .contains("\\[click\\]\\(javascript:alert\\(1\\)\\)")
                    .contains("\\*\\*bold\\*\\*")
                    .contains("\\`code\\`")
                    .contains("\\|\\|spoiler\\|\\|")
                    .contains("\\_it\\_")
                    .contains("\\~\\~s\\~\\~")
                    .contains("🚀 שלום")
                    .doesNotContain("\u202E")
                    .doesNotContain("\u202C");
            assertThat(text.replace("\\<@", "")).doesNotContain("<@");
            assertThat(text.replace("\\](", "")).doesNotContain("](javascript");
        }
        // the quoted commit subject stays on one line: the "> quote" inside it cannot start a new block
        assertThat(description.lines().filter(l -> l.startsWith(">")).count()).isEqualTo(1);
        assertThat(description).contains("by @\u200Bhere \\<@42\\>");
    }

    @Test
    void fortyPackagesWithHugeReasonsStayWithinEveryDiscordLimit() throws IOException {
        PublishReport report = Reports.many(40, 3000);

        SideEffect effect = notifier(null, 1).send(report);
        assertThat(effect.ok()).as(effect.detail()).isTrue();

        JsonNode body = json(discord.requests().get(0));
        JsonNode embeds = body.get("embeds");
        assertThat(embeds.size()).isBetween(1, 10);
        int total = 0;
        for (JsonNode embed : embeds) {
            String title = embed.get("title").asText();
            String description = embed.path("description").asText("");
            String footer = embed.get("footer").get("text").asText();
            assertThat(title.length()).isLessThanOrEqualTo(256);
            assertThat(description.length()).isLessThanOrEqualTo(4096);
            assertThat(footer.length()).isLessThanOrEqualTo(2048);
            total += title.length() + description.length() + footer.length();
            JsonNode fields = embed.get("fields");
            assertThat(fields.size()).isLessThanOrEqualTo(25);
            for (JsonNode f : fields) {
                assertThat(f.get("name").asText()).isNotEmpty().hasSizeLessThanOrEqualTo(256);
                assertThat(f.get("value").asText()).isNotEmpty().hasSizeLessThanOrEqualTo(1024);
                total += f.get("name").asText().length() + f.get("value").asText().length();
            }
        }
        assertThat(total).isLessThanOrEqualTo(6000);

        JsonNode fields = embeds.get(0).get("fields");
        assertThat(fields.get(0).get("name").asText()).startsWith("⚠️").contains("number\\-4 ".replace("\\-", "-"));
        // the 8 failures come first, then as many publications as fit, then the rest is counted
        for (int i = 0; i < 8; i++) {
            assertThat(fields.get(i).get("name").asText()).startsWith("⚠️");
        }
        JsonNode last = fields.get(fields.size() - 1);
        int shown = fields.size() - 1;
        assertThat(last.get("name").asText()).isEqualTo("+" + (40 - shown) + " more packages");
        assertThat(last.get("value").asText()).startsWith((40 - shown) + " published");
        assertThat(fields.get(0).get("value").asText()).startsWith("**conflict**: reason 4 ").endsWith("…");
        assertThat(embeds.get(0).get("title").asText()).isEqualTo("acme/unity-tools: 8 failed, 32 published");
    }

    @Test
    void fewPackagesWithHugeReasonsAreCutButKeepTheirLinks() throws IOException {
        PublishReport report = Reports.many(3, 5000);

        assertThat(notifier(null, 1).send(report).ok()).isTrue();

        JsonNode fields = json(discord.requests().get(0)).get("embeds").get(0).get("fields");
        assertThat(fields).hasSize(3);
        for (JsonNode f : fields) {
            String value = f.get("value").asText();
            assertThat(value).hasSizeLessThanOrEqualTo(1024);
            assertThat(value).contains("…\n[registry](http://127.0.0.1:4873/-/web/detail/com.acme.package");
            assertThat(value).endsWith("/CHANGELOG.md)");
        }
    }

    @Test
    void a429IsRetriedAfterTheRetryAfterDiscordAsksFor() {
        discord.then(StandIn.Answer.of(429,
                "{\"message\": \"You are being rate limited.\", \"retry_after\": 1.25, \"global\": false}")
                .withHeader("Retry-After", "2"));

        SideEffect effect = notifier(null, 3).send(typical());

        assertThat(effect.ok()).as(effect.detail()).isTrue();
        assertThat(effect.detail()).contains("after 2 attempts");
        assertThat(discord.requests()).hasSize(2);
        assertThat(discord.requests().get(1).text()).isEqualTo(discord.requests().get(0).text());
        assertThat(waits).containsExactly(Duration.ofMillis(1250));
    }

    @Test
    void a429WithOnlyTheHeaderWaitsThatLong() {
        discord.then(StandIn.Answer.text(429, "").withHeader("Retry-After", "2"));

        assertThat(notifier(null, 2).send(typical()).ok()).isTrue();
        assertThat(waits).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void aRateLimitLongerThanTheBoundFailsWithoutWaiting() {
        discord.then(StandIn.Answer.of(429, "{\"message\":\"You are being rate limited.\",\"retry_after\":3600.5,\"global\":true}"));

        SideEffect effect = notifier(null, 5).send(typical());

        assertThat(effect.ok()).isFalse();
        assertThat(effect.detail()).contains("rate limited by 127.0.0.1 for 3600.5 s").contains("not retried");
        assertThat(discord.requests()).hasSize(1);
        assertThat(waits).isEmpty();
        assertNoSecret(effect);
    }

    @Test
    void aServerErrorIsRetriedWithBackoff() {
        discord.then(StandIn.Answer.of(500, "{\"message\":\"500: Internal Server Error\",\"code\":0}"),
                StandIn.Answer.of(502, "<html>bad gateway</html>"));

        SideEffect effect = notifier(null, 4).send(typical());

        assertThat(effect.ok()).as(effect.detail()).isTrue();
        assertThat(effect.detail()).contains("after 3 attempts");
        assertThat(discord.requests()).hasSize(3);
        assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000));
    }

    @Test
    void persistentServerErrorsGiveUpAfterMaxAttempts() {
        StandIn.Answer down = StandIn.Answer.of(503, "{\"message\":\"upstream connect error\"}");
        discord.then(down, down, down, down);

        SideEffect effect = notifier(null, 3).send(typical());

        assertThat(effect.ok()).isFalse();
        assertThat(effect.detail()).isEqualTo("not posted: gave up after 3 attempts: HTTP 503 from 127.0.0.1: upstream connect error");
        assertThat(discord.requests()).hasSize(3);
        assertThat(waits).hasSize(2);
    }

    @Test
    void an404FailsAtOnceWithDiscordsMessageAndAHint() {
        discord.then(StandIn.Answer.of(404, "{\"message\": \"Unknown Webhook\", \"code\": 10015}"));

        SideEffect effect = notifier(null, 4).send(typical());

        assertThat(effect.ok()).isFalse();
        assertThat(effect.detail()).startsWith("not posted: HTTP 404 from 127.0.0.1: Unknown Webhook (code 10015)")
                .contains("check the Discord webhook URL");
        assertThat(discord.requests()).hasSize(1);
        assertThat(waits).isEmpty();
        assertNoSecret(effect);
    }

    @Test
    void aRejectedPayloadNamesTheFieldDiscordComplainsAbout() {
        discord.then(StandIn.Answer.of(400, "{\"code\": 50035, \"errors\": {\"embeds\": {\"0\": {\"fields\": {\"3\": {\"value\": "
                + "{\"_errors\": [{\"code\": \"BASE_TYPE_MAX_LENGTH\", \"message\": \"Must be 1024 or fewer in length.\"}]}}}}}}, "
                + "\"message\": \"Invalid Form Body\"}"));

        SideEffect effect = notifier(null, 2).send(typical());

        assertThat(effect.ok()).isFalse();
        assertThat(effect.detail()).contains("HTTP 400 from 127.0.0.1: Invalid Form Body (code 50035): "
                + "embeds.0.fields.3.value: Must be 1024 or fewer in length.");
    }

    @Test
    void anErrorEchoingTheWebhookUrlIsRedacted() {
        discord.then(StandIn.Answer.of(401, "{\"message\": \"Invalid Webhook Token for " + discord.url(PATH)
                + " (token " + TOKEN + ", path " + PATH + ")\", \"code\": 50027}"));

        SideEffect effect = notifier(null, 1).send(typical());

        assertThat(effect.ok()).isFalse();
        assertThat(effect.detail()).contains("HTTP 401 from 127.0.0.1: Invalid Webhook Token for ****");
        assertNoSecret(effect);
    }

    @Test
    void anUnreachableHostIsRetriedThenReportedByHostOnly() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        NotifySettings settings = new NotifySettings(Secret.of("http://127.0.0.1:" + port + PATH), null, null, null, null,
                Duration.ofSeconds(2), 3);

        SideEffect effect = notifier(settings).send(typical());

        assertThat(effect.ok()).isFalse();
        assertThat(effect.detail()).startsWith("not posted: gave up after 3 attempts: cannot reach 127.0.0.1: ");
        assertThat(waits).containsExactly(Duration.ofMillis(500), Duration.ofMillis(1000));
        assertNoSecret(effect);
    }

    @Test
    void aSlowAnswerTimesOutAndIsRetried() {
        discord.then(StandIn.Answer.of(200, OK_BODY).delayed(3000));
        NotifySettings settings = new NotifySettings(Secret.of(discord.url(PATH)), null, null, null, null,
                Duration.ofMillis(300), 2);

        SideEffect effect = notifier(settings).send(typical());

        assertThat(effect.ok()).as(effect.detail()).isTrue();
        assertThat(effect.detail()).contains("after 2 attempts");
        assertThat(waits).hasSize(1);
    }

    @Test
    void aSuccessWithAnUnexpectedBodyStillCounts() {
        discord.then(StandIn.Answer.text(204, ""));

        SideEffect effect = notifier(null, 1).send(typical());

        assertThat(effect.ok()).isTrue();
        assertThat(effect.detail()).doesNotContain("message ");
    }

    @Test
    void aPlainHttpWebhookOnAnotherHostIsRefusedWithoutSending() {
        NotifySettings settings = new NotifySettings(Secret.of("http://discord.example.com" + PATH), null, null, null, null,
                Duration.ofSeconds(1), 1);

        SideEffect effect = notifier(settings).send(typical());

        assertThat(effect.ok()).isFalse();
        assertThat(effect.detail()).isEqualTo("not posted: Discord webhook URL (host discord.example.com) must use https;"
                + " plain http is only allowed for 127.0.0.1 and localhost");
        assertNoSecret(effect);
    }

    @Test
    void aNonNumericThreadIdIsRefusedWithoutSending() {
        SideEffect effect = notifier("123&wait=false", 1).send(typical());

        assertThat(effect.ok()).isFalse();
        assertThat(effect.detail()).contains("thread id must be the numeric id");
        assertThat(discord.requests()).isEmpty();
    }

    @Test
    void aSummaryIsOneEmbedWithTheCallersMarkdown() throws IOException {
        String markdown = "**3 repositories** checked\n- `com.acme.tools` 1.2.0 not published\n@everyone";

        SideEffect effect = notifier("555", 1).sendSummary("Fleet check: 1 problem", markdown, true);

        assertThat(effect.ok()).as(effect.detail()).isTrue();
        assertThat(effect.kind()).isEqualTo("notify:discord");
        StandIn.Request r = discord.requests().get(0);
        assertThat(r.rawQuery()).isEqualTo("wait=true&thread_id=555");
        JsonNode body = json(r);
        assertThat(body.get("allowed_mentions").toString()).isEqualTo("{\"parse\":[]}");
        assertThat(body.get("embeds")).hasSize(1);
        JsonNode embed = body.get("embeds").get(0);
        assertThat(embed.get("title").asText()).isEqualTo("Fleet check: 1 problem");
        assertThat(embed.get("description").asText())
                .isEqualTo("**3 repositories** checked\n- `com.acme.tools` 1.2.0 not published\n@\u200Beveryone");
        assertThat(embed.get("color").asInt()).isEqualTo(0xE74C3C);
        assertThat(embed.get("timestamp").asText()).isEqualTo("2025-03-14T10:00:00Z");
    }

    @Test
    void aLongSummaryIsCutToDiscordsLimits() throws IOException {
        SideEffect effect = notifier(null, 1).sendSummary("T".repeat(400), "line\n".repeat(2000), false);

        assertThat(effect.ok()).isTrue();
        JsonNode embed = json(discord.requests().get(0)).get("embeds").get(0);
        assertThat(embed.get("title").asText()).hasSize(256).endsWith("…");
        assertThat(embed.get("description").asText()).hasSizeLessThanOrEqualTo(4096).endsWith("…");
        assertThat(embed.get("color").asInt()).isEqualTo(0x2ECC71);
    }
}
