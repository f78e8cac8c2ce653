package org.the1studio.upm.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import hudson.model.User;
import hudson.security.ACL;
import hudson.security.ACLContext;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import jenkins.model.Jenkins;
import org.htmlunit.Page;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.MockAuthorizationStrategy;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.springframework.security.access.AccessDeniedException;

/** The global configuration: saved through the real form, checked as typed, and closed to non-administrators. */
@WithJenkins
class UpmPublisherConfigurationTest {

    @Test
    void everyFieldSurvivesTheConfigurationForm(JenkinsRule j) throws Exception {
        for (String id : new String[] {"npm-token", "discord", "slack", "hook", "hook-secret", "gemini"}) {
            addSecretText(id, "value-of-" + id);
        }
        UpmPublisherConfiguration c = UpmPublisherConfiguration.get();
        c.setRegistryUrl("https://npm.example.com/");
        c.setCredentialsId("npm-token");
        c.setDiscordCredentialsId("discord");
        c.setDiscordThreadId("123456789012345678");
        c.setSlackCredentialsId("slack");
        c.setWebhookCredentialsId("hook");
        c.setWebhookSecretCredentialsId("hook-secret");
        c.setGeminiCredentialsId("gemini");
        c.setGeminiModel("gemini-2.5-pro");
        c.setChangelogMode("ai");
        c.setAllowedBranches("main, release/*");
        c.setAuditFolder("records/upm");
        c.setAllowPublicRegistry(true);

        j.configRoundtrip();

        UpmPublisherConfiguration after = UpmPublisherConfiguration.get();
        assertThat(after.getRegistryUrl()).isEqualTo("https://npm.example.com/");
        assertThat(after.getCredentialsId()).isEqualTo("npm-token");
        assertThat(after.getDiscordCredentialsId()).isEqualTo("discord");
        assertThat(after.getDiscordThreadId()).isEqualTo("123456789012345678");
        assertThat(after.getSlackCredentialsId()).isEqualTo("slack");
        assertThat(after.getWebhookCredentialsId()).isEqualTo("hook");
        assertThat(after.getWebhookSecretCredentialsId()).isEqualTo("hook-secret");
        assertThat(after.getGeminiCredentialsId()).isEqualTo("gemini");
        assertThat(after.getGeminiModel()).isEqualTo("gemini-2.5-pro");
        assertThat(after.getChangelogMode()).isEqualTo("ai");
        assertThat(after.getAllowedBranches()).isEqualTo("main, release/*");
        assertThat(after.getAuditFolder()).isEqualTo("records/upm");
        assertThat(after.isAllowPublicRegistry()).isTrue();
    }

    @Test
    void defaultsAreTheDocumentedOnes(JenkinsRule j) {
        UpmPublisherConfiguration c = UpmPublisherConfiguration.get();
        assertThat(c.getRegistryUrl()).isNull();
        assertThat(c.getChangelogMode()).isEqualTo("conventional");
        assertThat(c.getAllowedBranches()).isEqualTo("main, master");
        assertThat(c.getAuditFolder()).isEqualTo("upm-audit");
        assertThat(c.isAllowPublicRegistry()).isFalse();
    }

