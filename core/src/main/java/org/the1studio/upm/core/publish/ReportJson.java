package org.the1studio.upm.core.publish;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.the1studio.upm.core.io.Json;

/**
 * The machine-readable form of a {@link PublishReport} ({@code upm publish --json}): stable field names, lower-case
 * enum values, durations in milliseconds.
 */
public final class ReportJson {

    private ReportJson() {}

    /** The report as a JSON tree. */
    public static ObjectNode toJson(PublishReport report) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("runId", report.runId());
        root.put("dryRun", report.dryRun());
        root.put("exitCode", report.exitCode());
        root.put("started", report.started().toString());
        root.put("durationMs", report.duration().toMillis());
        root.set("run", Json.MAPPER.valueToTree(report.run()));
        ArrayNode packages = root.putArray("packages");
        for (PackageOutcome p : report.packages()) {
            ObjectNode n = packages.addObject();
            n.put("name", p.name());
            n.put("path", p.path());
            n.put("oldVersion", p.oldVersion());
            n.put("newVersion", p.newVersion());
            n.put("bump", p.bump() == null ? null : p.bump().label());
            n.put("action", lower(p.action()));
            n.put("outcome", lower(p.outcome()));
            n.put("reason", p.reason());
            n.put("distTag", p.distTag());
            n.put("shasum", p.shasum());
            n.put("integrity", p.integrity());
            n.put("tarballSize", p.tarballSize());
            n.put("changelog", p.changelogPath());
            n.put("durationMs", p.duration() == null ? 0 : p.duration().toMillis());
        }
        ArrayNode notices = root.putArray("notices");
        report.notices().forEach(notices::add);
        ArrayNode effects = root.putArray("sideEffects");
        for (SideEffect s : report.sideEffects()) {
            effects.addObject().put("kind", s.kind()).put("ok", s.ok()).put("detail", s.detail());
        }
        return root;
    }

    /** Pretty-printed JSON text. */
    public static String toText(PublishReport report) {
        try {
            return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toJson(report));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String lower(Enum<?> e) {
        return e == null ? null : e.name().toLowerCase(Locale.ROOT);
    }
}
