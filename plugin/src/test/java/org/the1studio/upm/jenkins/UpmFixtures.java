package org.the1studio.upm.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import hudson.FilePath;
import hudson.util.Secret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jvnet.hudson.test.JenkinsRule;
import org.the1studio.upm.core.testing.GitFixture;
import org.the1studio.upm.core.testing.VerdaccioServer;

/** What the pipeline tests share: a real Verdaccio, a real git repository in the job's workspace, leak checks. */
final class UpmFixtures {
    static final String TOKEN_ID = "upm-registry-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private UpmFixtures() {}

    /** Points the global configuration at {@code v} with its token as a Secret text credential. */
    static void configure(VerdaccioServer v) throws IOException {
        SystemCredentialsProvider.getInstance().getCredentials().add(new StringCredentialsImpl(
                CredentialsScope.GLOBAL, TOKEN_ID, "Verdaccio token", Secret.fromString(v.token())));
        SystemCredentialsProvider.getInstance().save();
        UpmPublisherConfiguration c = UpmPublisherConfiguration.get();
        c.setRegistryUrl(v.url());
        c.setCredentialsId(TOKEN_ID);
    }

    /** A new git repository in a job's workspace (which Jenkins creates on the first build otherwise). */
    static GitFixture repoIn(FilePath workspace) {
        return GitFixture.init(Path.of(workspace.getRemote()));
    }

    /** The versions of {@code name} the registry holds (empty when it does not know the package). */
    static List<String> versions(VerdaccioServer v, String name) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(v.url() + name))
                .header("Authorization", "Bearer " + v.token()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        List<String> versions = new ArrayList<>();
        if (r.statusCode() == 404) {
            return versions;
        }
        assertThat(r.statusCode()).as("GET %s: %s", name, r.body()).isEqualTo(200);
        JsonNode doc = JSON.readTree(r.body());
        doc.path("versions").fieldNames().forEachRemaining(versions::add);
        return versions;
    }

    /** The token appears nowhere: not in the log, the build's files, or the archived audit records. */
    static void assertNoSecret(WorkflowRun run, VerdaccioServer v) throws IOException {
        assertThat(JenkinsRule.getLog(run)).doesNotContain(v.token());
        try (Stream<Path> files = Files.walk(run.getRootDir().toPath())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                assertThat(text).as("%s", f).doesNotContain(v.token());
            }
        }
    }
}
