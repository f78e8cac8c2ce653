package org.the1studio.upm.jenkins;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import java.util.List;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;
import org.the1studio.upm.core.changelog.ChangelogMode;
import org.the1studio.upm.core.config.BranchRule;

/**
 * The studio-wide defaults of every UPM step (Manage Jenkins &gt; System &gt; UPM Publisher), so that a package
 * repository's pipeline needs no arguments at all. JCasC key: {@code unclassified: upmPublisher:}.
 *
 * <p>Only credential <em>ids</em> are stored here, never a secret: the steps resolve them in the context of the run
 * that uses them, so folder-scoped credentials work and every use is tracked.
 */
@Extension
@Symbol("upmPublisher")
public class UpmPublisherConfiguration extends GlobalConfiguration {
    static final String DEFAULT_CHANGELOG_MODE = "conventional";
    static final String DEFAULT_ALLOWED_BRANCHES = "main, master";
    static final String DEFAULT_AUDIT_FOLDER = "upm-audit";

    private String registryUrl;
    private String credentialsId;
    private String discordCredentialsId;
    private String discordThreadId;
    private String slackCredentialsId;
    private String webhookCredentialsId;
    private String webhookSecretCredentialsId;
    private String geminiCredentialsId;
    private String geminiModel;
    private String changelogMode;
    private String allowedBranches;
    private String auditFolder;
    private boolean allowPublicRegistry;

    public UpmPublisherConfiguration() {
        load();
    }

    /** The singleton instance. */
    public static UpmPublisherConfiguration get() {
        return ExtensionList.lookupSingleton(UpmPublisherConfiguration.class);
    }

    public String getRegistryUrl() {
        return registryUrl;
    }

    @DataBoundSetter
    public void setRegistryUrl(String registryUrl) {
        this.registryUrl = Util.fixEmptyAndTrim(registryUrl);
        save();
    }

