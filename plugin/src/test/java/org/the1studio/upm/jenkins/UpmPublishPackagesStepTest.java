package org.the1studio.upm.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.the1studio.upm.jenkins.UpmFixtures.assertNoSecret;
import static org.the1studio.upm.jenkins.UpmFixtures.configure;
import static org.the1studio.upm.jenkins.UpmFixtures.repoIn;
import static org.the1studio.upm.jenkins.UpmFixtures.versions;

import hudson.model.Label;
import hudson.model.Result;
import hudson.model.Run;
import hudson.slaves.DumbSlave;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.jenkinsci.plugins.scriptsecurity.scripts.ScriptApproval;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.the1studio.upm.core.testing.GitFixture;
import org.the1studio.upm.core.testing.VerdaccioServer;

/**
 * {@code upmPublishPackages} in real pipelines (sandboxed), publishing from a real git repository in the job's
 * workspace to a real Verdaccio.
 */
@WithJenkins
class UpmPublishPackagesStepTest {

    @Test
    void publishesOnAnAgentAndReturnsValuesTheSandboxCanRead(JenkinsRule j, @TempDir Path tmp) throws Exception {
        VerdaccioServer v = VerdaccioServer.shared();
        configure(v);
        String name = VerdaccioServer.uniqueName("com.upmtest");
        DumbSlave agent = j.createOnlineSlave(Label.get("upm-agent"));
        WorkflowJob job = j.createProject(WorkflowJob.class, "publish-on-agent");
        Path origin;
        try (GitFixture repo = repoIn(agent.getWorkspaceFor(job))) {
            repo.write("Packages/tools/package.json", GitFixture.unityManifest(name, "1.0.0"));
            repo.commit("feat: first version of the tools");
            origin = repo.createBareRemote(tmp.resolve("origin.git"));
        }
        job.setDefinition(new CpsFlowDefinition("""
                node('upm-agent') {
                  withEnv(['BRANCH_NAME=main']) {
                    def r = upmPublishPackages()
                    echo "RESULT size=${r.size()} outcome=${r[0].outcome} published=${r[0].published} failed=${r[0].failed}"
                    echo "IDS ${r.collect { it.name + '@' + it.newVersion }.join(',')}"
                    echo "PACKED ${r[0].tarballSize > 0} AUDIT ${r[0].auditRecord != null} TAG ${r[0].distTag}"
                  }
                }
                """, true));

        WorkflowRun run = j.buildAndAssertSuccess(job);

        j.assertLogContains("RESULT size=1 outcome=PUBLISHED published=true failed=false", run);
        j.assertLogContains("IDS " + name + "@1.0.0", run);
        j.assertLogContains("PACKED true AUDIT true TAG latest", run);
        j.assertLogContains("[upm] PUBLISHED " + name + "@1.0.0", run);
        assertThat(versions(v, name)).containsExactly("1.0.0");
        // no script approval was needed to read the result
        assertThat(ScriptApproval.get().getPendingSignatures()).isEmpty();

        UpmPublishAction action = run.getAction(UpmPublishAction.class);
        assertThat(action).isNotNull();
        assertThat(action.getPublishedCount()).isEqualTo(1);
        assertThat(action.isBadgeVisible()).isTrue();
        PublishSummary summary = action.getPublishes().get(0);
        PackageRow row = summary.getPackages().get(0);
        assertThat(row.isPublished()).isTrue();
        assertThat(row.getVersionChange()).isEqualTo("new -> 1.0.0");
        assertThat(row.getRegistryUrl()).startsWith(v.url());
        assertThat(row.getChangelogPath()).isEqualTo("Packages/tools/CHANGELOG.md");
        assertThat(summary.getAuditArtifact()).startsWith("upm-audit/").endsWith(".jsonl");
        assertThat(run.getArtifacts()).extracting(a -> a.relativePath).containsExactly(summary.getAuditArtifact());

        // the run page and the build page summary render (their Jelly views are exercised here)
        JenkinsRule.WebClient web = j.createWebClient();
        String upmPage = web.getPage(run, "upm/").asNormalizedText();
        assertThat(upmPage).contains(name).contains("new -> 1.0.0").contains("PUBLISHED")
                .contains("Packages/tools/CHANGELOG.md").contains(summary.getAuditArtifact());
        assertThat(web.getPage(run).asNormalizedText()).contains("UPM: 1 published");

        // the changelog commit went back to the branch, marked so that it does not trigger another build
        try (Git remote = Git.open(origin.toFile())) {
            RevCommit tip = remote.log().setMaxCount(1).call().iterator().next();
            assertThat(tip.getFullMessage()).contains("[skip ci]").contains(name + "@1.0.0");
        }
        assertNoSecret(run, v);
    }

