package org.the1studio.upm.pipeline.library;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.the1studio.upm.pipeline.harness.PipelineError;
import org.the1studio.upm.pipeline.harness.PipelineHarness;
import org.the1studio.upm.pipeline.harness.RunResult;
import org.the1studio.upm.pipeline.harness.StepCall;
import org.yaml.snakeyaml.Yaml;

/**
 * Every step, option and agent type the library and the project's Jenkinsfile use, on every path the tests take,
 * comes from a plugin the Helm values install: a pipeline never fails in production with "No such DSL method".
 */
class StepPluginsTest {

    /** Where each step, option or agent type comes from ("core": Jenkins itself). */
    static final Map<String, String> PROVIDERS = Map.ofEntries(
            Map.entry("pipeline", "pipeline-model-definition"),
            Map.entry("agent:kubernetes", "kubernetes"),
            Map.entry("echo", "workflow-basic-steps"),
            Map.entry("error", "workflow-basic-steps"),
            Map.entry("unstable", "workflow-basic-steps"),
            Map.entry("fileExists", "workflow-basic-steps"),
            Map.entry("timeout", "workflow-basic-steps"),
            Map.entry("sh", "workflow-durable-task-step"),
            Map.entry("checkout", "workflow-scm-step"),
            Map.entry("git", "git"),
            Map.entry("archiveArtifacts", "core"),
            Map.entry("junit", "junit"),
            Map.entry("libraryResource", "pipeline-groovy-lib"),
            Map.entry("disableConcurrentBuilds", "workflow-job"),
            Map.entry("buildDiscarder", "core"),
            Map.entry("timestamps", "timestamper"),
            Map.entry("skipDefaultCheckout", "pipeline-model-definition"),
            Map.entry("upmDetectChanges", "upm-publisher"),
            Map.entry("upmPublishPackages", "upm-publisher"),
            Map.entry("upmChangelog", "upm-publisher"),
            Map.entry("upmNotify", "upm-publisher"),
            Map.entry("upmFleetCheck", "upm-publisher"));

    /** Plugins that come with workflow-aggregator (Pipeline). */
    static final Set<String> AGGREGATED = Set.of("workflow-basic-steps", "workflow-durable-task-step",
            "workflow-scm-step", "workflow-job", "workflow-cps", "pipeline-model-definition", "pipeline-groovy-lib");

    static List<RunResult> runs() throws Exception {
        List<RunResult> runs = new ArrayList<>();
        runs.add(UpmPublishTest.repo("main").run("upmPublish", Map.of()));
        runs.add(UpmPublishTest.repo("PR-1").env("CHANGE_ID", "1").run("upmPublish", Map.of()));
        runs.add(UpmPublishTest.repo("main").failing("upmDetectChanges", "x").run("upmPublish", Map.of()));
        runs.add(UpmPublishTest.repo("main").run("upmPublish", Map.of("timeoutMinutes", "x")));
        runs.add(UpmFleetCheckTest.fleet(UpmFleetCheckTest.counts(1, 1, 0, 0, 0))
                .run("upmFleetCheck", Map.of("configRepository", UpmFleetCheckTest.CONFIG)));
        runs.add(UpmFleetCheckTest.fleet(null).failing("upmFleetCheck", "x").run("upmFleetCheck", Map.of()));
        runs.add(PipelineHarness.forRepository().returning("junit", null).onStep("sh", (c, b) -> {
            throw new PipelineError("exit 1");
        }).runScript("Jenkinsfile", Files.readString(PipelineHarness.repositoryRoot().resolve("Jenkinsfile"))));
        runs.add(PipelineHarness.forRepository().returning("junit", null)
                .runScript("Jenkinsfile", Files.readString(PipelineHarness.repositoryRoot().resolve("Jenkinsfile"))));
        return runs;
    }

    @SuppressWarnings("unchecked")
    static Set<String> installedPlugins() throws Exception {
        Map<String, Object> values = new Yaml().load(Files.readString(
                PipelineHarness.repositoryRoot().resolve("jenkins-k8s/helm/values.yaml")));
        List<String> entries = (List<String>) ((Map<String, Object>) values.get("controller")).get("installPlugins");
        Set<String> ids = new LinkedHashSet<>();
        entries.forEach(e -> ids.add(e.split(":")[0]));
        return ids;
    }

    @Test
    void everythingUsedIsProvidedByAnInstalledPlugin() throws Exception {
        Set<String> used = new LinkedHashSet<>();
        for (RunResult run : runs()) {
            run.calls().stream().map(StepCall::name).forEach(used::add);
            run.options().stream().map(StepCall::name).forEach(used::add);
            if (run.agent() instanceof Map<?, ?> agent) {
                agent.keySet().forEach(k -> used.add("agent:" + k));
            }
            if (!run.stages().isEmpty()) {
                used.add("pipeline");
            }
        }
        assertThat(used).contains("upmDetectChanges", "upmPublishPackages", "upmChangelog", "upmNotify",
                "upmFleetCheck", "junit", "agent:kubernetes", "timestamps");
        assertThat(PROVIDERS.keySet()).as("every step used has a known provider").containsAll(used);
        Set<String> installed = installedPlugins();
        Map<String, String> missing = new LinkedHashMap<>();
        for (String u : used) {
            String plugin = PROVIDERS.get(u);
            boolean ok = plugin.equals("core") || installed.contains(plugin)
                    || (AGGREGATED.contains(plugin) && installed.contains("workflow-aggregator"));
            if (!ok) {
                missing.put(u, plugin);
            }
        }
        assertThat(missing).isEmpty();
    }
}
