package org.the1studio.upm.pipeline.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.the1studio.upm.pipeline.harness.StageRecord.Status.FAILED;
import static org.the1studio.upm.pipeline.harness.StageRecord.Status.RAN;
import static org.the1studio.upm.pipeline.harness.StageRecord.Status.SKIPPED_AFTER_FAILURE;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.the1studio.upm.pipeline.harness.PipelineError;
import org.the1studio.upm.pipeline.harness.PipelineHarness;
import org.the1studio.upm.pipeline.harness.Result;
import org.the1studio.upm.pipeline.harness.RunResult;
import org.the1studio.upm.pipeline.harness.StepCall;

/** {@code vars/upmFleetCheck.groovy}: checkout, the plugin step it hides, reports, UNSTABLE on problems, failures. */
class UpmFleetCheckTest {

    static final String CONFIG = "https://github.com/The1Studio/upm-auto-publisher.git";

    static Map<String, Object> counts(int upToDate, int unpublished, int behind, int invalid, int orphaned) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("upToDate", upToDate);
        m.put("unpublished", unpublished);
        m.put("behind", behind);
        m.put("invalid", invalid);
        m.put("orphaned", orphaned);
        m.put("html", "fleet-report.html");
        m.put("json", "fleet-report.json");
        m.put("text", "fleet-report.txt");
        return m;
    }

    static PipelineHarness fleet(Map<String, Object> result) {
        return PipelineHarness.forRepository()
                .env("JOB_NAME", "upm-fleet/fleet-check")
                .env("BUILD_URL", "https://jenkins.example.com/job/upm-fleet/job/fleet-check/7/")
                .workspaceFile("repositories.json", "{\"repositories\": []}")
                .returning("upmFleetCheck", result)
                .returning("upmNotify", null);
    }

    @Test
    void checksOutTheConfigRepositoryAndCallsThePluginStepItHides() {
        RunResult run = fleet(counts(120, 0, 0, 0, 0)).run("upmFleetCheck", Map.of("configRepository", CONFIG,
                "githubCredentialsId", "github-app"));

        assertThat(run.error()).isNull();
        assertThat(run.result()).isEqualTo(Result.SUCCESS);
        assertThat(run.stageNames()).containsExactly("Checkout", "Check", "Report");
        assertThat(run.ranStages()).containsExactly("Checkout", "Check", "Report");
        // skipDefaultCheckout: the only checkout is the configured repository
        assertThat(run.stepNames()).containsExactly("libraryResource", "git", "fileExists", "upmFleetCheck",
                "archiveArtifacts", "archiveArtifacts");
        assertThat(run.calls("git")).singleElement().satisfies(c -> assertThat(c.named())
                .isEqualTo(Map.of("url", CONFIG, "branch", "main", "credentialsId", "github-app")));
        assertThat(run.calls("upmFleetCheck")).singleElement().satisfies(c -> {
            assertThat(c.stage()).isEqualTo("Check");
            assertThat(c.named()).isEqualTo(Map.of("repositories", "repositories.json", "republish", false,
                    "notify", true, "githubCredentialsId", "github-app"));
        });
    }

    @Test
    void theDescriptionCountsWhatARepublishDid() {
        Map<String, Object> result = counts(118, 2, 0, 0, 0);
        result.put("republished", java.util.List.of(
                Map.of("package", "com.acme.a@1.2.0", "ok", true, "reason", "published and verified"),
                Map.of("package", "com.acme.b@0.3.0", "ok", false, "reason", "rollback refused")));

        RunResult run = fleet(result).run("upmFleetCheck", Map.of("configRepository", CONFIG, "republish", true));

        assertThat(run.calls("upmFleetCheck")).singleElement()
                .satisfies(c -> assertThat(c.named()).containsEntry("republish", true));
        assertThat(run.description()).contains("2 unpublished").endsWith("republished 1, 1 re-publish failed");
    }

    @Test
    void archivesTheReportsAndThePackageCache() {
        RunResult run = fleet(counts(120, 0, 0, 0, 0)).run("upmFleetCheck", Map.of("configRepository", CONFIG));

        assertThat(run.calls("archiveArtifacts")).extracting(StepCall::stage, c -> c.arg("artifacts")).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Report", "fleet-report.html,fleet-report.json,fleet-report.txt"),
                org.assertj.core.groups.Tuple.tuple("(post)", "package-cache.json,upm-audit/**"));
        assertThat(run.description()).isEqualTo("fleet: 120 up to date");
        assertThat(run.logText()).contains(
                "[upm] fleet report: https://jenkins.example.com/job/upm-fleet/job/fleet-check/7/artifact/fleet-report.html");
        assertThat(run.calls("upmNotify")).isEmpty();
    }

    @Test
    void problemsMarkTheBuildUnstable() {
        RunResult run = fleet(counts(117, 2, 1, 0, 3)).run("upmFleetCheck", Map.of("configRepository", CONFIG));

        assertThat(run.result()).isEqualTo(Result.UNSTABLE);
        assertThat(run.calls("unstable")).singleElement().satisfies(c -> assertThat(c.first())
                .isEqualTo("fleet check found 3 problem(s): fleet: 117 up to date, 2 unpublished, 1 behind, 3 orphaned"));
        assertThat(run.description()).isEqualTo("fleet: 117 up to date, 2 unpublished, 1 behind, 3 orphaned");
    }

    @Test
    void orphanedPackagesAloneDoNotMarkTheBuild() {
        RunResult run = fleet(counts(10, 0, 0, 0, 4)).run("upmFleetCheck", Map.of("configRepository", CONFIG));

        assertThat(run.result()).isEqualTo(Result.SUCCESS);
        assertThat(run.description()).isEqualTo("fleet: 10 up to date, 4 orphaned");
    }

    @Test
    void unreadableRepositoriesAreProblemsToo() {
        Map<String, Object> result = new LinkedHashMap<>(counts(30, 0, 0, 0, 0));
        result.put("errors", 2);
        RunResult run = fleet(result).run("upmFleetCheck", Map.of("configRepository", CONFIG));

        assertThat(run.result()).isEqualTo(Result.UNSTABLE);
        assertThat(run.description()).isEqualTo("fleet: 30 up to date, 2 unreadable");
    }

    @Test
    void theCacheRefreshJobStaysQuiet() {
        RunResult run = fleet(counts(8, 1, 0, 0, 0)).run("upmFleetCheck", Map.of("configRepository", CONFIG,
                "notify", false, "unstableOnProblems", false));

        assertThat(run.result()).isEqualTo(Result.SUCCESS);
        assertThat(run.calls("upmFleetCheck").get(0).arg("notify")).isEqualTo(false);
    }

    @Test
    void republishAndRegistryAreHandedToTheStep() {
        RunResult run = fleet(counts(1, 0, 0, 0, 0)).workspaceFile("config/repositories.json", "{}")
                .run("upmFleetCheck", Map.of("configRepository", CONFIG, "republish", true, "registry", "https://npm.example.com/", "credentialsId", "upm-npm-token",
                "repositories", "config/repositories.json"));

        assertThat(run.calls("upmFleetCheck").get(0).named()).isEqualTo(Map.of(
                "repositories", "config/repositories.json", "republish", true, "notify", true,
                "registry", "https://npm.example.com/", "credentialsId", "upm-npm-token"));
    }

    @Test
    void withoutConfigRepositoryTheJobsScmIsCheckedOut() {
        RunResult run = fleet(counts(1, 0, 0, 0, 0)).run("upmFleetCheck", Map.of());

        assertThat(run.calls("checkout")).singleElement().satisfies(c -> assertThat(c.stage()).isEqualTo("Checkout"));
        assertThat(run.calls("git")).isEmpty();
    }

    @Test
    void anInlineJobWithoutScmOrConfigRepositoryFailsClearly() {
        RunResult run = fleet(counts(1, 0, 0, 0, 0)).withoutScm().run("upmFleetCheck", Map.of());

        assertThat(run.result()).isEqualTo(Result.FAILURE);
        assertThat(run.error()).isInstanceOf(PipelineError.class).hasMessageStartingWith(
                "upmFleetCheck: this job has no SCM to read repositories.json from: set configRepository:");
        assertThat(run.calls("upmFleetCheck")).isEmpty();
        assertThat(run.calls("upmNotify")).singleElement().satisfies(c -> assertThat((String) c.arg("message"))
                .startsWith("upmFleetCheck upm-fleet/fleet-check #7 failed: Checkout: upmFleetCheck: this job has no SCM"));
    }

    @Test
    void aMissingRegistryFileFailsClearly() {
        RunResult run = PipelineHarness.forRepository().returning("upmFleetCheck", counts(1, 0, 0, 0, 0))
                .returning("upmNotify", null)
                .run("upmFleetCheck", Map.of("configRepository", CONFIG, "repositories", "config/repos.json"));

        assertThat(run.error()).hasMessage("upmFleetCheck: config/repos.json not found in the checked-out repository "
                + "(" + CONFIG + "): set repositories: to its path");
    }

    @Test
    void aFailingCheckStillArchivesAndNotifies() {
        RunResult run = fleet(null).failing("upmFleetCheck", "GitHub API rate limit exceeded; retry after 12:00 UTC")
                .run("upmFleetCheck", Map.of("configRepository", CONFIG));

        assertThat(run.result()).isEqualTo(Result.FAILURE);
        assertThat(run.stageStatus()).containsExactly(Map.entry("Checkout", RAN), Map.entry("Check", FAILED),
                Map.entry("Report", SKIPPED_AFTER_FAILURE));
        assertThat(run.calls("archiveArtifacts")).extracting(c -> c.arg("artifacts"))
                .containsExactly("package-cache.json,upm-audit/**");
        assertThat(run.calls("upmNotify")).singleElement().satisfies(c -> assertThat(c.named()).isEqualTo(Map.of(
                "status", "FAILURE", "message", "upmFleetCheck upm-fleet/fleet-check #7 failed: "
                        + "Check: GitHub API rate limit exceeded; retry after 12:00 UTC")));
    }

    @Test
    void notifyFalseSilencesFailures() {
        RunResult run = fleet(null).failing("upmFleetCheck", "boom")
                .run("upmFleetCheck", Map.of("configRepository", CONFIG, "notify", false));

        assertThat(run.calls("upmNotify")).isEmpty();
    }

    @Test
    void optionsMatchTheScheduledJob() {
        RunResult run = fleet(counts(1, 0, 0, 0, 0)).run("upmFleetCheck", Map.of("configRepository", CONFIG));

        assertThat(run.options()).extracting(StepCall::name).containsExactly("disableConcurrentBuilds",
                "buildDiscarder", "timeout", "timestamps", "skipDefaultCheckout");
        assertThat(run.option("timeout").named()).isEqualTo(Map.of("time", 60, "unit", "MINUTES"));
    }

    @Test
    void parametersAreChecked() {
        RunResult run = fleet(counts(1, 0, 0, 0, 0)).run("upmFleetCheck",
                Map.of("republish", "yes", "configRepository", "github.com/x"));

        assertThat(run.error().getMessage().lines()).containsExactly(
                "upmFleetCheck: parameter 'republish' must be true or false (without quotes), not the string 'yes'",
                "upmFleetCheck: parameter 'configRepository' 'github.com/x' is not valid (git URL of the repository "
                        + "holding repositories.json)");
        assertThat(run.stepNames()).containsExactly("error");
        assertThat(run.calls("upmFleetCheck")).isEmpty();
    }

    @Test
    void theCheckWorksWithTheStandardReportNamesWhenTheStepReturnsOnlyCounts() {
        RunResult run = fleet(Map.of("upToDate", 3, "unpublished", 0)).run("upmFleetCheck",
                Map.of("configRepository", CONFIG));

        assertThat(run.calls("archiveArtifacts").get(0).arg("artifacts"))
                .isEqualTo("fleet-report.html,fleet-report.json,fleet-report.txt");
        assertThat(List.of(run.result())).containsExactly(Result.SUCCESS);
    }
}