    @Test
    void secondRunFindsTheVersionAlreadyPublished(JenkinsRule j) throws Exception {
        VerdaccioServer v = VerdaccioServer.shared();
        configure(v);
        String name = VerdaccioServer.uniqueName("com.upmtest");
        WorkflowJob job = j.createProject(WorkflowJob.class, "twice");
        try (GitFixture repo = repoIn(j.jenkins.getWorkspaceFor(job))) {
            repo.write("Packages/tools/package.json", GitFixture.unityManifest(name, "1.0.0"));
            repo.commit("feat: tools");
        }
        job.setDefinition(new CpsFlowDefinition("""
                node {
                  def r = upmPublishPackages(commitChangelog: false)
                  echo "OUT ${r[0].outcome} ${r[0].action} ${r[0].path}"
                }
                """, true));

        WorkflowRun first = j.buildAndAssertSuccess(job);
        j.assertLogContains("OUT PUBLISHED PUBLISH Packages/tools", first);

        WorkflowRun second = j.buildAndAssertSuccess(job);
        j.assertLogContains("OUT SKIPPED SKIP_IDENTICAL Packages/tools", second);
        j.assertLogContains("[upm] SKIPPED " + name + "@1.0.0", second);
        j.assertLogContains("0 published, 1 skipped, 0 failed", second);
        assertThat(versions(v, name)).containsExactly("1.0.0");
        assertThat(second.getAction(UpmPublishAction.class).isBadgeVisible()).isFalse();
        assertNoSecret(second, v);
    }

    @Test
    void aRollbackIsRefusedAndFailsTheBuild(JenkinsRule j) throws Exception {
        VerdaccioServer v = VerdaccioServer.shared();
        configure(v);
        String name = VerdaccioServer.uniqueName("com.upmtest");
        WorkflowJob job = j.createProject(WorkflowJob.class, "rollback");
        job.setDefinition(new CpsFlowDefinition("""
                node {
                  def r = upmPublishPackages(changelog: 'off')
                  echo "OUT ${r[0].newVersion} ${r[0].outcome} ${r[0].action}"
                }
                """, true));
        try (GitFixture repo = repoIn(j.jenkins.getWorkspaceFor(job))) {
            repo.write("Packages/tools/package.json", GitFixture.unityManifest(name, "1.2.0"));
            repo.commit("feat: tools 1.2.0");
            j.assertLogContains("OUT 1.2.0 PUBLISHED PUBLISH", j.buildAndAssertSuccess(job));

            repo.write("Packages/tools/package.json", GitFixture.unityManifest(name, "1.1.0"));
            repo.commit("chore: back to 1.1.0");
        }

        WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, job);

