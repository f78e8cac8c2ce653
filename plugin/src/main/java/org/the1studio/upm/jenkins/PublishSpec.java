package org.the1studio.upm.jenkins;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import org.the1studio.upm.core.changelog.ChangelogMode;
import org.the1studio.upm.core.config.BranchRule;
import org.the1studio.upm.core.notify.NotifySettings;
import org.the1studio.upm.core.publish.PublishRequest;
import org.the1studio.upm.core.secret.Secret;

/**
 * Everything {@code upmPublishPackages} hands to the agent: the step's arguments over the global configuration,
 * the build's environment, and the credentials resolved on the controller as core {@link Secret}s (which never
 * print). Only {@link #toRequest} on the agent turns it into core's {@link PublishRequest}, whose {@code Path} does
 * not travel.
 *
 * <p>It lives only for the duration of the call (never in the pipeline's saved state), so the secrets are never
 * written to disk.
 */
final class PublishSpec implements Serializable {
    private static final long serialVersionUID = 1L;

    String base;
    String head;
    String registry;
    Secret token;
    String tokenSource;
    boolean dryRun;
    ArrayList<String> packages = new ArrayList<>();
    String changelogMode;
    boolean commitChangelog;
    Secret geminiKey;
    String geminiModel;
    String auditFolder;
    boolean allowPublicRegistry;
    String branch;
    String buildUrl;
    String gitUsername;
    Secret gitToken;
    boolean notify;
    Secret discordWebhook;
    String discordThreadId;
    Secret slackWebhook;
    Secret webhookUrl;
    Secret webhookSecret;

    private PublishSpec() {}

    /**
     * Resolves the step's arguments on the controller. User errors (no registry, unknown changelog mode, a missing
     * registry token) stop the step with an {@link AbortException} that says what to set.
     */
    static PublishSpec resolve(UpmPublishPackagesStep step, UpmPublisherConfiguration config, EnvVars env,
            Run<?, ?> run, TaskListener listener) throws AbortException {
        PublishSpec s = new PublishSpec();
        s.allowPublicRegistry = config.isAllowPublicRegistry();
        String registry = Util.fixEmptyAndTrim(step.getRegistry()) != null ? step.getRegistry() : config.getRegistryUrl();
        if (Util.fixEmptyAndTrim(registry) == null) {
            throw new AbortException("[upm] no registry: pass registry: 'https://npm.yourstudio.com/' to"
                    + " upmPublishPackages, or set the registry URL in Manage Jenkins > System > UPM Publisher");
        }
        try {
            s.registry = RegistryUrl.parse(registry, s.allowPublicRegistry);
            s.changelogMode = ChangelogMode.parse(Util.fixEmptyAndTrim(step.getChangelog()) != null
                    ? step.getChangelog() : config.getChangelogMode()).name();
            s.auditFolder = AuditFolder.check(config.getAuditFolder());
        } catch (IllegalArgumentException e) {
            throw new AbortException("[upm] " + e.getMessage());
        }
        s.base = StepEnv.base(step.getBase(), env);
        s.head = Util.fixEmptyAndTrim(step.getHead());
        s.branch = StepEnv.branch(env);
        s.buildUrl = StepEnv.buildUrl(env);
        s.dryRun = step.isDryRun() || !branchMayPublish(s.branch, config, listener, step.isDryRun());
        if (step.getPackages() != null) {
            s.packages.addAll(step.getPackages());
        }
        s.commitChangelog = step.isCommitChangelog();
        s.notify = step.isNotify();

        String tokenId = Util.fixEmptyAndTrim(step.getCredentialsId()) != null ? step.getCredentialsId()
                : config.getCredentialsId();
        s.token = StepCredentials.secretText(run, listener, tokenId, "registry token", !s.dryRun);
        // named in core's authentication hints ("check the token in ...", "no registry token was given: set ...")
        s.tokenSource = Util.fixEmptyAndTrim(tokenId) == null
                ? "a Secret text credential (UPM Publisher > Registry token, or credentialsId: of upmPublishPackages)"
                : "the Jenkins Secret text credential '" + tokenId.strip() + "'";
        if (s.token == null && !s.dryRun) {
            throw new AbortException("[upm] no registry token: select a Secret text credential as the registry token in"
                    + " Manage Jenkins > System > UPM Publisher, or pass credentialsId: to upmPublishPackages"
                    + " (or use dryRun: true)");
        }
        ChangelogMode mode = ChangelogMode.valueOf(s.changelogMode);
        if (mode == ChangelogMode.AI) {
            s.geminiKey = StepCredentials.secretText(run, listener, config.getGeminiCredentialsId(), "Gemini API key", false);
        }
        s.geminiModel = config.getGeminiModel();
        StepCredentials.UserToken git = StepCredentials.usernamePassword(run, listener, step.getGitCredentialsId());
        if (git != null) {
            s.gitUsername = git.username();
            s.gitToken = git.token();
        }
        if (s.notify && !s.dryRun) {
            s.discordWebhook = StepCredentials.secretText(run, listener, config.getDiscordCredentialsId(), "Discord webhook", false);
            s.discordThreadId = config.getDiscordThreadId();
            s.slackWebhook = StepCredentials.secretText(run, listener, config.getSlackCredentialsId(), "Slack webhook", false);
            s.webhookUrl = StepCredentials.secretText(run, listener, config.getWebhookCredentialsId(), "webhook URL", false);
            s.webhookSecret = StepCredentials.secretText(run, listener, config.getWebhookSecretCredentialsId(),
                    "webhook signing secret", false);
        }
        return s;
    }

    /** Only the allowed branches publish; any other branch (a pull request, a feature branch) runs as a dry run. */
    private static boolean branchMayPublish(String branch, UpmPublisherConfiguration config, TaskListener listener,
            boolean dryRunAnyway) {
        if (dryRunAnyway) {
            return true;
        }
        if (branch == null) {
            listener.getLogger().println("[upm] the branch is unknown (no BRANCH_NAME or GIT_BRANCH): the allowed"
                    + " branches (" + config.getAllowedBranches() + ") are not checked");
            return true;
        }
        if (BranchRule.allows(config.getAllowedBranches(), branch)) {
            return true;
        }
        listener.getLogger().println("[upm] branch " + branch + " may not publish (allowed: "
                + config.getAllowedBranches() + "): this is a dry run");
        return false;
    }

    /** Core's request for the work tree at {@code root}; called on the agent. */
    PublishRequest toRequest(Path root) {
        return PublishRequest.builder(root)
                .base(base).head(head)
                .registry(URI.create(registry)).token(token).tokenSource(tokenSource).allowPublicRegistry(allowPublicRegistry)
                .dryRun(dryRun).packages(packages)
                .changelogMode(ChangelogMode.valueOf(changelogMode)).commitChangelog(commitChangelog)
                .geminiKey(geminiKey).geminiModel(geminiModel)
                .auditDir(Path.of(auditFolder))
                .branch(branch).buildUrl(buildUrl)
                .gitUsername(gitUsername).gitToken(gitToken)
                .build();
    }

    /** The notification sinks that have a credential; none when notifications are off or this is a dry run. */
    NotifySettings notifySettings() {
        return new NotifySettings(discordWebhook, discordThreadId, slackWebhook, webhookUrl, webhookSecret,
                Duration.ofSeconds(15), 4);
    }

    boolean notifyEnabled() {
        return notify && !dryRun;
    }
}
