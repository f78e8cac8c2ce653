package org.the1studio.upm.pipeline.harness;

/**
 * What the {@code error} step throws: in Jenkins an {@code AbortException}, which fails the build with exactly this
 * message and no stack trace. Test handlers throw it too, to play a failing plugin step.
 */
public class PipelineError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PipelineError(String message) {
        super(message);
    }
}
