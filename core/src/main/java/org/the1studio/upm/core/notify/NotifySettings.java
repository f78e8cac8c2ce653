package org.the1studio.upm.core.notify;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.the1studio.upm.core.config.UpmException;
import org.the1studio.upm.core.secret.Secret;

/**
 * Where to announce a run, and how hard to try. A sink whose address is {@code null} is off.
 *
 * <p>Every address is a {@link Secret}: webhook URLs carry their own credential, so they are never printed; only
 * their host appears in side effects and errors.
 *
 * <p>The constructor rejects impossible numbers (a programming error). The addresses themselves are checked by
 * {@link #problems()} / {@link #validate()} so a caller can refuse bad configuration before publishing; a sink with a
 * bad address is still returned by {@link #notifiers()} and reports the problem as a failed side effect when it is
 * used, because a notification must never make a finished publish fail.
 *
 * @param discordWebhook  Discord execute-webhook URL ({@code https://discord.com/api/webhooks/<id>/<token>}), or {@code null}
 * @param discordThreadId id of a thread (or forum post) of the webhook's channel to post in, or {@code null}
 * @param slackWebhook    Slack incoming-webhook URL ({@code https://hooks.slack.com/services/...}), or {@code null}
 * @param webhookUrl      generic JSON webhook URL receiving the machine-readable report, or {@code null}
 * @param webhookSecret   HMAC-SHA256 key for the generic webhook's {@code X-UPM-Signature-256} header, or {@code null}
 * @param timeout         connect and request timeout of each attempt ({@code null} = {@link #DEFAULT_TIMEOUT})
 * @param maxAttempts     attempts per message, 1..10, counting the first (429, 5xx and network errors are retried)
 * @param notifyOnSkip    also announce runs that found no package version change (off by default: every run with
 *                        package changes is announced, an all-skipped one in amber; ordinary pushes stay quiet)
 */
public record NotifySettings(
        Secret discordWebhook,
        String discordThreadId,
        Secret slackWebhook,
        Secret webhookUrl,
        Secret webhookSecret,
        Duration timeout,
        int maxAttempts,
        boolean notifyOnSkip) implements java.io.Serializable {

    /** Per-attempt timeout used when none is given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);
    /** Attempts used by {@link #of}. */
    public static final int DEFAULT_MAX_ATTEMPTS = 4;
    /** Upper bound of {@link #maxAttempts()}. */
    public static final int MAX_ATTEMPTS_LIMIT = 10;

    public NotifySettings {
        if (timeout == null) {
            timeout = DEFAULT_TIMEOUT;
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("notification timeout must be positive, got " + timeout);
        }
        if (maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
            throw new IllegalArgumentException(
                    "notification maxAttempts must be between 1 and " + MAX_ATTEMPTS_LIMIT + ", got " + maxAttempts);
        }
        discordThreadId = discordThreadId == null || discordThreadId.isBlank() ? null : discordThreadId.strip();
    }

    /** The contract's shape: runs where everything was skipped are not announced. */
    public NotifySettings(Secret discordWebhook, String discordThreadId, Secret slackWebhook, Secret webhookUrl,
            Secret webhookSecret, Duration timeout, int maxAttempts) {
        this(discordWebhook, discordThreadId, slackWebhook, webhookUrl, webhookSecret, timeout, maxAttempts, false);
    }

    /** Default timeout and attempts. */
    public static NotifySettings of(Secret discordWebhook, String discordThreadId, Secret slackWebhook,
            Secret webhookUrl, Secret webhookSecret) {
        return new NotifySettings(discordWebhook, discordThreadId, slackWebhook, webhookUrl, webhookSecret,
                DEFAULT_TIMEOUT, DEFAULT_MAX_ATTEMPTS, false);
    }

    /** No sink configured. */
    public static NotifySettings none() {
        return of(null, null, null, null, null);
    }

    /** A copy that does (or does not) announce all-skipped runs. */
    public NotifySettings withNotifyOnSkip(boolean on) {
        return new NotifySettings(discordWebhook, discordThreadId, slackWebhook, webhookUrl, webhookSecret, timeout,
                maxAttempts, on);
    }

    /** The configured sinks, in the order Discord, Slack, generic webhook; empty when none is. */
    public List<Notifier> notifiers() {
        List<Notifier> list = new ArrayList<>();
        discord().ifPresent(list::add);
        if (slackWebhook != null) {
            list.add(new SlackNotifier(this));
        }
        if (webhookUrl != null) {
            list.add(new WebhookNotifier(this));
        }
        return List.copyOf(list);
    }

    /** The Discord sink, for features that post their own messages ({@link DiscordNotifier#sendSummary}). */
    public Optional<DiscordNotifier> discord() {
        return discordWebhook == null ? Optional.empty() : Optional.of(new DiscordNotifier(this));
    }

    /** What is wrong with the configured addresses (each message names the host at most); empty when all are usable. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (discordWebhook != null) {
            addIfPresent(problems, Endpoint.of("Discord webhook URL", discordWebhook).problem());
        }
        String thread = threadProblem(discordThreadId);
        if (thread != null) {
            problems.add(thread);
        }
        if (slackWebhook != null) {
            addIfPresent(problems, Endpoint.of("Slack webhook URL", slackWebhook).problem());
        }
        if (webhookUrl != null) {
            addIfPresent(problems, Endpoint.of("webhook URL", webhookUrl).problem());
        }
        return problems;
    }

    /** Throws when {@link #problems()} is not empty, for callers that check configuration before publishing. */
    public void validate() throws UpmException {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new UpmException(null, "notifications", String.join("; ", problems),
                    "fix the variable holding the address, or unset it to turn that notification off");
        }
    }

    static String threadProblem(String threadId) {
        if (threadId != null && !threadId.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return "Discord thread id must be the numeric id of a thread, got '"
                    + (threadId.length() > 40 ? threadId.substring(0, 40) + "…" : threadId) + "'";
        }
        return null;
    }

    private static void addIfPresent(List<String> list, String item) {
        if (item != null) {
            list.add(item);
        }
    }
}
