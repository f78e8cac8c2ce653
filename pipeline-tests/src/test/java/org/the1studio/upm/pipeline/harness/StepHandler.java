package org.the1studio.upm.pipeline.harness;

import groovy.lang.Closure;

/** What a stand-in step does when the library calls it; returns the step's return value. */
@FunctionalInterface
public interface StepHandler {

    /**
     * @param call the recorded call
     * @param body the block of a block-scoped step ({@code timeout(...) { ... }}), or {@code null}
     */
    Object handle(StepCall call, Closure<?> body) throws Exception;
}
