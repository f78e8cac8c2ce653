package org.the1studio.upm.pipeline.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.the1studio.upm.pipeline.harness.StageRecord.Status.FAILED;
import static org.the1studio.upm.pipeline.harness.StageRecord.Status.RAN;
import static org.the1studio.upm.pipeline.harness.StageRecord.Status.SKIPPED_AFTER_FAILURE;
import static org.the1studio.upm.pipeline.harness.StageRecord.Status.SKIPPED_BY_WHEN;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.the1studio.upm.pipeline.harness.PipelineError;
import org.the1studio.upm.pipeline.harness.PipelineHarness;
import org.the1studio.upm.pipeline.harness.Result;
import org.the1studio.upm.pipeline.harness.RunResult;
import org.the1studio.upm.pipeline.harness.StepCall;

/**
 * {@code vars/upmPublish.groovy} driven through the harness with stand-ins for the plugin steps: the stages, the
 * step calls and their arguments, the branch rules, the {@code [skip ci]} exit, the failure path and the parameter
 * checks.
 */
class UpmPublishTest {

    static final List<String> STAGES = List.of("Detect", "Validate", "Publish", "Changelog", "Notify");

    static Map<String, Object> change(String name, String path, String oldVersion, String newVersion) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", path);
        m.put("name", name);
        m.put("oldVersion", oldVersion);
        m.put("newVersion", newVersion);
        m.put("kind", oldVersion == null ? "ADDED" : "VERSION_CHANGED");
        return m;
    }

    static Map<String, Object> outcome(Map<String, Object> change, String outcome, String reason) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", change.get("name"));
        m.put("path", change.get("path"));
        m.put("oldVersion", change.get("oldVersion"));
        m.put("newVersion", change.get("newVersion"));
        m.put("action", outcome.equals("FAILED") ? "REJECT_ROLLBACK" : "PUBLISH");
        m.put("outcome", outcome);
        m.put("reason", reason);
        m.put("distTag", "latest");
        m.put("registryUrl", "https://npm.example.com/-/web/detail/" + change.get("name"));
        if (outcome.equals("PUBLISHED")) {
            m.put("changelogPath", change.get("path") + "/CHANGELOG.md");
        }
        return m;
    }

    static final Map<String, Object> TOOLS = change("com.acme.tools", "Packages/com.acme.tools", "1.2.0", "1.3.0");
    static final Map<String, Object> UI = change("com.acme.ui", "Packages/com.acme.ui", null, "0.1.0");

    /**
     * A repository where {@code com.acme.tools} went 1.2.0 -> 1.3.0: the plugin stand-ins answer like the real steps
     * (dry run: WOULD_PUBLISH; publish: PUBLISHED with its changelog).
     */
    static PipelineHarness repo(String branch) {
        return PipelineHarness.forRepository()
                .env("BRANCH_NAME", branch)
                .shell(script -> script.startsWith("git log") ? "feat: faster import\n" : "")
                .returning("upmDetectChanges", List.of(TOOLS))
                .onStep("upmPublishPackages", (call, body) -> Boolean.TRUE.equals(call.arg("dryRun"))
                        ? List.of(outcome(TOOLS, "WOULD_PUBLISH", "new version"))
                        : List.of(outcome(TOOLS, "PUBLISHED", "published and verified")))
                .returning("upmChangelog", Map.of("version", "1.3.0",
                        "markdown", "## [1.3.0] - 2025-01-01\n### Added\n- faster import"))
                .returning("upmNotify", null);
    }

    static List<Map<String, Object>> publishCalls(RunResult run) {
        List<Map<String, Object>> args = new ArrayList<>();
        for (StepCall c : run.calls("upmPublishPackages")) {
            args.add(c.named());
        }
        return args;
    }

    @Nested
    class OnAPublishBranch {

        @Test
        void runsTheFiveStagesInOrderAndPublishes() {
            RunResult run = repo("main").run("upmPublish", Map.of());

            assertThat(run.error()).isNull();
            assertThat(run.result()).isEqualTo(Result.SUCCESS);
            assertThat(run.stageNames()).containsExactlyElementsOf(STAGES);
            assertThat(run.ranStages()).containsExactlyElementsOf(STAGES);
            assertThat(run.stepNames()).containsExactly(
                    "libraryResource", "checkout", "sh", "upmDetectChanges",
                    "upmPublishPackages", "upmPublishPackages", "archiveArtifacts", "archiveArtifacts");
        }

        @Test
        void validatesWithADryRunThenPublishesWithOnlyWhatTheJenkinsfileSet() {
            RunResult run = repo("main").run("upmPublish", Map.of());

            assertThat(run.calls("upmDetectChanges")).singleElement()
                    .satisfies(c -> assertThat(c.stage()).isEqualTo("Detect"))
                    .satisfies(c -> assertThat(c.args()).isEmpty());
            List<StepCall> publish = run.calls("upmPublishPackages");
            assertThat(publish).extracting(StepCall::stage).containsExactly("Validate", "Publish");
            // the global upmPublisher configuration supplies registry, credentials and changelog mode
            assertThat(publishCalls(run)).containsExactly(Map.of("dryRun", true), Map.of("dryRun", false));
        }

        @Test
        void archivesTheWrittenChangelogAndTheAuditRecords() {
            RunResult run = repo("main").run("upmPublish", Map.of());

            assertThat(run.calls("archiveArtifacts")).extracting(StepCall::stage, c -> c.arg("artifacts"))
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("Changelog", "Packages/com.acme.tools/CHANGELOG.md"),
                            org.assertj.core.groups.Tuple.tuple("(post)", "upm-audit/**"));
            assertThat(run.calls("archiveArtifacts").get(1).arg("allowEmptyArchive")).isEqualTo(true);
        }

        @Test
        void describesTheBuildAndLogsATable() {
            RunResult run = repo("main").run("upmPublish", Map.of());

            assertThat(run.description()).isEqualTo("published com.acme.tools@1.3.0");
            assertThat(run.logText())
                    .contains("[upm] branch main: changed package versions are published")
                    .contains("com.acme.tools")
                    .contains("1.2.0 -> 1.3.0")
                    .contains("published (latest): published and verified  https://npm.example.com/-/web/detail/com.acme.tools");
            assertThat(run.calls("upmNotify")).isEmpty();
        }

        @Test
        void masterPublishesToo() {
            RunResult run = repo("master").run("upmPublish", Map.of());

            assertThat(publishCalls(run)).extracting(m -> m.get("dryRun")).containsExactly(true, false);
        }

        @Test
        void aPlainPipelineJobUsesGitBranch() {
            RunResult run = repo(null).env("GIT_BRANCH", "origin/main").run("upmPublish", Map.of());

            assertThat(publishCalls(run)).extracting(m -> m.get("dryRun")).containsExactly(true, false);
        }

        @Test
        void runsOnTheLibraryPodWithRetentionTimeoutAndNoConcurrentBuilds() throws Exception {
            RunResult run = repo("main").run("upmPublish", Map.of());

            String podYaml = Files.readString(PipelineHarness.repositoryRoot()
                    .resolve("resources/org/the1studio/upm/pod.yaml"));
            assertThat(run.agent()).isEqualTo(Map.of("kubernetes", Map.of("inheritFrom", "", "yaml", podYaml)));
            assertThat(run.options()).extracting(StepCall::name)
                    .containsExactly("disableConcurrentBuilds", "buildDiscarder", "timeout", "timestamps");
            assertThat(run.option("buildDiscarder").first()).isEqualTo(Map.of("logRotator",
                    Map.of("daysToKeepStr", "90", "artifactDaysToKeepStr", "90")));
            assertThat(run.option("timeout").named()).isEqualTo(Map.of("time", 30, "unit", "MINUTES"));
        }

        @Test
        void agentRetentionAndTimeoutAreParameters() {
            RunResult run = repo("main").run("upmPublish",
                    Map.of("agent", "upm-large", "retentionDays", 30, "timeoutMinutes", 60));

            assertThat(run.agent()).isEqualTo(Map.of("kubernetes", Map.of("inheritFrom", "upm-large", "yaml", "")));
            assertThat(run.calls("libraryResource")).isEmpty();
            assertThat(run.option("buildDiscarder").first()).isEqualTo(Map.of("logRotator",
                    Map.of("daysToKeepStr", "30", "artifactDaysToKeepStr", "30")));
            assertThat(run.option("timeout").named()).isEqualTo(Map.of("time", 60, "unit", "MINUTES"));
        }

        @Test
        void passesEveryPublishParameterToBothCallsAndNotifyOnlyToThePublishingOne() {
            RunResult run = repo("main").run("upmPublish", Map.of(
                    "registry", "https://npm.example.com/",
                    "credentialsId", "npm-token",
                    "gitCredentialsId", "github-app",
                    "changelog", "AI",
                    "packages", List.of("com.acme.tools"),
                    "notify", false));

            Map<String, Object> common = Map.of("registry", "https://npm.example.com/", "credentialsId", "npm-token",
                    "gitCredentialsId", "github-app", "changelog", "ai", "packages", List.of("com.acme.tools"));
            Map<String, Object> validate = new LinkedHashMap<>(common);
            validate.put("dryRun", true);
            Map<String, Object> publish = new LinkedHashMap<>(common);
            publish.put("dryRun", false);
            publish.put("notify", false);
            assertThat(publishCalls(run)).containsExactly(validate, publish);
        }

        @Test
        void aBaseCommitIsHandedToDetectionAndPublishing() {
            RunResult run = repo("main").run("upmPublish", Map.of("base", "4f1c2e9"));

            assertThat(run.calls("upmDetectChanges")).singleElement()
                    .satisfies(c -> assertThat(c.named()).isEqualTo(Map.of("base", "4f1c2e9")));
            assertThat(publishCalls(run)).extracting(m -> m.get("base")).containsExactly("4f1c2e9", "4f1c2e9");
        }

        @Test
        void packagesSelectsByNameOrFolder() {
            RunResult run = repo("main")
                    .returning("upmDetectChanges", List.of(TOOLS, UI))
                    .run("upmPublish", Map.of("packages", "Packages/com.acme.ui"));

            assertThat(run.logText()).contains("1 package version change(s)").contains("0.1.0 (new)");
            assertThat(publishCalls(run).get(0)).containsEntry("packages", List.of("Packages/com.acme.ui"));
        }

        @Test
        void branchesCanBeGlobs() {
            RunResult release = repo("release/2.x").run("upmPublish", Map.of("branches", List.of("release/*")));
            RunResult main = repo("main").run("upmPublish", Map.of("branches", List.of("release/*")));

            assertThat(publishCalls(release)).extracting(m -> m.get("dryRun")).containsExactly(true, false);
            assertThat(publishCalls(main)).extracting(m -> m.get("dryRun")).containsExactly(true);
            assertThat(main.logText()).contains("branch main is not a publish branch (release/*)");
        }
    }

    @Nested
    class DryRuns {

        @Test
        void aPullRequestRunsDetectAndValidateAndPreviewsTheChangelog() {
            RunResult run = repo("PR-12").env("CHANGE_ID", "12").run("upmPublish", Map.of());

            assertThat(run.result()).isEqualTo(Result.SUCCESS);
            assertThat(run.stageStatus()).containsExactly(
                    Map.entry("Detect", RAN), Map.entry("Validate", RAN), Map.entry("Publish", SKIPPED_BY_WHEN),
                    Map.entry("Changelog", RAN), Map.entry("Notify", RAN));
            assertThat(publishCalls(run)).containsExactly(Map.of("dryRun", true));
            assertThat(run.calls("upmChangelog")).singleElement()
                    .satisfies(c -> assertThat(c.named()).isEqualTo(Map.of("package", "com.acme.tools",
                            "version", "1.3.0", "since", "1.2.0", "write", false)));
            assertThat(run.logText())
                    .contains("[upm] Publish skipped: pull request #12 (PR-12): dry run, nothing is published")
                    .contains("changelog entry that com.acme.tools@1.3.0 would get:\n## [1.3.0] - 2025-01-01");
            assertThat(run.description()).isEqualTo("dry run: would publish com.acme.tools@1.3.0");
        }

        @Test
        void anotherBranchIsADryRun() {
            RunResult run = repo("feature/import").run("upmPublish", Map.of());

            assertThat(publishCalls(run)).containsExactly(Map.of("dryRun", true));
            assertThat(run.logText()).contains(
                    "[upm] Publish skipped: branch feature/import is not a publish branch (main, master): dry run");
        }

        @Test
        void dryRunTrueNeverPublishesEvenOnMain() {
            RunResult run = repo("main").run("upmPublish", Map.of("dryRun", true));

            assertThat(publishCalls(run)).containsExactly(Map.of("dryRun", true));
            assertThat(run.stage("Publish").status()).isEqualTo(SKIPPED_BY_WHEN);
        }

        @Test
        void changelogPreviewCanBeTurnedOff() {
            RunResult run = repo("PR-3").env("CHANGE_ID", "3").run("upmPublish", Map.of("changelogPreview", false));

            assertThat(run.calls("upmChangelog")).isEmpty();
            assertThat(run.logText()).contains("[upm] Changelog skipped: dry run, and changelogPreview: false");
        }

        @Test
        void theChangelogModeOfTheJenkinsfileIsUsedForThePreview() {
            RunResult run = repo("PR-5").env("CHANGE_ID", "5").run("upmPublish", Map.of("changelog", "ai"));

            assertThat(run.calls("upmChangelog")).singleElement()
                    .satisfies(c -> assertThat(c.arg("mode")).isEqualTo("ai"));
        }

        @Test
        void aFailingPreviewNeverFailsTheDryRun() {
            RunResult run = repo("PR-6").env("CHANGE_ID", "6")
                    .failing("upmChangelog", "[upm] the changelog mode is off: pass mode: 'conventional' or mode: 'ai'")
                    .run("upmPublish", Map.of());

            assertThat(run.result()).isEqualTo(Result.SUCCESS);
            assertThat(run.stage("Changelog").status()).isEqualTo(RAN);
            assertThat(run.logText()).contains("[upm] no changelog preview for com.acme.tools@1.3.0: [upm] the "
                    + "changelog mode is off");
        }

        @Test
        void aFailingPullRequestDoesNotNotify() {
            RunResult run = repo("PR-4").env("CHANGE_ID", "4")
                    .failing("upmPublishPackages", "com.acme.tools: manifest invalid")
                    .run("upmPublish", Map.of());

            assertThat(run.result()).isEqualTo(Result.FAILURE);
            assertThat(run.calls("upmNotify")).isEmpty();
            assertThat(run.calls("archiveArtifacts")).extracting(c -> c.arg("artifacts")).containsExactly("upm-audit/**");
        }
    }

    @Nested
    class Skips {

        @Test
        void aSkipCiCommitEndsAsNotBuiltWithoutPublishing() {
            RunResult run = repo("main")
                    .shell(s -> "docs(changelog): com.acme.tools@1.3.0 [skip ci]\n")
                    .run("upmPublish", Map.of());

            assertThat(run.result()).isEqualTo(Result.NOT_BUILT);
            assertThat(run.stageStatus()).containsExactly(
                    Map.entry("Detect", RAN), Map.entry("Validate", SKIPPED_BY_WHEN),
                    Map.entry("Publish", SKIPPED_BY_WHEN), Map.entry("Changelog", SKIPPED_BY_WHEN),
                    Map.entry("Notify", SKIPPED_BY_WHEN));
            assertThat(run.stepNames()).containsExactly("libraryResource", "checkout", "sh", "archiveArtifacts");
            assertThat(run.description()).isEqualTo("skipped: [skip ci]");
            assertThat(run.logText()).contains(
                    "[upm] Validate skipped: the commit is marked [skip ci] (the changelog commit of an earlier publish)");
        }

        @Test
        void ciSkipIsRecognisedInAnyCase() {
            RunResult run = repo("main").shell(s -> "chore: bump [CI SKIP]").run("upmPublish", Map.of());

            assertThat(run.result()).isEqualTo(Result.NOT_BUILT);
            assertThat(run.calls("upmDetectChanges")).isEmpty();
        }

        @Test
        void noVersionChangeSkipsEverythingAfterDetect() {
            RunResult run = repo("main").returning("upmDetectChanges", List.of()).run("upmPublish", Map.of());

            assertThat(run.result()).isEqualTo(Result.SUCCESS);
            assertThat(run.ranStages()).containsExactly("Detect");
            assertThat(run.calls("upmPublishPackages")).isEmpty();
            assertThat(run.logText()).contains(
                    "[upm] Publish skipped: no package version changed since the last successful build");
            assertThat(run.description()).isEqualTo("no version change");
        }

        @Test
        void nothingSelectedByPackagesIsSaid() {
            RunResult run = repo("main").run("upmPublish", Map.of("packages", List.of("com.acme.other")));

            assertThat(run.calls("upmPublishPackages")).isEmpty();
            assertThat(run.logText()).contains(
                    "none of the changed packages is selected by packages: [com.acme.other]");
        }

        @Test
        void nothingToPublishAfterValidateSkipsPublish() {
            RunResult run = repo("main")
                    .returning("upmPublishPackages", List.of(outcome(TOOLS, "SKIPPED", "already published, identical")))
                    .run("upmPublish", Map.of());

            assertThat(run.result()).isEqualTo(Result.SUCCESS);
            assertThat(publishCalls(run)).containsExactly(Map.of("dryRun", true));
            assertThat(run.logText()).contains("[upm] Publish skipped: nothing to publish: every detected version is "
                    + "already published or was refused (see Validate)");
            assertThat(run.stage("Notify").status()).isEqualTo(RAN);
        }

        @Test
        void changelogOffSkipsTheChangelogStage() {
            RunResult run = repo("main").run("upmPublish", Map.of("changelog", "off"));

            assertThat(run.stage("Changelog").status()).isEqualTo(SKIPPED_BY_WHEN);
            assertThat(run.logText()).contains("[upm] Changelog skipped: changelog: off");
        }
    }

    @Nested
    class Failures {

        @Test
        void aFailingPublishStepStillArchivesAndNotifies() {
            RunResult run = repo("main")
                    .onStep("upmPublishPackages", (call, body) -> {
                        if (Boolean.TRUE.equals(call.arg("dryRun"))) {
                            return List.of(outcome(TOOLS, "WOULD_PUBLISH", "new version"));
                        }
                        throw new PipelineError("No credentials 'npm-token' of type Secret text");
                    })
                    .run("upmPublish", Map.of());

            assertThat(run.result()).isEqualTo(Result.FAILURE);
            assertThat(run.stageStatus()).containsExactly(
                    Map.entry("Detect", RAN), Map.entry("Validate", RAN), Map.entry("Publish", FAILED),
                    Map.entry("Changelog", SKIPPED_AFTER_FAILURE), Map.entry("Notify", SKIPPED_AFTER_FAILURE));
            assertThat(run.calls("archiveArtifacts")).singleElement()
                    .satisfies(c -> assertThat(c.stage()).isEqualTo("(post)"))
                    .satisfies(c -> assertThat(c.arg("artifacts")).isEqualTo("upm-audit/**"));
            assertThat(run.calls("upmNotify")).singleElement().satisfies(c -> {
                assertThat(c.stage()).isEqualTo("(post)");
                assertThat(c.named()).isEqualTo(Map.of("status", "FAILURE", "message",
                        "upmPublish on The1Studio/com.acme.tools/main #7 failed: "
                                + "Publish: No credentials 'npm-token' of type Secret text"));
            });
            assertThat(run.error()).hasMessage("No credentials 'npm-token' of type Secret text");
        }

        @Test
        void aFailureInDetectNotifiesToo() {
            RunResult run = repo("main").failing("upmDetectChanges", "Revision abc123 not found: fetch the full history")
                    .run("upmPublish", Map.of());

            assertThat(run.result()).isEqualTo(Result.FAILURE);
            assertThat(run.calls("upmNotify")).singleElement()
                    .satisfies(c -> assertThat((String) c.arg("message"))
                            .endsWith("failed: Detect: Revision abc123 not found: fetch the full history"));
            assertThat(run.calls("archiveArtifacts")).extracting(c -> c.arg("artifacts")).containsExactly("upm-audit/**");
        }

        @Test
        void aPackageFailureReportedByTheEngineIsNotNotifiedTwice() {
            RunResult run = repo("main")
                    .returning("upmDetectChanges", List.of(TOOLS, UI))
                    .onStep("upmPublishPackages", (call, body) -> {
                        boolean dry = Boolean.TRUE.equals(call.arg("dryRun"));
                        // like the real step: a failed package makes the build FAILURE without throwing
                        PipelineHarness.currentBuild().setResult("FAILURE");
                        return List.of(outcome(TOOLS, dry ? "WOULD_PUBLISH" : "PUBLISHED", "ok"),
                                outcome(UI, "FAILED", "0.1.0 is lower than the published 0.2.0 (rollback)"));
                    })
                    .run("upmPublish", Map.of());

            assertThat(run.result()).isEqualTo(Result.FAILURE);
            assertThat(run.ranStages()).containsExactlyElementsOf(STAGES);
            assertThat(run.calls("upmNotify")).isEmpty();
            assertThat(run.description()).isEqualTo("published com.acme.tools@1.3.0; failed com.acme.ui@0.1.0");
            assertThat(run.calls("archiveArtifacts")).extracting(c -> c.arg("artifacts"))
                    .containsExactly("Packages/com.acme.tools/CHANGELOG.md", "upm-audit/**");
        }

        @Test
        void notifyFalseSilencesTheFailureNotification() {
            RunResult run = repo("main").failing("upmDetectChanges", "boom").run("upmPublish", Map.of("notify", false));

            assertThat(run.result()).isEqualTo(Result.FAILURE);
            assertThat(run.calls("upmNotify")).isEmpty();
        }

        @Test
        void aMissingNotifyStepIsLoggedAndTheOriginalFailureKept() {
            RunResult run = PipelineHarness.forRepository().env("BRANCH_NAME", "main")
                    .failing("upmDetectChanges", "Revision abc123 not found")
                    .run("upmPublish", Map.of());

            assertThat(run.result()).isEqualTo(Result.FAILURE);
            assertThat(run.error()).hasMessage("Revision abc123 not found");
            assertThat(run.logText()).contains("[upm] no failure notification sent: this Jenkins has no upmNotify step");
        }
    }

    @Nested
    class Parameters {

        RunResult withArgs(Map<String, Object> args) {
            return repo("main").run("upmPublish", args);
        }

        void assertRejected(RunResult run, String message) {
            assertThat(run.result()).isEqualTo(Result.FAILURE);
            assertThat(run.error()).isInstanceOf(PipelineError.class).hasMessage(message);
            // nothing starts: no pod, no checkout, no plugin step
            assertThat(run.stepNames()).containsExactly("error");
            assertThat(run.stages()).isEmpty();
        }

        @Test
        void anUnknownParameterIsRejectedWithASuggestion() {
            assertRejected(withArgs(Map.of("regsitry", "https://npm.example.com/")),
                    "upmPublish: unknown parameter 'regsitry' (did you mean 'registry'?). Known parameters: agent, "
                            + "base, branches, changelog, changelogPreview, credentialsId, dryRun, gitCredentialsId, notify, "
                            + "packages, registry, retentionDays, timeoutMinutes");
        }

        @Test
        void aQuotedBooleanIsRejected() {
            assertRejected(withArgs(Map.of("notify", "false")),
                    "upmPublish: parameter 'notify' must be true or false (without quotes), not the string 'false'");
        }

        @Test
        void aBadChangelogModeIsRejected() {
            assertRejected(withArgs(Map.of("changelog", "fancy")),
                    "upmPublish: parameter 'changelog' must be one of ai, conventional, off, not 'fancy'");
        }

        @Test
        void aNumberOutOfRangeIsRejected() {
            assertRejected(withArgs(Map.of("timeoutMinutes", 0)),
                    "upmPublish: parameter 'timeoutMinutes' must be between 1 and 720, not 0");
        }

        @Test
        void aQuotedNumberIsRejected() {
            assertRejected(withArgs(Map.of("retentionDays", "90")),
                    "upmPublish: parameter 'retentionDays' must be a whole number (without quotes), not the string '90'");
        }

        @Test
        void aRegistryMustBeAnHttpUrl() {
            assertRejected(withArgs(Map.of("registry", "npm.example.com")),
                    "upmPublish: parameter 'registry' 'npm.example.com' is not valid (the registry URL, e.g. "
                            + "https://npm.example.com/; default: the global upmPublisher setting)");
        }

        @Test
        void packagesMustBeStrings() {
            assertRejected(withArgs(Map.of("packages", List.of("com.acme.tools", 3))),
                    "upmPublish: parameter 'packages' must hold only strings, not Integer 3 "
                            + "(package names or folders, e.g. ['com.acme.tools'])");
        }

        @Test
        void anAgentMustBeAPodTemplateName() {
            assertRejected(withArgs(Map.of("agent", "Big Pod")),
                    "upmPublish: parameter 'agent' 'Big Pod' is not valid (the name of a pod template of the "
                            + "Kubernetes cloud)");
        }

        @Test
        void everyProblemIsReportedAtOnce() {
            Map<String, Object> args = new LinkedHashMap<>();
            args.put("notfy", true);
            args.put("changelog", "markdown");
            args.put("dryRun", 1);
            RunResult run = withArgs(args);

            assertThat(run.error().getMessage().lines()).containsExactly(
                    "upmPublish: unknown parameter 'notfy' (did you mean 'notify'?). Known parameters: agent, base, branches, "
                            + "changelog, changelogPreview, credentialsId, dryRun, gitCredentialsId, notify, packages, "
                            + "registry, retentionDays, timeoutMinutes",
                    "upmPublish: parameter 'changelog' must be one of ai, conventional, off, not 'markdown'",
                    "upmPublish: parameter 'dryRun' must be true or false (without quotes), not Integer 1");
        }

        @Test
        void nullMeansTheDefault() {
            Map<String, Object> args = new LinkedHashMap<>();
            args.put("registry", null);
            args.put("notify", null);
            RunResult run = withArgs(args);

            assertThat(run.result()).isEqualTo(Result.SUCCESS);
            assertThat(publishCalls(run)).containsExactly(Map.of("dryRun", true), Map.of("dryRun", false));
        }

        @Test
        void noArgumentsAtAllWorkLikeAnEmptyMap() {
            RunResult run = repo("main").run("upmPublish", null);

            assertThat(run.result()).isEqualTo(Result.SUCCESS);
            assertThat(run.ranStages()).containsExactlyElementsOf(STAGES);
        }
    }
}