    @Test
    void fieldsAreCheckedAsTyped(JenkinsRule j) {
        addSecretText("npm-token", "abc");
        UpmPublisherConfiguration c = UpmPublisherConfiguration.get();

        assertThat(c.doCheckRegistryUrl("https://npm.example.com", false).kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(c.doCheckRegistryUrl("", false).kind).isEqualTo(FormValidation.Kind.WARNING);
        FormValidation ftp = c.doCheckRegistryUrl("ftp://npm.example.com/", false);
        assertThat(ftp.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(ftp.getMessage()).contains("http(s) URL");
        FormValidation withUser = c.doCheckRegistryUrl("https://bob:hunter2@npm.example.com/", false);
        assertThat(withUser.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(withUser.getMessage()).contains("must not contain credentials").doesNotContain("hunter2");
        FormValidation npm = c.doCheckRegistryUrl("https://registry.npmjs.org/", false);
        assertThat(npm.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(npm.getMessage()).contains("public npm registry");
        assertThat(c.doCheckRegistryUrl("https://registry.npmjs.org/", true).kind).isEqualTo(FormValidation.Kind.OK);

        assertThat(c.doCheckCredentialsId("npm-token").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(c.doCheckCredentialsId("nope").kind).isEqualTo(FormValidation.Kind.WARNING);
        assertThat(c.doCheckCredentialsId("").kind).isEqualTo(FormValidation.Kind.WARNING);
        assertThat(c.doCheckDiscordCredentialsId("").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(c.doCheckGeminiCredentialsId("", "ai").kind).isEqualTo(FormValidation.Kind.WARNING);
        assertThat(c.doCheckWebhookSecretCredentialsId("npm-token", "").kind).isEqualTo(FormValidation.Kind.WARNING);

        assertThat(c.doCheckDiscordThreadId("123456789012345678").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(c.doCheckDiscordThreadId("general").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(c.doCheckAllowedBranches(" , ").kind).isEqualTo(FormValidation.Kind.WARNING);
        assertThat(c.doCheckAllowedBranches("main").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(c.doCheckAuditFolder("upm-audit").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(c.doCheckAuditFolder("../outside").kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(c.doCheckAuditFolder("/var/audit").kind).isEqualTo(FormValidation.Kind.ERROR);

        ListBoxModel modes = c.doFillChangelogModeItems();
        assertThat(modes).extracting(o -> o.value).containsExactly("ai", "conventional", "off");
        ListBoxModel tokens = c.doFillCredentialsIdItems("");
        assertThat(tokens).extracting(o -> o.value).contains("", "npm-token");
    }

    @Test
    void onlyAdministratorsMayValidateOrListCredentials(JenkinsRule j) {
        addSecretText("npm-token", "abc");
        addSecretText("other-token", "def");
        j.jenkins.setSecurityRealm(j.createDummySecurityRealm());
        j.jenkins.setAuthorizationStrategy(new MockAuthorizationStrategy()
                .grant(Jenkins.ADMINISTER).everywhere().to("admin")
                .grant(Jenkins.READ).everywhere().to("reader"));
        UpmPublisherConfiguration c = UpmPublisherConfiguration.get();

        try (ACLContext ignored = ACL.as2(User.getById("reader", true).impersonate2())) {
            assertThatThrownBy(() -> c.doCheckRegistryUrl("https://npm.example.com/", false))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> c.doCheckCredentialsId("npm-token")).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> c.doCheckAuditFolder("x")).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(c::doFillChangelogModeItems).isInstanceOf(AccessDeniedException.class);
            // a non-administrator learns nothing about the stored credentials: only the value they sent comes back
            assertThat(c.doFillCredentialsIdItems("npm-token")).extracting(o -> o.value).containsExactly("npm-token");
        }
        try (ACLContext ignored = ACL.as2(User.getById("admin", true).impersonate2())) {
            assertThat(c.doFillCredentialsIdItems("")).extracting(o -> o.value)
                    .contains("npm-token", "other-token");
        }
    }

    @Test
    void validationEndpointsRefuseGet(JenkinsRule j) throws Exception {
        JenkinsRule.WebClient wc = j.createWebClient();
        wc.getOptions().setThrowExceptionOnFailingStatusCode(false);
        Page page = wc.goTo("descriptorByName/" + UpmPublisherConfiguration.class.getName()
                + "/checkRegistryUrl?value=https://npm.example.com/", null);
        // Stapler's @POST (HttpVerbInterceptor) cancels the dispatch of a GET, which then ends as 404 Not Found
        // (a 405 would come from Jenkins' @RequirePOST instead): either way the check does not run.
        assertThat(page.getWebResponse().getStatusCode()).isIn(404, 405);
    }

    private static void addSecretText(String id, String value) {
        SystemCredentialsProvider.getInstance().getCredentials()
                .add(new StringCredentialsImpl(CredentialsScope.GLOBAL, id, "test " + id, Secret.fromString(value)));
    }
}
