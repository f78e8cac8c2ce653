package org.the1studio.upm.core.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.the1studio.upm.core.io.Json;
import org.the1studio.upm.core.publish.Outcome;
import org.the1studio.upm.core.publish.PackageOutcome;
import org.the1studio.upm.core.publish.PublishReport;
import org.the1studio.upm.core.publish.SideEffect;

/**
 * Posts one message per run to a Slack incoming webhook: {@code text} (the headline, used for notifications and as
 * the fallback) plus Block Kit {@code blocks}: a header, the commit, one section per package and a context line.
 *
 * <p>Slack's limits are met by shortening, never by failing: header 150 characters, section text 3000, 50 blocks, and
 * a total text budget of {@value #TOTAL_BUDGET} characters across package sections (Slack refuses long block
 * messages with {@code msg_blocks_too_long} well below its documented 40,000-character text limit). Untrusted text is
 * escaped as Slack requires ({@code &}, {@code <}, {@code >} as entities), so {@code <!channel>} or
 * {@code <@U123>} in a commit message shows as text and pings no one.
 */
public final class SlackNotifier extends HttpNotifier {
    static final int HEADER_LIMIT = 150;
    static final int SECTION_LIMIT = 3000;
    static final int BLOCKS_LIMIT = 50;
    static final int TOTAL_BUDGET = 12000;
    static final int MIN_SECTION = 160;

    /** A notifier for {@code settings.slackWebhook()}, which must be set. */
    public SlackNotifier(NotifySettings settings) {
        this(settings, Delivery.REAL_SLEEP);
    }

    SlackNotifier(NotifySettings settings, Delivery.Sleeper sleeper) {
        super(settings, sleeper, "Slack webhook URL", settings.slackWebhook(), "no Slack webhook configured",
                "Slack message", settings.discordWebhook(), settings.webhookUrl(), settings.webhookSecret());
    }

    @Override
    public String name() {
        return "slack";
    }

    @Override
    SideEffect deliver(PublishReport report) {
        if (endpoint.problem() != null) {
            return effect(false, "not posted: " + endpoint.problem());
        }
        byte[] bytes;
        try {
            bytes = Json.MAPPER.writeValueAsBytes(message(report));
        } catch (JsonProcessingException e) {
            return effect(false, "could not encode the Slack message");
        }
        Delivery.Result result = delivery(body -> body)
                .post(endpoint.uri(), "application/json; charset=utf-8", bytes, Map.of());
        if (result.ok()) {
            return effect(true, "posted to " + endpoint.host() + afterAttempts(result));
        }
        String hint = switch (result.status()) {
            case 403, 404, 410 -> " (check the Slack webhook URL: the app, webhook or channel may be gone)";
            case 400 -> " (Slack refused the message)";
            default -> "";
        };
        return effect(false, "not posted: " + result.detail() + hint);
    }

    /** The incoming-webhook JSON body for {@code report} (package-private for tests). */
    ObjectNode message(PublishReport report) {
        ReportView view = new ReportView(report);
        String headline = Text.plain(redactor.redact(view.repositoryName())) + ": " + view.result();
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("text", Text.truncateSlack(Text.slack(redactor.redact(view.repositoryName())) + ": " + view.result(), 500));
        ArrayNode blocks = body.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", Text.truncate(headline, HEADER_LIMIT)).put("emoji", true);

        String commit = commitText(report, view);
        if (!commit.isEmpty()) {
            section(blocks, commit);
        }

        List<PackageOutcome> ordered = view.ordered();
        List<Draft> texts = new ArrayList<>();
        for (PackageOutcome p : ordered) {
            texts.add(packageText(p, view));
        }
        // header, commit, context, "+N more" leave 46 blocks for packages
        int room = BLOCKS_LIMIT - blocks.size() - 2;
        int shown = Math.min(texts.size(), room);
        int cap;
        while (true) {
            cap = shown == 0 ? 0 : Text.fairShare(texts.subList(0, shown).stream().mapToInt(Draft::size).toArray(),
                    TOTAL_BUDGET, SECTION_LIMIT);
            if (shown == 0 || cap >= MIN_SECTION || cap >= texts.subList(0, shown).stream().mapToInt(Draft::size).max().orElse(0)) {
                break;
            }
            shown--;
        }
        for (Draft d : texts.subList(0, shown)) {
            section(blocks, d.fit(cap));
        }
        if (shown < texts.size()) {
            List<PackageOutcome> rest = ordered.subList(shown, ordered.size());
            long failed = rest.stream().filter(p -> p.outcome() == Outcome.FAILED).count();
            context(blocks, "+" + rest.size() + " more " + (rest.size() == 1 ? "package" : "packages")
                    + (failed > 0 ? " (" + failed + " failed)" : "") + "; the build log and the audit trail list every package");
        }
        List<String> footer = new ArrayList<>();
        if (report.runId() != null) {
            footer.add("run " + Text.slack(report.runId()));
        }
        if (report.run() != null && report.run().branch() != null && !report.run().branch().isBlank()) {
            footer.add("branch " + Text.truncateSlack(Text.slack(redactor.redact(report.run().branch())), 100));
        }
        if (report.started() != null) {
            footer.add((report.duration() == null ? report.started() : report.started().plus(report.duration())).toString());
        }
        footer.add("upm");
        context(blocks, String.join(" · ", footer));
        return body;
    }

