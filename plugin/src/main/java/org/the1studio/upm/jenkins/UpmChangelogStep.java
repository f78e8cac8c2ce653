package org.the1studio.upm.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.the1studio.upm.core.changelog.ChangelogMode;
import org.the1studio.upm.core.secret.Secret;

/**
 * {@code upmChangelog(package: 'com.acme.tools')}: the Keep a Changelog entry of a package version, written by core's
 * changelog service from the package's commits. Returns it ({@code version, date, markdown, fallbackReason, file,
 * changed}); with {@code write: true} also merges it into the package's {@code CHANGELOG.md} (idempotent).
 *
 * <p>{@code upmPublishPackages} already writes the entry of every version it publishes; this step is for previews
 * (a pull request's "what will the changelog say") and for repositories that publish another way.
 */
public class UpmChangelogStep extends Step {
    private String packageName;
    private String version;
    private String since;
    private String mode;
    private boolean write;

    @DataBoundConstructor
    public UpmChangelogStep() {
        // "package" is a Java keyword, so the required argument is a setter and is checked when the step starts
    }

    /** The package name, e.g. {@code com.acme.tools} (argument {@code package:}). */
    public String getPackage() {
        return packageName;
    }

    @DataBoundSetter
    public void setPackage(String packageName) {
        this.packageName = Util.fixEmptyAndTrim(packageName);
    }

    /** The version of the entry; default: the manifest's version. */
    public String getVersion() {
        return version;
    }

    @DataBoundSetter
    public void setVersion(String version) {
        this.version = Util.fixEmptyAndTrim(version);
    }

    /** The previous version: the entry covers the commits after the one that set it; default: all commits. */
    public String getSince() {
        return since;
    }

    @DataBoundSetter
    public void setSince(String since) {
        this.since = Util.fixEmptyAndTrim(since);
    }

    /** {@code ai} or {@code conventional}; default: the global changelog mode. */
    public String getMode() {
        return mode;
    }

    @DataBoundSetter
    public void setMode(String mode) {
        this.mode = Util.fixEmptyAndTrim(mode);
    }

    public boolean isWrite() {
        return write;
    }

    @DataBoundSetter
    public void setWrite(boolean write) {
        this.write = write;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(this, context);
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient UpmChangelogStep step;

        Execution(UpmChangelogStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            if (step.getPackage() == null) {
                throw new AbortException("[upm] upmChangelog needs the package name: upmChangelog(package: 'com.acme.tools')");
            }
            StepContext context = getContext();
            UpmPublisherConfiguration config = UpmPublisherConfiguration.get();
            ChangelogMode mode;
            try {
                mode = ChangelogMode.parse(step.getMode() != null ? step.getMode() : config.getChangelogMode());
            } catch (IllegalArgumentException e) {
                throw new AbortException("[upm] " + e.getMessage());
            }
            if (mode == ChangelogMode.OFF) {
                throw new AbortException("[upm] the changelog mode is off: pass mode: 'conventional' or mode: 'ai'");
            }
            TaskListener listener = context.get(TaskListener.class);
            Secret key = mode == ChangelogMode.AI ? StepCredentials.secretText(context.get(Run.class), listener,
                    config.getGeminiCredentialsId(), "Gemini API key", false) : null;
            return context.get(FilePath.class).act(new ChangelogCallable(step.getPackage(), step.getVersion(),
                    step.getSince(), mode, key, config.getGeminiModel(), step.isWrite(), listener));
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "upmChangelog";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Write or preview a Unity package's changelog entry (UPM)";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FilePath.class);
        }

        @Override
        public String argumentsToString(@NonNull Map<String, Object> namedArgs) {
            Object name = namedArgs.get("package");
            Object version = namedArgs.get("version");
            return name == null ? null : version == null ? String.valueOf(name) : name + "@" + version;
        }
    }
}
