package org.the1studio.upm.pipeline.harness;

/**
 * What happened to one declarative stage, as the stage view shows it.
 *
 * @param name   the stage name
 * @param status ran, failed, or skipped (by its {@code when} condition or because an earlier stage failed)
 * @param detail the failure message, or {@code null}
 */
public record StageRecord(String name, Status status, String detail) {

    /** The states a stage ends in. */
    public enum Status { RAN, FAILED, SKIPPED_BY_WHEN, SKIPPED_AFTER_FAILURE }

    /** True when the stage's steps ran (successfully or not). */
    public boolean ran() {
        return status == Status.RAN || status == Status.FAILED;
    }
}
