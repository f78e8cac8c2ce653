package org.the1studio.upm.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.casc.ConfigurationContext;
import io.jenkins.plugins.casc.ConfiguratorRegistry;
import io.jenkins.plugins.casc.misc.ConfiguredWithCode;
import io.jenkins.plugins.casc.misc.JenkinsConfiguredWithCodeRule;
import io.jenkins.plugins.casc.misc.Util;
import io.jenkins.plugins.casc.misc.junit.jupiter.WithJenkinsConfiguredWithCode;
import io.jenkins.plugins.casc.model.CNode;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** {@code unclassified: upmPublisher:} is read and written by Configuration as Code with no extra code. */
@WithJenkinsConfiguredWithCode
class ConfigurationAsCodeTest {

    @Test
    @ConfiguredWithCode("casc.yaml")
    void importsEveryField(JenkinsConfiguredWithCodeRule j) {
        UpmPublisherConfiguration c = UpmPublisherConfiguration.get();
        assertThat(c.getRegistryUrl()).isEqualTo("https://npm.example.com/");
        assertThat(c.getCredentialsId()).isEqualTo("upm-registry-token");
        assertThat(c.getDiscordCredentialsId()).isEqualTo("upm-discord-webhook");
        assertThat(c.getDiscordThreadId()).isEqualTo("123456789012345678");
        assertThat(c.getSlackCredentialsId()).isEqualTo("upm-slack-webhook");
        assertThat(c.getWebhookCredentialsId()).isEqualTo("upm-webhook");
        assertThat(c.getWebhookSecretCredentialsId()).isEqualTo("upm-webhook-secret");
        assertThat(c.getGeminiCredentialsId()).isEqualTo("upm-gemini-key");
        assertThat(c.getGeminiModel()).isEqualTo("gemini-2.5-flash");
        assertThat(c.getChangelogMode()).isEqualTo("ai");
        assertThat(c.getAllowedBranches()).isEqualTo("main, release/*");
        assertThat(c.getAuditFolder()).isEqualTo("upm-audit");
        assertThat(c.isAllowPublicRegistry()).isFalse();
    }

    @Test
    @ConfiguredWithCode("casc.yaml")
    void exportsWhatItImported(JenkinsConfiguredWithCodeRule j) throws Exception {
        ConfigurationContext context = new ConfigurationContext(ConfiguratorRegistry.get());
        CNode node = Util.getUnclassifiedRoot(context).get("upmPublisher");
        Map<String, Object> exported = new Yaml().load(Util.toYamlString(node));
        assertThat(exported)
                .containsEntry("registryUrl", "https://npm.example.com/")
                .containsEntry("credentialsId", "upm-registry-token")
                .containsEntry("discordCredentialsId", "upm-discord-webhook")
                .containsEntry("discordThreadId", "123456789012345678")
                .containsEntry("slackCredentialsId", "upm-slack-webhook")
                .containsEntry("webhookCredentialsId", "upm-webhook")
                .containsEntry("webhookSecretCredentialsId", "upm-webhook-secret")
                .containsEntry("geminiCredentialsId", "upm-gemini-key")
                .containsEntry("geminiModel", "gemini-2.5-flash")
                .containsEntry("changelogMode", "ai")
                .containsEntry("allowedBranches", "main, release/*")
                .containsEntry("auditFolder", "upm-audit");
        assertThat(exported.toString()).doesNotContain("s3cr3t");
    }
}
