package org.the1studio.upm.core.publish;

/** The final result for one package. */
public enum Outcome {
    PUBLISHED,
    /** Dry run: this would have been published. */
    WOULD_PUBLISH,
    SKIPPED,
    FAILED;

    /** True for outcomes that make the run fail (exit code 1, build FAILURE). */
    public boolean isFailure() {
        return this == FAILED;
    }
}
