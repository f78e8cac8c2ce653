package org.the1studio.upm.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.TaskListener;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code upmDetectChanges}: which Unity packages changed version between two commits of the checkout in the current
 * directory. Writes nothing and needs no credentials; a pipeline uses it to skip the publish stages when nothing
 * changed. Returns one map per package: {@code name, path, oldPath, oldVersion, newVersion, kind, manifestPath}.
 */
public class UpmDetectChangesStep extends Step {
    private String base;
    private String head;

    @DataBoundConstructor
    public UpmDetectChangesStep() {
        // both arguments are optional
    }

    /** The base revision; default: {@code GIT_PREVIOUS_SUCCESSFUL_COMMIT}, else {@code HEAD~1}. */
    public String getBase() {
        return base;
    }

    @DataBoundSetter
    public void setBase(String base) {
        this.base = Util.fixEmptyAndTrim(base);
    }

    /** The head revision; default {@code HEAD}. */
    public String getHead() {
        return head;
    }

    @DataBoundSetter
    public void setHead(String head) {
        this.head = Util.fixEmptyAndTrim(head);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(this, context);
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<List<Map<String, Object>>> {
        private static final long serialVersionUID = 1L;
        private final transient UpmDetectChangesStep step;

        Execution(UpmDetectChangesStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected List<Map<String, Object>> run() throws Exception {
            StepContext context = getContext();
            String base = StepEnv.base(step.getBase(), context.get(EnvVars.class));
            return context.get(FilePath.class).act(new DetectCallable(base, step.getHead(), context.get(TaskListener.class)));
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "upmDetectChanges";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "List the Unity packages whose version changed (UPM)";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(TaskListener.class, FilePath.class, EnvVars.class);
        }
    }
}
