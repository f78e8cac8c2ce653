package org.the1studio.upm.core.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.the1studio.upm.core.io.Json;
import org.the1studio.upm.core.publish.Outcome;
import org.the1studio.upm.core.publish.PackageOutcome;
import org.the1studio.upm.core.publish.PublishReport;
import org.the1studio.upm.core.publish.SideEffect;

/**
 * Posts one message per run to a Discord channel (or thread) through an execute-webhook URL.
 *
 * <p>The message is a single embed: the headline (repository and result) linking to the build, green / red / amber,
 * the commit, author and subject, one field per package ({@code name old → new (bump)}, result, reason, links to the
 * registry page and the changelog), the run id and branch in the footer, and the run's end time. Discord's limits
 * (title 256, description 4096, field name 256, field value 1024, 25 fields, footer 2048, 6000 characters across the
 * message's embeds, 10 embeds) are met by shortening: long reasons are cut with "…", failures are listed first, and
 * packages that do not fit become a "+N more packages" field. A message is never refused for its size.
 *
 * <p>Untrusted text (commit subject, author, branch, reasons) is escaped so that it shows literally, {@code @everyone}
 * / {@code @here} are defused, and the request carries {@code allowed_mentions: {"parse": []}} so nothing in it can
 * ping anyone. The request uses {@code wait=true}, so a 2xx answer means the message exists.
 */
public final class DiscordNotifier extends HttpNotifier {
    /** The name the message is posted under. */
    public static final String USERNAME = "UPM Publisher";

    static final int TITLE_LIMIT = 256;
    static final int DESCRIPTION_LIMIT = 4096;
    static final int FIELD_NAME_LIMIT = 256;
    static final int FIELD_VALUE_LIMIT = 1024;
    static final int FIELDS_LIMIT = 25;
    static final int FOOTER_LIMIT = 2048;
    static final int TOTAL_LIMIT = 6000;
    static final int EMBEDS_LIMIT = 10;
    /** Below this many characters a package field says too little; fewer packages are listed instead. */
    static final int MIN_FIELD = 160;
    private static final int MESSAGE_LIMIT = 300;
    /** A run message's description stays well under Discord's 4096 so that the packages keep most of the 6000. */
    private static final int DESCRIPTION_BUDGET = 1500;

    private final Clock clock;

    /** A notifier for {@code settings.discordWebhook()}, which must be set. */
    public DiscordNotifier(NotifySettings settings) {
        this(settings, Delivery.REAL_SLEEP, Clock.systemUTC());
    }

    DiscordNotifier(NotifySettings settings, Delivery.Sleeper sleeper, Clock clock) {
        super(settings, sleeper, "Discord webhook URL", settings.discordWebhook(), "no Discord webhook configured",
                "Discord message", settings.slackWebhook(), settings.webhookUrl(), settings.webhookSecret());
        this.clock = clock;
    }

    @Override
    public String name() {
        return "discord";
    }

    @Override
    SideEffect deliver(PublishReport report) {
        return post(message(report));
    }

    /**
     * Posts one embed with {@code title} and a markdown {@code markdownBody} written by the caller (for example the
     * fleet's daily summary); red when {@code problem}, green otherwise. Too long a title or body is cut with "…"; mass
     * mentions are defused and no mention pings. Never throws.
     */
    public SideEffect sendSummary(String title, String markdownBody, boolean problem) {
        try {
            ObjectNode body = envelope();
            ObjectNode embed = ((ArrayNode) body.get("embeds")).addObject();
            String t = Text.truncate(Text.plain(redactor.redact(title)), TITLE_LIMIT);
            embed.put("title", t.isEmpty() ? "UPM" : t);
            String text = markdownBody == null ? "" : Text.defuseMentions(redactor.redact(markdownBody)).strip();
            if (!text.isEmpty()) {
                embed.put("description", Text.truncateDiscord(text, DESCRIPTION_LIMIT));
            }
            embed.put("color", (problem ? ReportView.Tone.FAILURE : ReportView.Tone.SUCCESS).rgb);
            embed.putObject("footer").put("text", "upm");
            embed.put("timestamp", Instant.now(clock).toString());
            return post(body);
        } catch (RuntimeException e) {
            return crashed(e);
        }
    }

    /** The execute-webhook JSON body for {@code report} (package-private for tests). */
    ObjectNode message(PublishReport report) {
        ReportView view = new ReportView(report);
        ObjectNode body = envelope();
        ObjectNode embed = ((ArrayNode) body.get("embeds")).addObject();

        String title = Text.truncateDiscord(Text.discord(redactor.redact(view.repositoryName())) + ": " + view.result(),
                TITLE_LIMIT);
        embed.put("title", title);
        String link = view.buildUrl() != null ? view.buildUrl() : view.commitUrl();
        if (link != null) {
            embed.put("url", link);
        }
        String description = description(report, view);
        if (!description.isEmpty()) {
            embed.put("description", description);
        }
        embed.put("color", view.tone().rgb);
        String footer = Text.truncate(footer(report), FOOTER_LIMIT);
        embed.putObject("footer").put("text", footer);
        Instant end = report.started() == null ? Instant.now(clock)
                : report.duration() == null ? report.started() : report.started().plus(report.duration());
        embed.put("timestamp", end.toString());

        int fixed = title.length() + description.length() + footer.length();
        List<Field> fields = fields(report, view, fixed);
        if (!fields.isEmpty()) {
            ArrayNode array = embed.putArray("fields");
            for (Field f : fields) {
                array.addObject().put("name", f.name).put("value", f.value).put("inline", false);
            }
        }
        return body;
    }