        j.assertLogContains("OUT 1.1.0 FAILED REJECT_ROLLBACK", run);
        j.assertLogContains("UPM publish failed for " + name + "@1.1.0", run);
        assertThat(versions(v, name)).containsExactly("1.2.0");
        assertThat(run.getAction(UpmPublishAction.class).getFailedCount()).isEqualTo(1);
        assertNoSecret(run, v);
    }

    @Test
    void oneFailingPackageDoesNotStopTheOther(JenkinsRule j) throws Exception {
        VerdaccioServer v = VerdaccioServer.shared();
        configure(v);
        String good = VerdaccioServer.uniqueName("com.upmtest");
        String bad = VerdaccioServer.uniqueName("com.upmtest").replace("com.upmtest", "Com.UpmTest");
        WorkflowJob job = j.createProject(WorkflowJob.class, "one-of-two");
        try (GitFixture repo = repoIn(j.jenkins.getWorkspaceFor(job))) {
            repo.write("Packages/good/package.json", GitFixture.unityManifest(good, "1.0.0"));
            repo.write("Packages/bad/package.json", GitFixture.unityManifest(bad, "1.0.0"));
            repo.commit("feat: two packages, one with an invalid name");
        }
        job.setDefinition(new CpsFlowDefinition("""
                node {
                  def r = upmPublishPackages(changelog: 'off', commitChangelog: false)
                  for (p in r) {
                    echo "PKG ${p.name} ${p.outcome} ${p.action}"
                  }
                  echo 'after the step'
                }
                """, true));

        WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, job);

        j.assertLogContains("PKG " + good + " PUBLISHED PUBLISH", run);
        j.assertLogContains("PKG " + bad + " FAILED INVALID", run);
        j.assertLogContains("after the step", run);
        assertThat(versions(v, good)).containsExactly("1.0.0");
        UpmPublishAction action = run.getAction(UpmPublishAction.class);
        assertThat(action.getPublishedCount()).isEqualTo(1);
        assertThat(action.getFailedCount()).isEqualTo(1);
        assertThat(action.getBadgeText()).isEqualTo("UPM: 1 published, 1 failed");
        assertNoSecret(run, v);
    }

    @Test
    void aDryRunWritesNothing(JenkinsRule j) throws Exception {
        VerdaccioServer v = VerdaccioServer.shared();
        configure(v);
        String name = VerdaccioServer.uniqueName("com.upmtest");
        WorkflowJob job = j.createProject(WorkflowJob.class, "dry-run");
        try (GitFixture repo = repoIn(j.jenkins.getWorkspaceFor(job))) {
            repo.write("Packages/tools/package.json", GitFixture.unityManifest(name, "1.0.0"));
            repo.commit("feat: tools");
        }
        job.setDefinition(new CpsFlowDefinition("""
                node {
                  def r = upmPublishPackages(dryRun: true)
                  echo "OUT ${r[0].outcome} dry=${r[0].dryRun} audit=${r[0].auditRecord}"
                }
                """, true));

        WorkflowRun run = j.buildAndAssertSuccess(job);

        j.assertLogContains("OUT WOULD_PUBLISH dry=true audit=null", run);
        j.assertLogContains("(dry run: nothing was written)", run);
        assertThat(versions(v, name)).isEmpty();
        assertThat(run.getArtifacts()).isEmpty();
        assertThat(j.jenkins.getWorkspaceFor(job).child("Packages/tools/CHANGELOG.md").exists()).isFalse();
        assertNoSecret(run, v);
    }

    @Test
    void aBranchThatMayNotPublishRunsAsADryRun(JenkinsRule j) throws Exception {
        VerdaccioServer v = VerdaccioServer.shared();
        configure(v);
        String name = VerdaccioServer.uniqueName("com.upmtest");
        WorkflowJob job = j.createProject(WorkflowJob.class, "pull-request");
        try (GitFixture repo = repoIn(j.jenkins.getWorkspaceFor(job))) {
            repo.write("Packages/tools/package.json", GitFixture.unityManifest(name, "1.0.0"));
            repo.commit("feat: tools");
        }
        job.setDefinition(new CpsFlowDefinition("""
                node {
                  withEnv(['BRANCH_NAME=PR-12']) {
                    echo "OUT ${upmPublishPackages()[0].outcome}"
                  }
                }
                """, true));

        WorkflowRun run = j.buildAndAssertSuccess(job);

        j.assertLogContains("[upm] branch PR-12 may not publish (allowed: main, master): this is a dry run", run);
        j.assertLogContains("OUT WOULD_PUBLISH", run);
        assertThat(versions(v, name)).isEmpty();
    }

    @Test
    void aMissingTokenSaysWhatToSet(JenkinsRule j) throws Exception {
        VerdaccioServer v = VerdaccioServer.shared();
        UpmPublisherConfiguration config = UpmPublisherConfiguration.get();
        config.setRegistryUrl(v.url());
        config.setCredentialsId("no-such-token");
        WorkflowJob job = j.createProject(WorkflowJob.class, "missing-token");
        try (GitFixture repo = repoIn(j.jenkins.getWorkspaceFor(job))) {
            repo.write("package.json", GitFixture.unityManifest(VerdaccioServer.uniqueName("com.upmtest"), "1.0.0"));
            repo.commit("feat: tools");
        }
        job.setDefinition(new CpsFlowDefinition("node { upmPublishPackages() }", true));

        Run<?, ?> unknownId = j.buildAndAssertStatus(Result.FAILURE, job);
        j.assertLogContains("[upm] the registry token credential 'no-such-token' was not found: add a Secret text"
                + " credential with this id", unknownId);

        config.setCredentialsId(null);
        Run<?, ?> noId = j.buildAndAssertStatus(Result.FAILURE, job);
        j.assertLogContains("[upm] no registry token: select a Secret text credential as the registry token", noId);

        config.setRegistryUrl(null);
        Run<?, ?> noRegistry = j.buildAndAssertStatus(Result.FAILURE, job);
        j.assertLogContains("[upm] no registry: pass registry:", noRegistry);
    }
}
