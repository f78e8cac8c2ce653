package org.the1studio.upm.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import hudson.util.Secret;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * {@code upmNotify} posts one Discord execute-webhook message (checked against a local stand-in that answers like
 * Discord with {@code wait=true}) and never fails the build.
 */
@WithJenkins
class UpmNotifyStepTest {
    private static final String WEBHOOK_PATH = "/api/webhooks/112233445566778899/secret-webhook-token-abcdef";

    @Test
    void postsOneMessageWithoutLeakingTheWebhook(JenkinsRule j) throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        List<String> queries = new CopyOnWriteArrayList<>();
        HttpServer discord = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        discord.createContext(WEBHOOK_PATH, exchange -> {
            queries.add(exchange.getRequestURI().getRawQuery());
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] answer = "{\"id\":\"1234567890123456789\",\"type\":0,\"content\":\"\",\"channel_id\":\"42\"}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        discord.start();
        try {
            String webhook = "http://127.0.0.1:" + discord.getAddress().getPort() + WEBHOOK_PATH;
            SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(
                    CredentialsScope.GLOBAL, "discord", "Discord webhook", Secret.fromString(webhook)));
            UpmPublisherConfiguration.get().setDiscordCredentialsId("discord");
            WorkflowJob job = j.createProject(WorkflowJob.class, "notify");
            job.setDefinition(new CpsFlowDefinition("""
                    def r = upmNotify(status: 'FAILURE', message: 'checkout failed: repository not found')
                    echo "SENT ${r.sent}"
                    """, true));

            WorkflowRun run = j.buildAndAssertSuccess(job);

            j.assertLogContains("[upm] notified discord", run);
            j.assertLogContains("SENT true", run);
            assertThat(bodies).hasSize(1);
            assertThat(queries.get(0)).contains("wait=true");
            JsonNode embed = new ObjectMapper().readTree(bodies.get(0)).get("embeds").get(0);
            assertThat(embed.get("title").asText()).contains("notify #1").contains("FAILURE");
            assertThat(embed.get("description").asText()).contains("checkout failed: repository not found");
            assertThat(JenkinsRule.getLog(run)).doesNotContain("secret-webhook-token");
        } finally {
            discord.stop(0);
        }
    }

    @Test
    void withoutAWebhookNothingIsSentAndTheBuildCarriesOn(JenkinsRule j) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "notify-nowhere");
        job.setDefinition(new CpsFlowDefinition("echo \"SENT ${upmNotify(message: 'hello').sent}\"", true));

        WorkflowRun run = j.buildAndAssertSuccess(job);

        j.assertLogContains("[upm] no Discord webhook configured", run);
        j.assertLogContains("SENT false", run);
    }
}
