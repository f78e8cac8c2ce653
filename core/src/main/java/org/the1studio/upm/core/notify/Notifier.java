package org.the1studio.upm.core.notify;

import org.the1studio.upm.core.publish.PublishReport;
import org.the1studio.upm.core.publish.SideEffect;

/**
 * One place a run's result is announced (Discord, Slack, a signed JSON webhook).
 *
 * <p>A notification must never fail or repeat a publish, so {@link #send} never throws: whatever happens (network
 * down, rate limit, rejected payload) comes back as a {@link SideEffect} that the engine records in the report and the
 * audit log. The effect's detail names the receiving host at most, never the webhook URL, which is itself a secret.
 */
public interface Notifier {

    /** Short lower-case sink name ({@code discord}, {@code slack}, {@code webhook}); the side effect kind is {@code notify:<name>}. */
    String name();

    /**
     * Announces the run. Runs that found no package version change send nothing (unless
     * {@link NotifySettings#notifyOnSkip()} is set) and report {@code ok} with a detail saying so.
     *
     * @return {@code SideEffect("notify:" + name(), ok, detail)}; never {@code null}, never throws
     */
    SideEffect send(PublishReport report);
}
