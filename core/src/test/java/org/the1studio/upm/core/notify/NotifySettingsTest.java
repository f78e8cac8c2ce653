package org.the1studio.upm.core.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.the1studio.upm.core.config.UpmException;
import org.the1studio.upm.core.secret.Secret;

class NotifySettingsTest {
    private static final String DISCORD = "https://discord.com/api/webhooks/000000/FAKE-webhook-token-for-tests";
    private static final String SLACK = "https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXX";
    private static final String HOOK = "https://hooks.acme.test/upm?key=k3y-v4lue-123";

    private static NotifySettings settings(String discord, String thread, String slack, String hook) {
        return new NotifySettings(Secret.ofNullable(discord), thread, Secret.ofNullable(slack), Secret.ofNullable(hook),
                Secret.ofNullable("hmac-secret-value"), Duration.ofSeconds(10), 3);
    }

    @Test
    void onlyConfiguredSinksAreReturnedInAFixedOrder() {
        assertThat(NotifySettings.none().notifiers()).isEmpty();
        assertThat(settings(DISCORD, null, null, null).notifiers()).extracting(Notifier::name).containsExactly("discord");
        assertThat(settings(null, null, SLACK, null).notifiers()).extracting(Notifier::name).containsExactly("slack");
        assertThat(settings(DISCORD, null, SLACK, HOOK).notifiers()).extracting(Notifier::name)
                .containsExactly("discord", "slack", "webhook");
        assertThat(settings(DISCORD, null, null, null).discord()).isPresent();
        assertThat(settings(null, null, SLACK, null).discord()).isEmpty();
    }

    @Test
    void impossibleNumbersAreRefused() {
        assertThatThrownBy(() -> new NotifySettings(null, null, null, null, null, Duration.ZERO, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout must be positive");
        assertThatThrownBy(() -> new NotifySettings(null, null, null, null, null, Duration.ofSeconds(-1), 3))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new NotifySettings(null, null, null, null, null, Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("between 1 and 10, got 0");
        assertThatThrownBy(() -> new NotifySettings(null, null, null, null, null, Duration.ofSeconds(1), 11))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 11");
        NotifySettings defaults = new NotifySettings(null, " ", null, null, null, null, 10);
        assertThat(defaults.timeout()).isEqualTo(NotifySettings.DEFAULT_TIMEOUT);
        assertThat(defaults.discordThreadId()).isNull();
        assertThat(defaults.notifyOnSkip()).isFalse();
        assertThat(defaults.withNotifyOnSkip(true).notifyOnSkip()).isTrue();
    }

    @Test
    void httpsIsRequiredExceptOnThisMachine() throws UpmException {
        settings(DISCORD, "123456789012345678", SLACK, HOOK).validate();
        settings("http://127.0.0.1:8080/api/webhooks/1/token", null, "http://localhost:9/services/x", null).validate();

        NotifySettings bad = settings("http://discord.com/api/webhooks/000000/FAKE-webhook-token-for-tests", "12ab",
                "ftp://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXX", "not a url at all");
        List<String> problems = bad.problems();
        assertThat(problems).containsExactly(
                "Discord webhook URL (host discord.com) must use https; plain http is only allowed for 127.0.0.1 and localhost",
                "Discord thread id must be the numeric id of a thread, got '12ab'",
                "Slack webhook URL (host hooks.slack.com) must use https",
                "webhook URL is not a valid URL (check the variable that holds it)");
        assertThatThrownBy(bad::validate).isInstanceOf(UpmException.class)
                .hasMessageContaining("'notifications'")
                .hasMessageContaining("must use https")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("AbCdEf").doesNotContain("XXXXXXXX").doesNotContain("/api/"));
        assertThat(settings("https://user:pw@discord.com/api/webhooks/1/t", null, null, null).problems())
                .containsExactly("Discord webhook URL (host discord.com) must not contain user credentials");
        assertThat(settings("discord.com/api/webhooks/1/t", null, null, null).problems())
                .containsExactly("Discord webhook URL is not an absolute http(s) URL with a host (check the variable that holds it)");
    }

    @Test
    void aBadAddressStillYieldsItsSinkWhichFailsWithoutThrowing() {
        List<Notifier> notifiers = settings("http://discord.com/api/webhooks/1/AbCdEfGhIjKl", null, "nope", "http://x.test/h")
                .notifiers();
        assertThat(notifiers).hasSize(3);
        for (Notifier n : notifiers) {
            var effect = n.send(Reports.many(1, 5));
            assertThat(effect.ok()).isFalse();
            assertThat(effect.kind()).isEqualTo("notify:" + n.name());
            assertThat(effect.detail()).startsWith("not ").doesNotContain("AbCdEf").doesNotContain("/h");
        }
    }

    @Test
    void everyConfiguredSinkDeliversOneMessageForARun() throws Exception {
        try (StandIn discord = new StandIn(StandIn.Answer.of(200, "{\"id\":\"1\"}"));
                StandIn slack = new StandIn(StandIn.Answer.text(200, "ok"));
                StandIn hook = new StandIn(StandIn.Answer.text(204, ""))) {
            NotifySettings s = new NotifySettings(Secret.of(discord.url("/api/webhooks/1/AbCdEfGhIjKlMnOp")), "77",
                    Secret.of(slack.url("/services/T/B/QwErTyUiOpAsDfGh")), Secret.of(hook.url("/upm")),
                    Secret.of("hmac-secret-value"), Duration.ofSeconds(5), 2);

            List<String> details = new java.util.ArrayList<>();
            for (Notifier n : s.notifiers()) {
                var effect = n.send(Reports.many(3, 20));
                assertThat(effect.ok()).as(effect.detail()).isTrue();
                details.add(effect.kind() + " " + effect.detail());
            }

            assertThat(discord.requests()).hasSize(1);
            assertThat(discord.requests().get(0).rawQuery()).isEqualTo("wait=true&thread_id=77");
            assertThat(slack.requests()).hasSize(1);
            assertThat(hook.requests()).hasSize(1);
            assertThat(hook.requests().get(0).header("X-UPM-Signature-256")).startsWith("sha256=");
            assertThat(details).containsExactly(
                    "notify:discord posted to 127.0.0.1 (thread 77), message 1 after 1 attempt",
                    "notify:slack posted to 127.0.0.1 after 1 attempt",
                    "notify:webhook delivered to 127.0.0.1 (signed) after 1 attempt");
        }
    }

    @Test
    void printingTheSettingsShowsNoSecret() {
        String text = settings(DISCORD, "1", SLACK, HOOK).toString();
        assertThat(text).doesNotContain("AbCdEf").doesNotContain("XXXXXXXX").doesNotContain("k3y-v4lue").doesNotContain("hmac-secret");
    }
}
