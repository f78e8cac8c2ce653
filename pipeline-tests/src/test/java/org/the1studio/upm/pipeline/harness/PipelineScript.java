package org.the1studio.upm.pipeline.harness;

import groovy.lang.MissingMethodException;
import groovy.lang.Script;
import org.codehaus.groovy.runtime.InvokerHelper;

/**
 * Base class of every library script the harness loads ({@code vars/*.groovy}): a method the script does not define
 * is a pipeline step, dispatched to the harness, as Jenkins' {@code CpsScript} dispatches it to the step
 * descriptors; a name with a {@code vars/NAME.groovy} runs that script's {@code call} first, as Jenkins' global
 * variables come before steps. Unknown steps fail like in Jenkins ({@code NoSuchMethodError: No such DSL method ...}).
 */
public abstract class PipelineScript extends Script {

    static final String HARNESS = "__upmHarness";

    @Override
    public Object invokeMethod(String name, Object args) {
        PipelineHarness.Execution run = (PipelineHarness.Execution) getBinding().getVariable(HARNESS);
        if (run.isLibraryVariable(name)) {
            // as in Jenkins, a vars/NAME.groovy hides a step of the same name
            return run.callVariable(name, InvokerHelper.asArray(args));
        }
        if (run.knowsStep(name)) {
            return run.step(name, InvokerHelper.asArray(args));
        }
        try {
            return super.invokeMethod(name, args);
        } catch (MissingMethodException e) {
            if (name.equals(e.getMethod())) {
                throw run.noSuchStep(name);
            }
            throw e;
        }
    }
}
