package org.the1studio.upm.jenkins;

import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.EnvVars;
import hudson.Extension;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.the1studio.upm.core.notify.NotifySettings;
import org.the1studio.upm.core.publish.SideEffect;
import org.the1studio.upm.core.secret.Secret;

/**
 * {@code upmNotify(status: 'FAILURE', message: '...')}: one message on the configured Discord webhook, for what the
 * publish engine cannot report itself (a build that failed before {@code upmPublishPackages} ran, a fleet job).
 * Runs on the controller, needs no workspace, and never fails the build: it returns {@code [sent: ..., detail: ...]}.
 */
public class UpmNotifyStep extends Step {
    private final String message;
    private String status = "FAILURE";

    @DataBoundConstructor
    public UpmNotifyStep(String message) {
        this.message = message;
    }

    public String getMessage() {
        return message;
    }

    /** {@code SUCCESS}, {@code UNSTABLE} or {@code FAILURE} (default): anything but SUCCESS is shown red. */
    public String getStatus() {
        return status;
    }

    @DataBoundSetter
    public void setStatus(String status) {
        String s = Util.fixEmptyAndTrim(status);
        this.status = s == null ? "FAILURE" : s.toUpperCase(Locale.ROOT);
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(this, context);
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient UpmNotifyStep step;

        Execution(UpmNotifyStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            StepContext context = getContext();
            Run<?, ?> run = context.get(Run.class);
            TaskListener listener = context.get(TaskListener.class);
            PrintStream out = listener.getLogger();
            UpmPublisherConfiguration config = UpmPublisherConfiguration.get();
            Map<String, Object> result = new LinkedHashMap<>();
            Secret webhook = StepCredentials.secretText(run, listener, config.getDiscordCredentialsId(),
                    "Discord webhook", false);
            if (webhook == null) {
                out.println("[upm] no Discord webhook configured (UPM Publisher > Discord webhook): nothing sent");
                result.put("sent", false);
                result.put("detail", "no Discord webhook configured");
                return result;
            }
            String buildUrl = StepEnv.buildUrl(context.get(EnvVars.class));
            String body = (step.getMessage() == null ? "" : step.getMessage()) + (buildUrl == null ? "" : "\n" + buildUrl);
            NotifySettings settings = NotifySettings.of(webhook, config.getDiscordThreadId(), null, null, null);
            SideEffect effect = settings.discord().orElseThrow().sendSummary(
                    run.getFullDisplayName() + ": " + step.getStatus(), body, !"SUCCESS".equals(step.getStatus()));
            out.println(effect.ok() ? "[upm] notified discord" : "[upm] WARNING: the Discord notification failed: "
                    + effect.detail());
            result.put("sent", effect.ok());
            result.put("detail", effect.detail());
            return result;
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "upmNotify";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Post a message to the UPM Discord channel";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, EnvVars.class);
        }
    }
}
