package org.the1studio.upm.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.Locale;
import org.the1studio.upm.core.io.Json;
import org.the1studio.upm.core.publish.Outcome;
import org.the1studio.upm.core.publish.PackageOutcome;
import org.the1studio.upm.core.publish.PackagePlan;
import org.the1studio.upm.core.publish.PublishPlan;
import org.the1studio.upm.core.publish.PublishReport;
import org.the1studio.upm.core.publish.SideEffect;

/** The human summaries printed at the end of {@code publish} and {@code plan}. */
final class Summary {
    private Summary() {}

    static void print(PublishReport report, PrintWriter out) {
        long published = count(report, Outcome.PUBLISHED);
        long would = count(report, Outcome.WOULD_PUBLISH);
        long skipped = count(report, Outcome.SKIPPED);
        long failed = count(report, Outcome.FAILED);
        String head = report.run().commit() == null ? "" : " at " + report.run().commit().substring(0, 10);
        out.printf("upm publish%s%s: %d package(s): %s in %.1fs%n", report.dryRun() ? " (dry run)" : "", head,
                report.packages().size(), report.dryRun() ? would + " would be published, " + skipped + " skipped, "
                        + failed + " failed" : published + " published, " + skipped + " skipped, " + failed + " failed",
                report.duration().toMillis() / 1000.0);
        if (report.packages().isEmpty()) {
            out.println("  nothing to publish: no package version changed in this range");
        }
        for (PackageOutcome p : report.packages()) {
            out.printf("  %-6s %s %s: %s%n", mark(p.outcome()), p.name(),
                    versions(p.oldVersion(), p.newVersion(), p.bump() == null ? "?" : p.bump().label()), p.reason());
        }
        for (String notice : report.notices()) {
            out.println("  note   " + notice);
        }
        for (SideEffect s : report.sideEffects()) {
            out.printf("  %-6s %s: %s%n", s.ok() ? "ok" : "WARN", s.kind(), s.detail());
        }
    }

    static void print(PublishPlan plan, PrintWriter out) {
        out.printf("upm plan: %d package(s) changed version%n", plan.packages().size());
        for (PackagePlan p : plan.packages()) {
            out.printf("  %-16s %s %s: %s%n", PlanCommand.describe(p), p.change().name(),
                    versions(p.change().oldVersion(), p.change().newVersion(), null), p.reason());
        }
        plan.notices().forEach(n -> out.println("  note             " + n));
    }

    /** {@code 1.0.0 -> 1.1.0 (minor)}, or {@code 1.0.0 (new package)} for a first release. */
    static String versions(String oldVersion, String newVersion, String bump) {
        if (oldVersion == null) {
            return newVersion + " (new package)";
        }
        return oldVersion + " -> " + newVersion + (bump == null ? "" : " (" + bump + ")");
    }

    static String planJson(PublishPlan plan) throws Exception {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.set("run", Json.MAPPER.valueToTree(plan.run()));
        ArrayNode packages = root.putArray("packages");
        for (PackagePlan p : plan.packages()) {
            ObjectNode n = packages.addObject();
            n.put("name", p.change().name());
            n.put("path", p.change().path());
            n.put("oldVersion", p.change().oldVersion());
            n.put("newVersion", p.change().newVersion());
            n.put("kind", p.change().kind().name().toLowerCase(Locale.ROOT));
            n.put("bump", p.bump().label());
            n.put("action", p.action().name().toLowerCase(Locale.ROOT));
            n.put("distTag", p.distTag());
            n.put("reason", p.reason());
        }
        ArrayNode notices = root.putArray("notices");
        plan.notices().forEach(notices::add);
        return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    private static long count(PublishReport r, Outcome o) {
        return r.packages().stream().filter(p -> p.outcome() == o).count();
    }

    private static String mark(Outcome o) {
        return switch (o) {
            case PUBLISHED -> "ok";
            case WOULD_PUBLISH -> "would";
            case SKIPPED -> "skip";
            case FAILED -> "FAIL";
        };
    }
}
