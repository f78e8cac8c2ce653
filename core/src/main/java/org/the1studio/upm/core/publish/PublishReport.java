package org.the1studio.upm.core.publish;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a run did, package by package, plus its side effects; printed by the CLI, turned into a run page
 * by the plugin, sent to notifiers and written to the audit log.
 *
 * @param runId       unique id of the run (also in every audit record)
 * @param run         the run's context
 * @param dryRun      true when nothing was written
 * @param packages    one outcome per detected package
 * @param notices     things worth telling that are not outcomes (ignored package.json files, ...)
 * @param sideEffects changelog push and notification results
 * @param started     start time
 * @param duration    wall time of the whole run
 */
public record PublishReport(
        String runId,
        RunInfo run,
        boolean dryRun,
        List<PackageOutcome> packages,
        List<String> notices,
        List<SideEffect> sideEffects,
        Instant started,
        Duration duration) implements java.io.Serializable {

    public PublishReport {
        packages = List.copyOf(packages);
        notices = List.copyOf(notices);
        sideEffects = List.copyOf(sideEffects);
    }

    /** True when any package failed. */
    public boolean hasFailures() {
        return packages.stream().anyMatch(p -> p.outcome().isFailure());
    }

    /** True when a side effect (changelog push, notification) failed. */
    public boolean hasSideEffectFailures() {
        return sideEffects.stream().anyMatch(s -> !s.ok());
    }

    /** True when nothing was (or would be) published and nothing failed. */
    public boolean allSkipped() {
        return packages.stream().allMatch(p -> p.outcome() == Outcome.SKIPPED);
    }

    /** A copy with one more side effect. */
    public PublishReport withSideEffect(SideEffect effect) {
        List<SideEffect> all = new ArrayList<>(sideEffects);
        all.add(effect);
        return new PublishReport(runId, run, dryRun, packages, notices, all, started, duration);
    }

    /** Process exit code: 0 when everything succeeded or was skipped, 1 when any package failed. */
    public int exitCode() {
        return hasFailures() ? 1 : 0;
    }
}
