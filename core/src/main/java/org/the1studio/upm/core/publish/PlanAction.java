package org.the1studio.upm.core.publish;

/** What the planner decided for one package, before anything is written. */
public enum PlanAction {
    /** Valid, new, greater than the highest published version of its line: publish it. */
    PUBLISH,
    /** The version is already on the registry with the same tarball shasum: nothing to do. */
    SKIP_IDENTICAL,
    /** The version is on the registry but its tarball differs from ours: a conflict the user must resolve. */
    CONFLICT,
    /** Lower than the highest published version of the same release line. */
    REJECT_ROLLBACK,
    /** The manifest failed validation. */
    INVALID,
    /** The registry could not be asked (down, auth refused): nothing can be decided safely. */
    REGISTRY_ERROR,
    /** Filtered out by the caller (e.g. a {@code packages} list). */
    NOT_SELECTED
}
