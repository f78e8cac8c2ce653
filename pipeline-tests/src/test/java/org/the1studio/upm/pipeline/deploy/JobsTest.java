package org.the1studio.upm.pipeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.the1studio.upm.pipeline.harness.PipelineHarness;
import org.the1studio.upm.pipeline.harness.Result;
import org.the1studio.upm.pipeline.harness.RunResult;

/**
 * The jobs defined as code in {@code casc/jobs.yaml}: the GitHub organization folder and the scheduled fleet jobs.
 * The Job DSL scripts run against a recorder (after JCasC's variable substitution), and the fleet jobs' pipeline
 * scripts run through the pipeline harness with the library, as Jenkins would run them.
 */
class JobsTest {

    static JobDsl.Node jobs() {
        JobDsl.Node all = new JobDsl.Node("(all)", List.of());
        for (String script : DeploymentFiles.jobScripts()) {
            all.children.addAll(JobDsl.record(DeploymentFiles.resolveEnv(script)).children);
        }
        return all;
    }

    static JobDsl.Node job(String kind, String name) {
        return jobs().all(kind).stream().filter(n -> name.equals(n.args.get(0))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + "('" + name + "') in casc/jobs.yaml"));
    }

    @Test
    void theScriptsHaveNoUnresolvedVariables() {
        for (String script : DeploymentFiles.jobScripts()) {
            assertThat(DeploymentFiles.variables(DeploymentFiles.resolveEnv(script))).isEmpty();
        }
    }

    @Test
    void theOrganizationFolderDiscoversMainMasterAndPullRequestsOfRepositoriesWithAJenkinsfile() {
        JobDsl.Node folder = job("organizationFolder", "packages");
        JobDsl.Node github = folder.path("organizations", "github");

        assertThat(github.value("repoOwner")).isEqualTo(DeploymentFiles.containerEnv().get("UPM_GITHUB_OWNER"));
        assertThat(github.value("credentialsId")).isEqualTo("github-app");
        JobDsl.Node traits = github.one("traits");
        assertThat(traits.path("gitHubBranchDiscovery").value("strategyId")).isEqualTo(1);
        assertThat(traits.path("gitHubPullRequestDiscovery").value("strategyId")).isEqualTo(1);
        assertThat(traits.path("gitHubForkDiscovery", "trust").children).extracting(n -> n.name)
                .containsExactly("gitHubTrustPermissions");
        assertThat(traits.path("headWildcardFilter").value("includes")).isEqualTo("main master PR-*");
        assertThat(folder.path("projectFactories", "workflowMultiBranchProjectFactory").value("scriptPath"))
                .isEqualTo("Jenkinsfile");
        assertThat(folder.path("orphanedItemStrategy", "discardOldItems").value("daysToKeep")).isEqualTo(30);
        // webhooks trigger builds; the periodic scan is the fallback
        assertThat(folder.path("triggers", "periodicFolderTrigger").value("interval")).isEqualTo("1d");
    }

    @Test
    void theFleetJobsAreScheduledDailyAndEverySixHours() {
        JobDsl.Node all = jobs();
        int folderAt = -1;
        for (int i = 0; i < all.children.size(); i++) {
            if (all.children.get(i).name.equals("folder") && "upm-fleet".equals(all.children.get(i).args.get(0))) {
                folderAt = i;
            }
        }
        assertThat(folderAt).as("folder('upm-fleet') is defined").isNotNegative();
        assertThat(cron("upm-fleet/fleet-check")).isEqualTo("H 5 * * *");
        assertThat(cron("upm-fleet/cache-refresh")).isEqualTo("H H/6 * * *");
        for (String name : List.of("upm-fleet/fleet-check", "upm-fleet/cache-refresh")) {
            JobDsl.Node job = all.all("pipelineJob").stream().filter(n -> name.equals(n.args.get(0))).findFirst()
                    .orElseThrow();
            assertThat(all.children.indexOf(job)).as(name + " after its folder").isGreaterThan(folderAt);
            assertThat(job.path("properties").all("disableConcurrentBuilds")).hasSize(1);
            assertThat(job.path("definition", "cps").value("sandbox")).isEqualTo(true);
            assertThat((Integer) job.path("logRotator").value("daysToKeep")).isPositive();
        }
    }

    static String cron(String job) {
        return (String) job("pipelineJob", job).path("properties", "pipelineTriggers", "triggers", "cron").value("spec");
    }

    static String pipelineScript(String job) {
        return (String) job("pipelineJob", job).path("definition", "cps").value("script");
    }

    static PipelineHarness fleet() {
        Map<String, Object> counts = Map.of("upToDate", 40, "unpublished", 1, "behind", 0, "invalid", 0, "orphaned", 0);
        return PipelineHarness.forRepository()
                .workspaceFile("repositories.json", "{}")
                .returning("upmFleetCheck", counts)
                .returning("upmNotify", null);
    }

    @Test
    void theDailyCheckRunsTheLibraryAndReportsProblems() {
        String script = pipelineScript("upm-fleet/fleet-check");
        assertThat(script).startsWith("@Library('upm') _\n");

        RunResult run = fleet().runScript("fleet-check", script);

        assertThat(run.error()).isNull();
        assertThat(run.result()).isEqualTo(Result.UNSTABLE);
        assertThat(run.calls("git").get(0).named()).containsEntry("url",
                DeploymentFiles.containerEnv().get("UPM_LIBRARY_REPO")).containsEntry("credentialsId", "github-app");
        assertThat(run.calls("upmFleetCheck").get(0).named()).containsEntry("notify", true)
                .containsEntry("githubCredentialsId", "github-app");
    }

    @Test
    void theCacheRefreshIsQuiet() {
        RunResult run = fleet().runScript("cache-refresh", pipelineScript("upm-fleet/cache-refresh"));

        assertThat(run.error()).isNull();
        assertThat(run.result()).isEqualTo(Result.SUCCESS);
        assertThat(run.calls("upmFleetCheck").get(0).named()).containsEntry("notify", false);
        assertThat(run.option("timeout").named()).containsEntry("time", 30);
        List<String> archived = new ArrayList<>();
        run.calls("archiveArtifacts").forEach(c -> archived.add((String) c.arg("artifacts")));
        assertThat(String.join(",", archived)).contains("package-cache.json", "fleet-report.html");
    }
}