    private String commitText(PublishReport report, ReportView view) {
        var run = report.run();
        if (run == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        String sha = view.shortCommit();
        if (!sha.isEmpty()) {
            String url = view.commitUrl();
            sb.append("Commit ").append(url == null ? "`" + sha + "`" : "<" + url + "|" + sha + ">");
        }
        if (run.branch() != null && !run.branch().isBlank()) {
            sb.append(sb.length() == 0 ? "On " : " on ")
                    .append(Text.truncateSlack(Text.slack(redactor.redact(run.branch())), 100));
        }
        if (run.author() != null && !run.author().isBlank()) {
            sb.append(sb.length() == 0 ? "By " : " by ").append(Text.truncateSlack(Text.slack(redactor.redact(run.author())), 100));
        }
        String message = Text.slack(redactor.redact(run.message()));
        if (!message.isEmpty()) {
            sb.append(sb.length() == 0 ? "" : "\n").append("> ").append(Text.truncateSlack(message, 300));
        }
        String build = view.buildUrl();
        if (build != null) {
            sb.append(sb.length() == 0 ? "" : "\n").append("<").append(build).append("|Build>");
        }
        for (SideEffect s : view.otherFailedEffects()) {
            sb.append("\n:warning: ").append(Text.truncateSlack(Text.slack(redactor.redact(s.kind() + ": " + s.detail())), 300));
        }
        return Text.truncateSlack(sb.toString(), SECTION_LIMIT);
    }

    /** A package section before shortening: the result text and the link line. */
    private record Draft(String text, String links) {
        int size() {
            return text.length() + (links.isEmpty() ? 0 : links.length() + 1);
        }

        /** At most {@code budget} characters; the text is cut first so that the links survive when they can. */
        String fit(int budget) {
            int max = Math.max(Math.min(budget, SECTION_LIMIT), 1);
            if (size() <= max) {
                return links.isEmpty() ? text : text + "\n" + links;
            }
            if (!links.isEmpty() && max - links.length() - 1 >= 40) {
                return Text.truncateSlack(text, max - links.length() - 1) + "\n" + links;
            }
            return Text.truncateSlack(text, max);
        }
    }

    private Draft packageText(PackageOutcome p, ReportView view) {
        StringBuilder sb = new StringBuilder();
        sb.append(ReportView.icon(p)).append(" *").append(Text.slack(p.name())).append("* ")
                .append(Text.slack(ReportView.versions(p))).append(": *").append(ReportView.label(p)).append('*');
        if (p.distTag() != null && !p.distTag().isBlank() && p.outcome() != Outcome.FAILED && p.outcome() != Outcome.SKIPPED) {
            sb.append(" (dist-tag ").append(Text.slack(p.distTag())).append(')');
        }
        List<String> links = new ArrayList<>();
        String page = view.packageUrl(p);
        if (page != null) {
            links.add("<" + page + "|registry>");
        }
        String changelog = view.changelogUrl(p);
        if (changelog != null) {
            links.add("<" + changelog + "|changelog>");
        }
        String reason = Text.slack(redactor.redact(p.reason()));
        if (!reason.isEmpty()) {
            sb.append(": ").append(reason);
        }
        return new Draft(sb.toString(), String.join(" · ", links));
    }

    private static void section(ArrayNode blocks, String mrkdwn) {
        blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn").put("text", mrkdwn);
    }

    private static void context(ArrayNode blocks, String mrkdwn) {
        blocks.addObject().put("type", "context").putArray("elements").addObject().put("type", "mrkdwn").put("text", mrkdwn);
    }
}
