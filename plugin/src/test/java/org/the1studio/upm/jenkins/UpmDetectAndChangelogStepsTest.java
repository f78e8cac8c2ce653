package org.the1studio.upm.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.the1studio.upm.jenkins.UpmFixtures.repoIn;

import hudson.model.Result;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;
import org.the1studio.upm.core.testing.GitFixture;

/** {@code upmDetectChanges} and {@code upmChangelog} over a real git repository in the job's workspace. */
@WithJenkins
class UpmDetectAndChangelogStepsTest {

    @Test
    void detectsFromTheLastSuccessfulCommitOrTheParent(JenkinsRule j) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "detect");
        String first;
        try (GitFixture repo = repoIn(j.jenkins.getWorkspaceFor(job))) {
            repo.write("Packages/a/package.json", GitFixture.unityManifest("com.acme.a", "1.0.0"));
            repo.write("Packages/b/package.json", GitFixture.unityManifest("com.acme.b", "1.0.0"));
            first = repo.commit("feat: a and b");
            repo.write("Packages/b/package.json", GitFixture.unityManifest("com.acme.b", "1.1.0"));
            repo.commit("feat: b 1.1.0");
            repo.write("Packages/a/package.json", GitFixture.unityManifest("com.acme.a", "2.0.0"));
            repo.commit("feat!: a 2.0.0");
        }
        job.setDefinition(new CpsFlowDefinition("""
                node {
                  def last = upmDetectChanges()
                  echo "LAST ${last.collect { it.name + ' ' + it.oldVersion + '->' + it.newVersion + ' ' + it.kind + ' ' + it.path }.join(';')}"
                  withEnv(['GIT_PREVIOUS_SUCCESSFUL_COMMIT=%s']) {
                    def since = upmDetectChanges()
                    echo "SINCE SUCCESS size=${since.size()} a=${since.any { it.name == 'com.acme.a' && it.newVersion == '2.0.0' }} b=${since.any { it.name == 'com.acme.b' && it.newVersion == '1.1.0' }}"
                  }
                  echo "ALL ${upmDetectChanges(base: '%s', head: 'HEAD~1').collect { it.name + '@' + it.newVersion }.join(',')}"
                }
                """.formatted(first, first), true));

        WorkflowRun run = j.buildAndAssertSuccess(job);

        j.assertLogContains("LAST com.acme.a 1.0.0->2.0.0 VERSION_CHANGED Packages/a", run);
        j.assertLogContains("SINCE SUCCESS size=2 a=true b=true", run);
        j.assertLogContains("ALL com.acme.b@1.1.0", run);
        j.assertLogContains("[upm] com.acme.a 1.0.0 -> 2.0.0", run);
    }

    @Test
    void anUnknownRevisionFailsWithAHint(JenkinsRule j) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "detect-unknown");
        try (GitFixture repo = repoIn(j.jenkins.getWorkspaceFor(job))) {
            repo.write("Packages/a/package.json", GitFixture.unityManifest("com.acme.a", "1.0.0"));
            repo.commit("feat: a");
        }
        job.setDefinition(new CpsFlowDefinition("node { upmDetectChanges(base: 'no-such-revision') }", true));

        WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, job);

        j.assertLogContains("[upm] ", run);
        j.assertLogContains("no-such-revision", run);
    }

    @Test
    void writesAndReturnsTheChangelogEntry(JenkinsRule j) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "changelog");
        try (GitFixture repo = repoIn(j.jenkins.getWorkspaceFor(job))) {
            repo.write("Packages/tools/package.json", GitFixture.unityManifest("com.acme.tools", "1.0.0"));
            repo.commit("feat: first tools");
            repo.write("Packages/tools/Runtime/Importer.cs", "class Importer {}\n");
            repo.commit("fix: importer handles empty scenes");
            repo.write("Packages/tools/Runtime/Exporter.cs", "class Exporter {}\n");
            repo.commit("feat: exporter");
            repo.write("Packages/tools/package.json", GitFixture.unityManifest("com.acme.tools", "1.1.0"));
            repo.commit("chore: release 1.1.0");
        }
        job.setDefinition(new CpsFlowDefinition("""
                node {
                  def e = upmChangelog(package: 'com.acme.tools', since: '1.0.0', write: true)
                  echo "ENTRY ${e.version} changed=${e.changed} file=${e.file} fallback=${e.fallbackReason}"
                  def again = upmChangelog(package: 'com.acme.tools', since: '1.0.0', write: true)
                  echo "AGAIN changed=${again.changed}"
                }
                """, true));

        WorkflowRun run = j.buildAndAssertSuccess(job);

        j.assertLogContains("ENTRY 1.1.0 changed=true file=Packages/tools/CHANGELOG.md fallback=null", run);
        j.assertLogContains("AGAIN changed=false", run);
        String changelog = j.jenkins.getWorkspaceFor(job).child("Packages/tools/CHANGELOG.md").readToString();
        assertThat(changelog).contains("## [1.1.0]").containsIgnoringCase("importer handles empty scenes")
                .containsIgnoringCase("exporter");
    }

    @Test
    void anUnknownPackageIsNamedInTheError(JenkinsRule j) throws Exception {
        WorkflowJob job = j.createProject(WorkflowJob.class, "changelog-unknown");
        try (GitFixture repo = repoIn(j.jenkins.getWorkspaceFor(job))) {
            repo.write("Packages/tools/package.json", GitFixture.unityManifest("com.acme.tools", "1.0.0"));
            repo.commit("feat: first tools");
        }
        job.setDefinition(new CpsFlowDefinition("node { upmChangelog(package: 'com.acme.nope') }", true));

        WorkflowRun run = j.buildAndAssertStatus(Result.FAILURE, job);

        j.assertLogContains("[upm] no package.json named 'com.acme.nope'", run);
    }
}
