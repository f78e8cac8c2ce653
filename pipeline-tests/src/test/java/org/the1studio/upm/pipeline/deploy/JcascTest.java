package org.the1studio.upm.pipeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.the1studio.upm.pipeline.deploy.DeploymentFiles.K8S;
import static org.the1studio.upm.pipeline.deploy.DeploymentFiles.ROOT;
import static org.the1studio.upm.pipeline.deploy.DeploymentFiles.at;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The JCasC files and the Helm values together: our plugin's keys match its {@code @Symbol} and setters, every plugin
 * is pinned and every JCasC section has its plugin, the shared library and the cloud are configured, and the files
 * are valid {@code configScripts} keys.
 */
class JcascTest {

    /**
     * The JCasC attributes of {@code unclassified: upmPublisher:} agreed with the plugin (its
     * {@code UpmPublisherConfiguration} setters); {@link #upmPublisherKeysAreSettersOfThePluginSource()} checks the
     * source itself when the plugin module is present.
     */
    static final Set<String> UPM_PUBLISHER_ATTRIBUTES = Set.of("registryUrl", "credentialsId", "discordCredentialsId",
            "discordThreadId", "slackCredentialsId", "webhookCredentialsId", "webhookSecretCredentialsId",
            "geminiCredentialsId", "geminiModel", "changelogMode", "allowedBranches", "auditFolder",
            "allowPublicRegistry");

    /** Which plugin provides each JCasC root, section or symbol the files may use. */
    static final Map<String, String> SYMBOL_PLUGINS = Map.ofEntries(
            Map.entry("jenkins", "configuration-as-code"),
            Map.entry("kubernetes", "kubernetes"),
            Map.entry("credentials", "credentials"),
            Map.entry("gitHubApp", "github-branch-source"),
            Map.entry("string", "plain-credentials"),
            Map.entry("upmPublisher", "upm-publisher"),
            Map.entry("globalLibraries", "pipeline-groovy-lib"),
            Map.entry("modernSCM", "pipeline-groovy-lib"),
            Map.entry("git", "git"),
            Map.entry("gitHubPluginConfig", "github"),
            Map.entry("jobs", "job-dsl"));

    static final Set<String> ROOTS = Set.of("jenkins", "credentials", "unclassified", "jobs", "security", "tool");