    private ObjectNode envelope() {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("username", USERNAME);
        body.putObject("allowed_mentions").putArray("parse");
        body.putArray("embeds");
        return body;
    }

    private String description(PublishReport report, ReportView view) {
        List<String> lines = new ArrayList<>();
        var run = report.run();
        if (run != null) {
            StringBuilder commit = new StringBuilder();
            String sha = view.shortCommit();
            if (!sha.isEmpty()) {
                String url = view.commitUrl();
                commit.append("Commit ").append(url == null ? "`" + sha + "`" : "[`" + sha + "`](" + url + ")");
            }
            if (run.branch() != null && !run.branch().isBlank()) {
                commit.append(commit.length() == 0 ? "On " : " on ")
                        .append("**").append(Text.truncateDiscord(Text.discord(redactor.redact(run.branch())), 100)).append("**");
            }
            if (run.author() != null && !run.author().isBlank()) {
                commit.append(commit.length() == 0 ? "By " : " by ")
                        .append(Text.truncateDiscord(Text.discord(redactor.redact(run.author())), 100));
            }
            if (commit.length() > 0) {
                lines.add(commit.toString());
            }
            String message = Text.discord(redactor.redact(run.message()));
            if (!message.isEmpty()) {
                lines.add("> " + Text.truncateDiscord(message, MESSAGE_LIMIT));
            }
            String build = view.buildUrl();
            if (build != null) {
                lines.add("[Build](" + build + ")");
            }
        }
        for (SideEffect s : view.otherFailedEffects()) {
            if (lines.size() >= 8) {
                break;
            }
            lines.add("⚠️ " + Text.truncateDiscord(Text.discord(redactor.redact(s.kind() + ": " + s.detail())), 300));
        }
        return Text.truncateDiscord(String.join("\n", lines), DESCRIPTION_BUDGET);
    }

    private String footer(PublishReport report) {
        List<String> parts = new ArrayList<>();
        if (report.runId() != null) {
            parts.add("run " + Text.plain(report.runId()));
        }
        if (report.run() != null && report.run().branch() != null && !report.run().branch().isBlank()) {
            parts.add("branch " + Text.truncate(Text.plain(redactor.redact(report.run().branch())), 100));
        }
        parts.add("upm");
        return String.join(" · ", parts);
    }

    private record Field(String name, String value) {
        int size() {
            return name.length() + value.length();
        }
    }

    /** What a package field says before any shortening: a name, the result text, the links. */
    private record Draft(String name, String text, String links) {
        int size() {
            return name.length() + text.length() + (links.isEmpty() ? 0 : links.length() + 1);
        }

        Field fit(int budget) {
            int valueBudget = Math.min(FIELD_VALUE_LIMIT, Math.max(budget - name.length(), 1));
            String value;
            if (text.length() + (links.isEmpty() ? 0 : links.length() + 1) <= valueBudget) {
                value = links.isEmpty() ? text : text + "\n" + links;
            } else if (!links.isEmpty() && valueBudget - links.length() - 1 >= 40) {
                value = Text.truncateDiscord(text, valueBudget - links.length() - 1) + "\n" + links;
            } else {
                value = Text.truncateDiscord(text, valueBudget);
            }
            return new Field(name, value.isEmpty() ? "\u200B" : value);
        }
    }

    /** Package fields within the field count and the 6000-character budget left by {@code fixed}. */
    private List<Field> fields(PublishReport report, ReportView view, int fixed) {
        List<PackageOutcome> ordered = view.ordered();
        List<Draft> drafts = new ArrayList<>();
        for (PackageOutcome p : ordered) {
            drafts.add(draft(p, view));
        }
        int n = drafts.size();
        int shown = Math.min(n, FIELDS_LIMIT);
        if (shown < n) {
            shown = FIELDS_LIMIT - 1;
        }
        while (true) {
            Field more = shown < n ? moreField(ordered.subList(shown, n)) : null;
            int available = TOTAL_LIMIT - fixed - (more == null ? 0 : more.size());
            int cap = shown == 0 ? 0 : Text.fairShare(drafts.subList(0, shown).stream().mapToInt(Draft::size).toArray(),
                    available, FIELD_NAME_LIMIT + FIELD_VALUE_LIMIT);
            if (shown == 0 || cap >= MIN_FIELD || cap >= maxSize(drafts.subList(0, shown))) {
                List<Field> out = new ArrayList<>();
                int total = fixed;
                for (Draft d : drafts.subList(0, shown)) {
                    Field f = d.fit(cap);
                    out.add(f);
                    total += f.size();
                }
                if (more != null) {
                    out.add(more);
                    total += more.size();
                }
                if (total <= TOTAL_LIMIT) {
                    return out;
                }
            }
            shown--;
            if (shown < 0) {
                return List.of();
            }
        }
    }

