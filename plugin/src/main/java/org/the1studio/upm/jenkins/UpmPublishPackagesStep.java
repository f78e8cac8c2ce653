package org.the1studio.upm.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * {@code upmPublishPackages}: the whole publish of core's engine for the git checkout in the current directory.
 * Every argument is optional; the global UPM Publisher configuration supplies the rest.
 *
 * <p>Returns one map per package (see {@link PackageRow#toMap()}); sets the build result to FAILURE when a package
 * failed and to UNSTABLE when only the changelog push or a notification failed, and carries on either way so that
 * later stages (archiving, notifying) still run.
 */
public class UpmPublishPackagesStep extends Step {
    private String registry;
    private String credentialsId;
    private boolean dryRun;
    private String changelog;
    private List<String> packages;
    private String base;
    private String head;
    private String gitCredentialsId;
    private boolean commitChangelog = true;
    private boolean notify = true;

    @DataBoundConstructor
    public UpmPublishPackagesStep() {
        // every argument is optional
    }

    public String getRegistry() {
        return registry;
    }

    @DataBoundSetter
    public void setRegistry(String registry) {
        this.registry = Util.fixEmptyAndTrim(registry);
    }

    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
    }

    public boolean isDryRun() {
        return dryRun;
    }

    @DataBoundSetter
    public void setDryRun(boolean dryRun) {
        this.dryRun = dryRun;
    }

    /** {@code ai}, {@code conventional} or {@code off}; {@code null}: the global setting. */
    public String getChangelog() {
        return changelog;
    }

    @DataBoundSetter
    public void setChangelog(String changelog) {
        this.changelog = Util.fixEmptyAndTrim(changelog);
    }

    /** Only these package names ({@code null} or empty: every detected package). */
    public List<String> getPackages() {
        return packages == null ? null : new ArrayList<>(packages);
    }

    @DataBoundSetter
    public void setPackages(List<String> packages) {
        this.packages = packages == null || packages.isEmpty() ? null : new ArrayList<>(packages);
    }

    public String getBase() {
        return base;
    }

    @DataBoundSetter
    public void setBase(String base) {
        this.base = Util.fixEmptyAndTrim(base);
    }

    public String getHead() {
        return head;
    }

    @DataBoundSetter
    public void setHead(String head) {
        this.head = Util.fixEmptyAndTrim(head);
    }

    public String getGitCredentialsId() {
        return gitCredentialsId;
    }

    @DataBoundSetter
    public void setGitCredentialsId(String gitCredentialsId) {
        this.gitCredentialsId = Util.fixEmptyAndTrim(gitCredentialsId);
    }

    public boolean isCommitChangelog() {
        return commitChangelog;
    }

    @DataBoundSetter
    public void setCommitChangelog(boolean commitChangelog) {
        this.commitChangelog = commitChangelog;
    }

    public boolean isNotify() {
        return notify;
    }

    @DataBoundSetter
    public void setNotify(boolean notify) {
        this.notify = notify;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(this, context);
    }

    /** Runs the publish off the CPS thread; the work itself happens on the agent. */
    static final class Execution extends SynchronousNonBlockingStepExecution<List<Map<String, Object>>> {
        private static final long serialVersionUID = 1L;
        private final transient UpmPublishPackagesStep step;

        Execution(UpmPublishPackagesStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected List<Map<String, Object>> run() throws Exception {
            StepContext context = getContext();
            Run<?, ?> run = context.get(Run.class);
            TaskListener listener = context.get(TaskListener.class);
            FilePath workspace = context.get(FilePath.class);
            PublishSpec spec = PublishSpec.resolve(step, UpmPublisherConfiguration.get(), context.get(EnvVars.class),
                    run, listener);
            PublishSummary summary = workspace.act(new PublishCallable(spec, listener));
            summary.setAuditArtifact(AuditArchive.archive(run, workspace, context.get(Launcher.class), listener,
                    summary.getAuditFile()));
            UpmPublishAction.record(run, summary);
            PublishResults.log(summary, listener);
            PublishResults.applyBuildResult(summary, run, context.get(FlowNode.class), listener);
            return summary.toStepResult();
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "upmPublishPackages";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Publish the Unity packages whose version changed (UPM)";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FilePath.class, EnvVars.class, Launcher.class, FlowNode.class);
        }

        @Override
        public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
            Object packages = namedArgs.get("packages");
            Object dry = namedArgs.get("dryRun");
            String label = packages instanceof List<?> list && !list.isEmpty() ? String.valueOf(list) : "changed packages";
            return Boolean.TRUE.equals(dry) ? label + " (dry run)" : label;
        }
    }
}