    /** Id of the "Secret text" credential holding the registry token. */
    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
        save();
    }

    public String getDiscordCredentialsId() {
        return discordCredentialsId;
    }

    @DataBoundSetter
    public void setDiscordCredentialsId(String discordCredentialsId) {
        this.discordCredentialsId = Util.fixEmptyAndTrim(discordCredentialsId);
        save();
    }

    public String getDiscordThreadId() {
        return discordThreadId;
    }

    @DataBoundSetter
    public void setDiscordThreadId(String discordThreadId) {
        this.discordThreadId = Util.fixEmptyAndTrim(discordThreadId);
        save();
    }

    public String getSlackCredentialsId() {
        return slackCredentialsId;
    }

    @DataBoundSetter
    public void setSlackCredentialsId(String slackCredentialsId) {
        this.slackCredentialsId = Util.fixEmptyAndTrim(slackCredentialsId);
        save();
    }

    public String getWebhookCredentialsId() {
        return webhookCredentialsId;
    }

    @DataBoundSetter
    public void setWebhookCredentialsId(String webhookCredentialsId) {
        this.webhookCredentialsId = Util.fixEmptyAndTrim(webhookCredentialsId);
        save();
    }

    public String getWebhookSecretCredentialsId() {
        return webhookSecretCredentialsId;
    }

    @DataBoundSetter
    public void setWebhookSecretCredentialsId(String webhookSecretCredentialsId) {
        this.webhookSecretCredentialsId = Util.fixEmptyAndTrim(webhookSecretCredentialsId);
        save();
    }

    public String getGeminiCredentialsId() {
        return geminiCredentialsId;
    }

    @DataBoundSetter
    public void setGeminiCredentialsId(String geminiCredentialsId) {
        this.geminiCredentialsId = Util.fixEmptyAndTrim(geminiCredentialsId);
        save();
    }

    public String getGeminiModel() {
        return geminiModel;
    }

    @DataBoundSetter
    public void setGeminiModel(String geminiModel) {
        this.geminiModel = Util.fixEmptyAndTrim(geminiModel);
        save();
    }

    /** {@code ai}, {@code conventional} (default) or {@code off}. */
    public String getChangelogMode() {
        return changelogMode == null ? DEFAULT_CHANGELOG_MODE : changelogMode;
    }

    @DataBoundSetter
    public void setChangelogMode(String changelogMode) {
        this.changelogMode = Util.fixEmptyAndTrim(changelogMode);
        save();
    }

    /** Branch names (or globs such as {@code release/*}) that may publish, separated by commas or spaces. */
    public String getAllowedBranches() {
        return allowedBranches == null ? DEFAULT_ALLOWED_BRANCHES : allowedBranches;
    }

    @DataBoundSetter
    public void setAllowedBranches(String allowedBranches) {
        this.allowedBranches = Util.fixEmptyAndTrim(allowedBranches);
        save();
    }

    /** Workspace-relative folder of the JSON Lines audit records (archived with each build). */
    public String getAuditFolder() {
        return auditFolder == null ? DEFAULT_AUDIT_FOLDER : auditFolder;
    }

    @DataBoundSetter
    public void setAuditFolder(String auditFolder) {
        this.auditFolder = Util.fixEmptyAndTrim(auditFolder);
        save();
    }

    public boolean isAllowPublicRegistry() {
        return allowPublicRegistry;
    }

    @DataBoundSetter
    public void setAllowPublicRegistry(boolean allowPublicRegistry) {
        this.allowPublicRegistry = allowPublicRegistry;
        save();
    }

    // ---- form validation: every endpoint is POST-only and needs Overall/Administer, like the page itself ----

    @POST
    public FormValidation doCheckRegistryUrl(@QueryParameter String value, @QueryParameter boolean allowPublicRegistry) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        if (Util.fixEmptyAndTrim(value) == null) {
            return FormValidation.warning("No default registry: every upmPublishPackages call must then pass registry:");
        }
        try {
            RegistryUrl.parse(value, allowPublicRegistry);
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    @POST
    public FormValidation doCheckCredentialsId(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        if (Util.fixEmptyAndTrim(value) == null) {
            return FormValidation.warning("Without a registry token only dry runs work (unless a step passes credentialsId:)");
        }
        return checkSecretText(value);
    }

    @POST
    public FormValidation doCheckDiscordCredentialsId(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return checkSecretText(value);
    }

    @POST
    public FormValidation doCheckSlackCredentialsId(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return checkSecretText(value);
    }

    @POST
    public FormValidation doCheckWebhookCredentialsId(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return checkSecretText(value);
    }

    @POST
    public FormValidation doCheckWebhookSecretCredentialsId(@QueryParameter String value,
            @QueryParameter String webhookCredentialsId) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        if (Util.fixEmptyAndTrim(value) != null && Util.fixEmptyAndTrim(webhookCredentialsId) == null) {
            return FormValidation.warning("A signing secret without a webhook URL is not used");
        }
        return checkSecretText(value);
    }

    @POST
    public FormValidation doCheckGeminiCredentialsId(@QueryParameter String value, @QueryParameter String changelogMode) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        if (Util.fixEmptyAndTrim(value) == null && "ai".equalsIgnoreCase(Util.fixEmptyAndTrim(changelogMode))) {
            return FormValidation.warning("Changelog mode is ai but there is no Gemini key: entries will be conventional");
        }
        return checkSecretText(value);
    }

    @POST
    public FormValidation doCheckDiscordThreadId(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        String v = Util.fixEmptyAndTrim(value);
        if (v != null && !v.matches("\\d{1,20}")) {
            return FormValidation.error("A Discord thread id is a number (right-click the thread > Copy Thread ID)");
        }
        return FormValidation.ok();
    }

    @POST
    public FormValidation doCheckAllowedBranches(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        if (BranchRule.parse(value).isEmpty()) {
            return FormValidation.warning("No branch may publish: every build runs as a dry run");
        }
        return FormValidation.ok();
    }

    @POST
    public FormValidation doCheckAuditFolder(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        try {
            AuditFolder.check(value);
            return FormValidation.ok();
        } catch (IllegalArgumentException e) {
            return FormValidation.error(e.getMessage());
        }
    }

    @POST
    public ListBoxModel doFillChangelogModeItems() {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        ListBoxModel items = new ListBoxModel();
        for (ChangelogMode mode : ChangelogMode.values()) {
            String value = mode.name().toLowerCase(java.util.Locale.ROOT);
            items.add(new ListBoxModel.Option(value, value, value.equals(getChangelogMode())));
        }
        return items;
    }

    @POST
    public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
        return secretTextItems(credentialsId);
    }

    @POST
    public ListBoxModel doFillDiscordCredentialsIdItems(@QueryParameter String discordCredentialsId) {
        return secretTextItems(discordCredentialsId);
    }

    @POST
    public ListBoxModel doFillSlackCredentialsIdItems(@QueryParameter String slackCredentialsId) {
        return secretTextItems(slackCredentialsId);
    }

    @POST
    public ListBoxModel doFillWebhookCredentialsIdItems(@QueryParameter String webhookCredentialsId) {
        return secretTextItems(webhookCredentialsId);
    }

    @POST
    public ListBoxModel doFillWebhookSecretCredentialsIdItems(@QueryParameter String webhookSecretCredentialsId) {
        return secretTextItems(webhookSecretCredentialsId);
    }

    @POST
    public ListBoxModel doFillGeminiCredentialsIdItems(@QueryParameter String geminiCredentialsId) {
        return secretTextItems(geminiCredentialsId);
    }

    /** Secret text credentials of the Jenkins scope; a user without Administer only gets the current value back. */
    private static ListBoxModel secretTextItems(String value) {
        String current = value == null ? "" : value;
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            return new StandardListBoxModel().includeCurrentValue(current);
        }
        return new StandardListBoxModel()
                .includeEmptyValue()
                .includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), StringCredentials.class, List.<DomainRequirement>of(),
                        CredentialsMatchers.always())
                .includeCurrentValue(current);
    }

    private static FormValidation checkSecretText(String id) {
        String v = Util.fixEmptyAndTrim(id);
        if (v == null) {
            return FormValidation.ok();
        }
        List<StringCredentials> all = CredentialsProvider.lookupCredentialsInItemGroup(StringCredentials.class,
                Jenkins.get(), ACL.SYSTEM2, List.<DomainRequirement>of());
        if (CredentialsMatchers.firstOrNull(all, CredentialsMatchers.withId(v)) == null) {
            return FormValidation.warning("No global Secret text credential with id '" + v
                    + "' (fine if it lives in the folder of the jobs that use it)");
        }
        return FormValidation.ok();
    }
}