    private static int maxSize(List<Draft> drafts) {
        return drafts.stream().mapToInt(Draft::size).max().orElse(0);
    }

    private Draft draft(PackageOutcome p, ReportView view) {
        String name = Text.truncateDiscord(ReportView.icon(p) + " " + Text.discord(p.name() + " " + ReportView.versions(p)),
                FIELD_NAME_LIMIT);
        StringBuilder text = new StringBuilder("**").append(ReportView.label(p)).append("**");
        if (p.distTag() != null && !p.distTag().isBlank() && p.outcome() != Outcome.FAILED && p.outcome() != Outcome.SKIPPED) {
            text.append(" (dist-tag ").append(Text.discord(p.distTag())).append(')');
        }
        String reason = Text.discord(redactor.redact(p.reason()));
        if (!reason.isEmpty()) {
            text.append(": ").append(reason);
        }
        List<String> links = new ArrayList<>();
        String page = view.packageUrl(p);
        if (page != null) {
            links.add("[registry](" + page + ")");
        }
        String changelog = view.changelogUrl(p);
        if (changelog != null) {
            links.add("[changelog](" + changelog + ")");
        }
        return new Draft(name, text.toString(), String.join(" · ", links));
    }

    private static Field moreField(List<PackageOutcome> rest) {
        long failed = rest.stream().filter(p -> p.outcome() == Outcome.FAILED).count();
        long published = rest.stream().filter(p -> p.outcome() == Outcome.PUBLISHED || p.outcome() == Outcome.WOULD_PUBLISH).count();
        long skipped = rest.stream().filter(p -> p.outcome() == Outcome.SKIPPED).count();
        List<String> parts = new ArrayList<>();
        if (failed > 0) {
            parts.add(failed + " failed");
        }
        if (published > 0) {
            parts.add(published + " published");
        }
        if (skipped > 0) {
            parts.add(skipped + " skipped");
        }
        return new Field("+" + rest.size() + " more " + (rest.size() == 1 ? "package" : "packages"),
                String.join(", ", parts) + "; the build log and the audit trail list every package");
    }

    private SideEffect post(ObjectNode body) {
        String problem = endpoint.problem();
        if (problem == null) {
            problem = NotifySettings.threadProblem(settings.discordThreadId());
        }
        if (problem != null) {
            return effect(false, "not posted: " + problem);
        }
        String query = "wait=true";
        if (settings.discordThreadId() != null) {
            query += "&thread_id=" + URLEncoder.encode(settings.discordThreadId(), StandardCharsets.UTF_8);
        }
        URI uri = endpoint.withQuery(query);
        byte[] bytes;
        try {
            bytes = Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            return effect(false, "could not encode the Discord message");
        }
        Delivery.Result result = delivery(DiscordNotifier::errorText).post(uri, "application/json", bytes, Map.of());
        if (result.ok()) {
            String id = messageId(result.body());
            return effect(true, "posted to " + endpoint.host()
                    + (settings.discordThreadId() != null ? " (thread " + settings.discordThreadId() + ")" : "")
                    + (id != null ? ", message " + id : "")
                    + afterAttempts(result));
        }
        String hint = switch (result.status()) {
            case 401, 403, 404 -> " (check the Discord webhook URL: the webhook may have been deleted or its token changed)";
            case 400 -> " (Discord refused the message)";
            default -> "";
        };
        return effect(false, "not posted: " + result.detail() + hint);
    }

    private static String messageId(String body) {
        try {
            JsonNode id = Json.MAPPER.readTree(body).get("id");
            return id != null && id.isTextual() && id.asText().matches("\\d{1,25}") ? id.asText() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Discord's error JSON ({@code message}, {@code code}, nested {@code errors}) as one sentence. */
    static String errorText(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            return body;
        }
        if (node == null || !node.isObject()) {
            return body;
        }
        StringBuilder sb = new StringBuilder(node.path("message").asText(""));
        if (node.hasNonNull("code")) {
            sb.append(" (code ").append(node.get("code").asText()).append(')');
        }
        List<String> problems = new ArrayList<>();
        collectErrors(node.get("errors"), "", problems);
        if (!problems.isEmpty()) {
            sb.append(": ").append(String.join("; ", problems.subList(0, Math.min(problems.size(), 5))));
        }
        return sb.length() == 0 ? body : sb.toString();
    }

    private static void collectErrors(JsonNode node, String path, List<String> out) {
        if (node == null || !node.isObject()) {
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("_errors") && e.getValue().isArray()) {
                for (JsonNode err : e.getValue()) {
                    out.add((path.isEmpty() ? "" : path + ": ") + err.path("message").asText(err.path("code").asText("")));
                }
            } else {
                collectErrors(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out);
            }
        }
    }
}
