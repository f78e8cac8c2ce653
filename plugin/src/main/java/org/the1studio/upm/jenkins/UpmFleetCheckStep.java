package org.the1studio.upm.jenkins;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.the1studio.upm.core.secret.Secret;

/**
 * {@code upmFleetCheck}: the scheduled check of every repository of {@code repositories.json} (in the current
 * directory) against the registry, by core's fleet package. Writes {@code fleet-report.html/.json/.txt} and
 * {@code package-cache.json} next to it and returns the counts ({@code upToDate, unpublished, behind, invalid,
 * orphaned, problems, errors, repositories, summary}) and the file names ({@code html, json, text, cache}).
 *
 * <p>It does not change the build result: the caller decides what a problem means (the shared library marks the
 * build UNSTABLE).
 */
public class UpmFleetCheckStep extends Step {
    private String repositories = "repositories.json";
    private String registry;
    private String credentialsId;
    private String githubCredentialsId;
    private String githubApiUrl;
    private boolean notify = true;
    private boolean republish;

    @DataBoundConstructor
    public UpmFleetCheckStep() {
        // every argument is optional
    }

    public String getRepositories() {
        return repositories;
    }

    @DataBoundSetter
    public void setRepositories(String repositories) {
        String v = Util.fixEmptyAndTrim(repositories);
        this.repositories = v == null ? "repositories.json" : v;
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

    /** A Secret text token or a Username with password credential (such as a GitHub App) for the GitHub API. */
    public String getGithubCredentialsId() {
        return githubCredentialsId;
    }

    @DataBoundSetter
    public void setGithubCredentialsId(String githubCredentialsId) {
        this.githubCredentialsId = Util.fixEmptyAndTrim(githubCredentialsId);
    }

    /** GitHub Enterprise: {@code https://HOST/api/v3}; default {@code https://api.github.com}. */
    public String getGithubApiUrl() {
        return githubApiUrl;
    }

    @DataBoundSetter
    public void setGithubApiUrl(String githubApiUrl) {
        this.githubApiUrl = Util.fixEmptyAndTrim(githubApiUrl);
    }

    public boolean isNotify() {
        return notify;
    }

    @DataBoundSetter
    public void setNotify(boolean notify) {
        this.notify = notify;
    }

    public boolean isRepublish() {
        return republish;
    }

    @DataBoundSetter
    public void setRepublish(boolean republish) {
        this.republish = republish;
    }

    @Override
    public StepExecution start(StepContext context) throws Exception {
        return new Execution(this, context);
    }

    static final class Execution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
        private static final long serialVersionUID = 1L;
        private final transient UpmFleetCheckStep step;

        Execution(UpmFleetCheckStep step, StepContext context) {
            super(context);
            this.step = step;
        }

        @Override
        protected Map<String, Object> run() throws Exception {
            StepContext context = getContext();
            Run<?, ?> run = context.get(Run.class);
            TaskListener listener = context.get(TaskListener.class);
            UpmPublisherConfiguration config = UpmPublisherConfiguration.get();
            String registryValue = step.getRegistry() != null ? step.getRegistry() : config.getRegistryUrl();
            if (registryValue == null) {
                throw new AbortException("[upm] no registry: pass registry: to upmFleetCheck, or set the registry URL"
                        + " in Manage Jenkins > System > UPM Publisher");
            }
            String registry;
            try {
                registry = RegistryUrl.parse(registryValue, config.isAllowPublicRegistry());
            } catch (IllegalArgumentException e) {
                throw new AbortException("[upm] " + e.getMessage());
            }
            Secret registryToken = StepCredentials.secretText(run, listener,
                    step.getCredentialsId() != null ? step.getCredentialsId() : config.getCredentialsId(),
                    "registry token", step.isRepublish());
            if (step.isRepublish() && registryToken == null) {
                throw new AbortException("[upm] republish: true publishes, so it needs the registry token: select it in"
                        + " Manage Jenkins > System > UPM Publisher, or pass credentialsId: to upmFleetCheck");
            }
            Secret githubToken = githubToken(run, step.getGithubCredentialsId());
            Secret discord = step.isNotify() ? StepCredentials.secretText(run, listener,
                    config.getDiscordCredentialsId(), "Discord webhook", false) : null;
            FleetCallable check = new FleetCallable(step.getRepositories(), registry, registryToken,
                    step.getGithubApiUrl(), githubToken, discord, config.getDiscordThreadId(), listener);
            if (step.isRepublish()) {
                check.republishing(config.isAllowPublicRegistry(), StepEnv.buildUrl(context.get(EnvVars.class)));
            }
            return context.get(FilePath.class).act(check);
        }

        /** A Secret text, or the password of a Username with password credential (a GitHub App gives a token). */
        private static Secret githubToken(Run<?, ?> run, String id) throws AbortException {
            if (id == null) {
                return null;
            }
            StringCredentials text = CredentialsProvider.findCredentialById(id, StringCredentials.class, run);
            if (text != null) {
                CredentialsProvider.track(run, text);
                return Secret.ofNullable(text.getSecret().getPlainText());
            }
            StandardUsernamePasswordCredentials user =
                    CredentialsProvider.findCredentialById(id, StandardUsernamePasswordCredentials.class, run);
            if (user != null) {
                CredentialsProvider.track(run, user);
                return Secret.ofNullable(user.getPassword().getPlainText());
            }
            throw new AbortException("[upm] the GitHub credential '" + id + "' was not found: add a Secret text or a"
                    + " Username with password credential (e.g. the organization's GitHub App) with this id");
        }
    }

    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "upmFleetCheck";
        }

        @NonNull
        @Override
        public String getDisplayName() {
            return "Check every package repository against the registry (UPM fleet)";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, TaskListener.class, FilePath.class, EnvVars.class);
        }
    }
}