    static void keys(Object node, Set<String> into) {
        if (node instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                into.add(String.valueOf(k));
                keys(v, into);
            });
        } else if (node instanceof List<?> l) {
            l.forEach(v -> keys(v, into));
        }
    }

    static Map<String, String> plugins() {
        List<String> entries = at(DeploymentFiles.values(), "controller.installPlugins");
        Map<String, String> versions = new java.util.LinkedHashMap<>();
        for (String e : entries) {
            String[] parts = e.split(":", 3);
            versions.put(parts[0], parts.length > 1 ? parts[1] : "");
        }
        return versions;
    }

    @Test
    void everyPluginIsPinnedOnceAndTheRequiredOnesAreThere() {
        List<String> entries = at(DeploymentFiles.values(), "controller.installPlugins");
        assertThat(entries).doesNotHaveDuplicates();
        for (String e : entries) {
            assertThat(e).as("plugin entry").matches("[a-z0-9-]+:[0-9][A-Za-z0-9._-]*(:https://\\S+)?");
        }
        assertThat(plugins().keySet()).as("unique ids").hasSize(entries.size());
        assertThat(plugins()).containsKeys("upm-publisher", "configuration-as-code", "job-dsl", "kubernetes",
                "workflow-aggregator", "git", "github-branch-source", "credentials", "plain-credentials",
                "timestamper", "pipeline-graph-view", "pipeline-stage-view", "pipeline-groovy-lib", "junit");
        assertThat((Boolean) at(DeploymentFiles.values(), "controller.installLatestPlugins")).isFalse();
        assertThat((Boolean) at(DeploymentFiles.values(), "controller.installLatestSpecifiedPlugins")).isFalse();
    }

    @Test
    void theControllerIsPinnedAndConfiguredOnlyByOurFiles() {
        Map<String, Object> v = DeploymentFiles.values();
        assertThat((String) at(v, "controller.image.tag")).matches("2\\.479\\.3-jdk17");
        assertThat((Integer) at(v, "controller.numExecutors")).isZero();
        assertThat((Boolean) at(v, "controller.JCasC.defaultConfig")).isFalse();
        assertThat((Map<String, Object>) at(v, "controller.resources.requests")).containsKeys("cpu", "memory");
        assertThat((Map<String, Object>) at(v, "controller.resources.limits")).containsKeys("cpu", "memory");
        assertThat((Boolean) at(v, "agent.enabled")).isFalse();
    }

    @Test
    void everyJcascSectionUsedHasItsPluginInstalled() {
        Set<String> used = new LinkedHashSet<>();
        for (Map.Entry<String, Map<String, Object>> file : DeploymentFiles.casc().entrySet()) {
            assertThat(ROOTS).as(file.getKey() + " roots").containsAll(file.getValue().keySet());
            keys(file.getValue(), used);
        }
        assertThat(used).contains("kubernetes", "gitHubApp", "string", "upmPublisher", "globalLibraries", "jobs");
        for (String symbol : used) {
            String plugin = SYMBOL_PLUGINS.get(symbol);
            if (plugin != null) {
                assertThat(plugins()).as("'" + symbol + "' needs the plugin " + plugin).containsKey(plugin);
            }
        }
    }

    @Test
    void upmPublisherUsesOnlyTheAttributesOfThePlugin() {
        Map<String, Object> config = at(DeploymentFiles.casc().get("upm"), "unclassified.upmPublisher");
        assertThat(UPM_PUBLISHER_ATTRIBUTES).containsAll(config.keySet());
        assertThat(config.get("changelogMode")).isIn("ai", "conventional", "off");
        assertThat(((String) config.get("allowedBranches")).split("[,\\s]+")).containsExactlyInAnyOrder("main", "master");
        assertThat(config.get("allowPublicRegistry")).isEqualTo(false);
        assertThat((String) config.get("registryUrl")).isEqualTo("${UPM_REGISTRY_URL}");
        assertThat(DeploymentFiles.containerEnv().get("UPM_REGISTRY_URL")).startsWith("https://");
    }

    @Test
    void upmPublisherKeysAreSettersOfThePluginSource() throws IOException {
        Path plugin = ROOT.resolve("plugin/src/main/java");
        Assumptions.assumeTrue(Files.isDirectory(plugin),
                "the plugin module is not in this checkout yet; the agreed attribute list is checked instead");
        Path source;
        try (Stream<Path> s = Files.walk(plugin)) {
            source = s.filter(p -> p.getFileName().toString().equals("UpmPublisherConfiguration.java")).findFirst()
                    .orElseThrow(() -> new AssertionError("no UpmPublisherConfiguration.java under " + plugin));
        }
        String java = Files.readString(source);
        assertThat(java).contains("@Symbol(\"upmPublisher\")");
        Set<String> setters = new TreeSet<>();
        Matcher m = Pattern.compile("@DataBoundSetter\\s+public\\s+void\\s+set([A-Z]\\w*)\\s*\\(").matcher(java);
        while (m.find()) {
            setters.add(Character.toLowerCase(m.group(1).charAt(0)) + m.group(1).substring(1));
        }
        Map<String, Object> config = at(DeploymentFiles.casc().get("upm"), "unclassified.upmPublisher");
        assertThat(setters).as("setters of " + ROOT.relativize(source)).containsAll(config.keySet());
        assertThat(setters).as("the agreed attributes").containsAll(UPM_PUBLISHER_ATTRIBUTES);
    }

    @Test
    void theSharedLibraryIsThisRepositoryAndImplicitSoAJenkinsfileIsOneLine() {
        List<Map<String, Object>> libraries = at(DeploymentFiles.casc().get("upm"), "unclassified.globalLibraries.libraries");
        assertThat(libraries).singleElement().satisfies(lib -> {
            assertThat(lib.get("name")).isEqualTo("upm");
            assertThat(lib.get("implicit")).isEqualTo(true);
            assertThat(lib.get("defaultVersion")).isEqualTo("main");
            Map<String, Object> git = at(lib, "retriever.modernSCM.scm.git");
            assertThat(git.get("remote")).isEqualTo("${UPM_LIBRARY_REPO}");
            assertThat(git.get("credentialsId")).isEqualTo("github-app");
        });
        assertThat(DeploymentFiles.containerEnv().get("UPM_LIBRARY_REPO")).matches("https://github\\.com/.+\\.git");
    }

    @Test
    void theCloudRunsAgentsInTheAgentNamespace() {
        List<Map<String, Object>> clouds = at(DeploymentFiles.casc().get("jenkins"), "jenkins.clouds");
        assertThat(clouds).singleElement().satisfies(cloud -> {
            Map<String, Object> k = at(cloud, "kubernetes");
            assertThat(k.get("namespace")).isEqualTo("${UPM_AGENT_NAMESPACE}");
            assertThat(k.get("podRetention")).isEqualTo("never");
            assertThat(k.get("containerCapStr")).isNotNull();
            List<Map<String, Object>> templates = at(k, "templates");
            assertThat(templates).extracting(t -> t.get("name")).doesNotHaveDuplicates();
        });
        assertThat(DeploymentFiles.containerEnv().get("UPM_AGENT_NAMESPACE")).isEqualTo("upm-agents");
        assertThat((Integer) at(DeploymentFiles.casc().get("jenkins"), "jenkins.numExecutors")).isZero();
    }

    @Test
    void theJcascFileNamesAreValidConfigScriptKeysAndTheInstallScriptUsesThemAll() {
        for (String name : DeploymentFiles.casc().keySet()) {
            assertThat(name).as("configScripts key").matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
        }
        String install = DeploymentFiles.read(K8S.resolve("install.sh"));
        assertThat(install).contains("for f in casc/*.yaml", "controller.JCasC.configScripts.${name}=${f}",
                "-f helm/values.yaml", "helm upgrade --install");
    }

    @Test
    void onlyVariablesWeDefineAreInterpolated() {
        // JCasC replaces ${...} everywhere, also inside job scripts: an accidental Groovy "${x}" would be replaced
        List<String> unknown = new ArrayList<>();
        Set<String> env = DeploymentFiles.containerEnv().keySet();
        for (Path f : DeploymentFiles.yamlFiles(K8S.resolve("casc"))) {
            for (String v : DeploymentFiles.variables(DeploymentFiles.read(f))) {
                if (!env.contains(v) && !v.startsWith("upm-secrets-") && !v.startsWith("chart-admin-")) {
                    unknown.add(K8S.relativize(f) + ": ${" + v + "}");
                }
            }
        }
        assertThat(unknown).isEmpty();
    }
}
