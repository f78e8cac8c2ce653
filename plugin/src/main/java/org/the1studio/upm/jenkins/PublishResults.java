package org.the1studio.upm.jenkins;

import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import java.io.PrintStream;
import java.util.stream.Collectors;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;

/** How a publish shows in the build: one log line per package (with a link to its registry page) and the result. */
final class PublishResults {
    private PublishResults() {}

    static void log(PublishSummary summary, TaskListener listener) throws IOException {
        PrintStream out = listener.getLogger();
        if (summary.getPackages().isEmpty()) {
            out.println("[upm] no package version changed: nothing to publish");
            return;
        }
        for (PackageRow row : summary.getPackages()) {
            out.print("[upm] " + row.getOutcome() + " ");
            if (row.getRegistryUrl() != null) {
                listener.hyperlink(row.getRegistryUrl(), row.getId());
            } else {
                out.print(row.getId());
            }
            out.println(" (" + row.getVersionChange() + "): " + row.getReason());
        }
        out.println("[upm] " + counts(summary) + (summary.isDryRun() ? " (dry run: nothing was written)" : ""));
    }

    /**
     * FAILURE when a package failed, UNSTABLE when only a side effect (changelog push, notification) failed. The step
     * does not throw: later stages still run, and the stage is marked in the pipeline views.
     */
    static void applyBuildResult(PublishSummary summary, Run<?, ?> run, FlowNode node, TaskListener listener) {
        Result result;
        String message;
        if (summary.hasFailures()) {
            result = Result.FAILURE;
            message = "UPM publish failed for " + summary.getPackages().stream().filter(PackageRow::isFailed)
                    .map(PackageRow::getId).collect(Collectors.joining(", "));
        } else if (summary.hasEffectFailures()) {
            result = Result.UNSTABLE;
            message = "UPM publish succeeded, but " + summary.getEffects().stream().filter(e -> !e.isOk())
                    .map(EffectRow::getKind).collect(Collectors.joining(", ")) + " failed";
        } else {
            return;
        }
        node.addOrReplaceAction(new WarningAction(result).withMessage(message));
        run.setResult(result);
        listener.getLogger().println("[upm] " + message + ": build result " + result);
    }

    private static String counts(PublishSummary summary) {
        long published = 0;
        long would = 0;
        long skipped = 0;
        long failed = 0;
        for (PackageRow row : summary.getPackages()) {
            switch (row.getOutcome()) {
                case "PUBLISHED" -> published++;
                case "WOULD_PUBLISH" -> would++;
                case "SKIPPED" -> skipped++;
                default -> failed++;
            }
        }
        return (summary.isDryRun() ? would + " would be published" : published + " published") + ", " + skipped
                + " skipped, " + failed + " failed";
    }
}
