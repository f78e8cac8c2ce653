package org.the1studio.upm.pipeline.harness;

/** Jenkins' {@code hudson.model.Result}, ordered from best to worst; a build's result can only get worse. */
public enum Result {
    SUCCESS, UNSTABLE, FAILURE, NOT_BUILT, ABORTED;

    /** The worse of the two, as {@code Run.setResult} keeps it. */
    public Result combine(Result other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
