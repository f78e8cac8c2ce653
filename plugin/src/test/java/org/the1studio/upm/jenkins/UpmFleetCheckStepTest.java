package org.the1studio.upm.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.the1studio.upm.jenkins.UpmFixtures.configure;

import hudson.FilePath;
import hudson.model.Result;
import java.nio.file.Path;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.the1studio.upm.core.fleet.GitHubStandIn;
import org.the1studio.upm.core.fleet.RepoStatus;
import org.the1studio.upm.core.fleet.RepositoryEntry;
import org.the1studio.upm.core.fleet.RepositoryRegistry;
import org.the1studio.upm.core.registry.RegistryClient;
import org.the1studio.upm.core.registry.RegistrySettings;
import org.the1studio.upm.core.secret.Secret;
import org.the1studio.upm.core.testing.TestTarball;
import org.the1studio.upm.core.testing.VerdaccioServer;

/**
 * {@code upmFleetCheck} over a GitHub API stand-in and a real Verdaccio: the counts come back to a sandboxed script
 * and the reports are written into the workspace.
 */
@WithJenkins
class UpmFleetCheckStepTest {

    @Test
    void classifiesTheFleetAndWritesTheReports(JenkinsRule j, @TempDir Path tmp) throws Exception {
        VerdaccioServer v = VerdaccioServer.shared();
        configure(v);
        String published = VerdaccioServer.uniqueName("com.fleettest");
        String missing = VerdaccioServer.uniqueName("com.fleettest");
        try (RegistryClient registry = new RegistryClient(RegistrySettings.of(v.url(), Secret.of(v.token())))) {
            registry.publish(TestTarball.manifest(published, "1.0.0"),
                    TestTarball.write(tmp.resolve("p.tgz"), published, "1.0.0"), "latest", null);
        }
        try (GitHubStandIn github = GitHubStandIn.start()) {
            GitHubStandIn.Repo repo = github.repo("acme", "tools");
            repo.addPackage("Packages/published", published, "1.0.0");
            repo.addPackage("Packages/missing", missing, "2.0.0");
            WorkflowJob job = j.createProject(WorkflowJob.class, "fleet");
            FilePath ws = j.jenkins.getWorkspaceFor(job);
            ws.mkdirs();
            RepositoryRegistry.of(List.of(new RepositoryEntry(repo.url(), RepoStatus.ACTIVE, null, null, null)))
                    .save(Path.of(ws.child("repositories.json").getRemote()));
            job.setDefinition(new CpsFlowDefinition("""
                    node {
                      def r = upmFleetCheck(githubApiUrl: '%s', notify: false)
                      echo "FLEET upToDate=${r.upToDate} unpublished=${r.unpublished} problems=${r.problems} html=${r.html}"
                    }
                    """.formatted(github.apiUrl()), true));

            WorkflowRun run = j.buildAndAssertSuccess(job);

            j.assertLogContains("FLEET upToDate=1 unpublished=1 problems=1 html=fleet-report.html", run);
            assertThat(ws.child("fleet-report.html").readToString()).contains(missing);
            assertThat(ws.child("fleet-report.json").exists()).isTrue();
            assertThat(ws.child("fleet-report.txt").readToString()).contains(published);
            assertThat(ws.child("package-cache.json").exists()).isTrue();
            assertThat(run.getResult()).isEqualTo(Result.SUCCESS);
            UpmFixtures.assertNoSecret(run, v);
        }
    }

    @Test
    void aMissingRegistryFileIsNamed(JenkinsRule j) throws Exception {
        configure(VerdaccioServer.shared());
        WorkflowJob job = j.createProject(WorkflowJob.class, "fleet-without-file");
        job.setDefinition(new CpsFlowDefinition("node { upmFleetCheck(repositories: 'config/repositories.json') }", true));

        WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, job);

        j.assertLogContains("[upm] ", run);
        j.assertLogContains("repositories.json", run);
    }
}
