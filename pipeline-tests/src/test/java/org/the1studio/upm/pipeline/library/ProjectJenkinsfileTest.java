package org.the1studio.upm.pipeline.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.the1studio.upm.pipeline.harness.PipelineError;
import org.the1studio.upm.pipeline.harness.PipelineHarness;
import org.the1studio.upm.pipeline.harness.Result;
import org.the1studio.upm.pipeline.harness.RunResult;
import org.the1studio.upm.pipeline.harness.StageRecord;
import org.the1studio.upm.pipeline.harness.StepCall;

/** This repository's own {@code Jenkinsfile}: what it builds, where, and what it keeps. */
class ProjectJenkinsfileTest {

    static RunResult run(PipelineHarness h) throws Exception {
        String text = Files.readString(PipelineHarness.repositoryRoot().resolve("Jenkinsfile"));
        return h.returning("junit", null).runScript("Jenkinsfile", text);
    }

    @Test
    void buildsTestsBuildsThePluginAndArchivesTheArtifacts() throws Exception {
        RunResult run = run(PipelineHarness.forRepository().env("BRANCH_NAME", "main"));

        assertThat(run.error()).isNull();
        assertThat(run.result()).isEqualTo(Result.SUCCESS);
        assertThat(run.stageNames()).containsExactly("Tools", "Build and test", "Jenkins plugin", "Archive");
        assertThat(run.calls("sh")).extracting(StepCall::first).containsExactly(
                "java -version && mvn -B -version && node --version && npm --version",
                "cd tools/verdaccio && npm ci --no-audit --no-fund",
                "mvn -B -ntp install",
                "mvn -B -ntp -Pjenkins -pl plugin verify");
        assertThat(run.calls("junit")).extracting(StepCall::stage, c -> c.arg("testResults")).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Build and test", "**/target/surefire-reports/TEST-*.xml"),
                org.assertj.core.groups.Tuple.tuple("Jenkins plugin", "plugin/target/surefire-reports/TEST-*.xml"));
        assertThat(run.calls("archiveArtifacts")).singleElement().satisfies(c -> {
            assertThat(c.arg("artifacts")).isEqualTo("plugin/target/*.hpi,cli/target/upm.jar");
            assertThat(c.arg("fingerprint")).isEqualTo(true);
        });
    }

    @Test
    void runsOnTheBuildPodOfTheRepository() throws Exception {
        RunResult run = run(PipelineHarness.forRepository());

        assertThat(run.agent()).isEqualTo(Map.of("kubernetes",
                Map.of("yamlFile", "jenkins-k8s/pods/build.yaml", "defaultContainer", "build")));
        assertThat(PipelineHarness.repositoryRoot().resolve("jenkins-k8s/pods/build.yaml")).isRegularFile();
        assertThat(run.options()).extracting(StepCall::name)
                .containsExactly("disableConcurrentBuilds", "buildDiscarder", "timeout", "timestamps");
    }

    @Test
    void failingTestsStillPublishTheirReports() throws Exception {
        RunResult run = run(PipelineHarness.forRepository().onStep("sh", (call, body) -> {
            if ("mvn -B -ntp install".equals(call.first())) {
                throw new PipelineError("script returned exit code 1");
            }
            return null;
        }));

        assertThat(run.result()).isEqualTo(Result.FAILURE);
        assertThat(run.stage("Build and test").status()).isEqualTo(StageRecord.Status.FAILED);
        assertThat(run.calls("junit")).hasSize(1);
        assertThat(run.calls("archiveArtifacts")).isEmpty();
        assertThat(run.stage("Archive").status()).isEqualTo(StageRecord.Status.SKIPPED_AFTER_FAILURE);
        assertThat(List.of(run.error())).extracting(Throwable::getMessage).containsExactly("script returned exit code 1");
    }
}
