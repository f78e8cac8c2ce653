package org.the1studio.upm.pipeline.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.the1studio.upm.pipeline.deploy.DeploymentFiles.K8S;
import static org.the1studio.upm.pipeline.deploy.DeploymentFiles.ROOT;
import static org.the1studio.upm.pipeline.deploy.DeploymentFiles.at;

import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * How secrets reach Jenkins: only through the Kubernetes secrets of the template, mounted by the chart, referenced by
 * JCasC as {@code ${secret-key}}; every credential id used is defined; no secret value is written anywhere.
 */
class SecretsTest {

    /** Shapes of real secrets: if one of these ever appears in the files, someone pasted a real value. */
    static final Map<String, Pattern> SECRET_SHAPES = Map.of(
            "npm token", Pattern.compile("npm_[A-Za-z0-9]{36}"),
            "GitHub token", Pattern.compile("(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})"),
            "Discord webhook", Pattern.compile("discord(app)?\\.com/api/webhooks/\\d+/[\\w-]{20,}"),
            "Slack webhook", Pattern.compile("hooks\\.slack\\.com/services/T[A-Z0-9]+/B[A-Z0-9]+/[A-Za-z0-9]+"),
            "Google API key", Pattern.compile("AIza[0-9A-Za-z_-]{35}"),
            "private key", Pattern.compile("-----BEGIN ([A-Z]+ )?PRIVATE KEY-----"),
            "basic auth in a URL", Pattern.compile("https?://[^/\\s:@]+:[^/\\s@]+@"));

    static Map<String, Secret> templateSecrets() {
        Map<String, Secret> secrets = new LinkedHashMap<>();
        Path file = K8S.resolve("manifests/10-secrets.template.yaml");
        for (Object doc : DeploymentFiles.documents(file)) {
            Secret s = (Secret) DeploymentFiles.kubernetesObject(doc, file.toString());
            secrets.put(s.getMetadata().getName(), s);
        }
        return secrets;
    }

    @Test
    void theTemplateHoldsOnlyPlaceholders() {
        for (Secret s : templateSecrets().values()) {
            assertThat(s.getData()).as(s.getMetadata().getName() + " data").isNullOrEmpty();
            s.getStringData().forEach((k, v) -> assertThat(v).as(s.getMetadata().getName() + "." + k)
                    .matches("<[^<>]+>"));
            assertThat(s.getMetadata().getNamespace()).isEqualTo("upm-jenkins");
        }
    }

    @Test
    void everyMountedSecretKeyExistsInTheTemplate() {
        Map<String, Secret> secrets = templateSecrets();
        List<Map<String, Object>> mounted = at(DeploymentFiles.values(), "controller.additionalExistingSecrets");
        assertThat(mounted).isNotEmpty();
        for (Map<String, Object> m : mounted) {
            Secret s = secrets.get((String) m.get("name"));
            assertThat(s).as("secret " + m.get("name")).isNotNull();
            assertThat(s.getStringData()).as("secret " + m.get("name")).containsKey((String) m.get("keyName"));
        }
        Map<String, Object> admin = at(DeploymentFiles.values(), "controller.admin");
        Secret adminSecret = secrets.get((String) admin.get("existingSecret"));
        assertThat(adminSecret).as("controller.admin.existingSecret").isNotNull();
        assertThat(adminSecret.getStringData()).containsKeys((String) admin.get("userKey"), (String) admin.get("passwordKey"));
    }

    @Test
    void everyJcascVariableResolvesToASecretKeyOrASetting() {
        Set<String> mounted = new LinkedHashSet<>();
        List<Map<String, Object>> secrets = at(DeploymentFiles.values(), "controller.additionalExistingSecrets");
        secrets.forEach(m -> mounted.add(m.get("name") + "-" + m.get("keyName")));
        mounted.add("chart-admin-username");
        mounted.add("chart-admin-password");
        Set<String> env = DeploymentFiles.containerEnv().keySet();
        List<String> unresolved = new ArrayList<>();
        List<String> used = new ArrayList<>();
        for (Path f : DeploymentFiles.yamlFiles(K8S.resolve("casc"))) {
            for (String v : DeploymentFiles.variables(DeploymentFiles.read(f))) {
                used.add(v);
                if (!mounted.contains(v) && !env.contains(v)) {
                    unresolved.add(K8S.relativize(f) + ": ${" + v + "}");
                }
            }
        }
        assertThat(unresolved).as("JCasC variables with no secret key or controller.containerEnv entry").isEmpty();
        assertThat(used).as("every mounted secret is used").containsAll(
                mounted.stream().filter(m -> m.startsWith("upm-secrets-")).toList());
    }

    @Test
    void credentialValuesAreAlwaysSecretReferences() {
        List<Map<String, Object>> domains = at(DeploymentFiles.casc().get("credentials"), "credentials.system.domainCredentials");
        for (Map<String, Object> domain : domains) {
            List<Map<String, Map<String, Object>>> list = at(domain, "credentials");
            for (Map<String, Map<String, Object>> c : list) {
                Map<String, Object> fields = c.values().iterator().next();
                for (String secretField : List.of("secret", "privateKey", "password", "appID")) {
                    if (fields.containsKey(secretField)) {
                        assertThat((String) fields.get(secretField)).as(fields.get("id") + "." + secretField)
                                .matches("\\$\\{upm-secrets-[a-z0-9-]+}");
                    }
                }
            }
        }
        String users = DeploymentFiles.read(K8S.resolve("casc/jenkins.yaml"));
        assertThat(users).contains("password: \"${chart-admin-password}\"");
    }

    @Test
    void everyCredentialIdUsedIsDefined() {
        Set<String> defined = new LinkedHashSet<>();
        List<Map<String, Object>> domains = at(DeploymentFiles.casc().get("credentials"), "credentials.system.domainCredentials");
        for (Map<String, Object> domain : domains) {
            List<Map<String, Map<String, Object>>> list = at(domain, "credentials");
            for (Map<String, Map<String, Object>> c : list) {
                String id = (String) c.values().iterator().next().get("id");
                assertThat(defined.add(id)).as("credential id " + id + " defined once").isTrue();
            }
        }
        Set<String> used = new LinkedHashSet<>();
        Pattern yamlRef = Pattern.compile("(?m)^\\s*-?\\s*\\w*[cC]redentialsId:\\s*\"?([\\w.-]+)\"?\\s*$");
        Pattern dslRef = Pattern.compile("[cC]redentialsId(?:\\(|:\\s*)'([\\w.-]+)'");
        for (Path f : DeploymentFiles.yamlFiles(K8S.resolve("casc"))) {
            String text = DeploymentFiles.read(f);
            for (Pattern p : List.of(yamlRef, dslRef)) {
                Matcher m = p.matcher(text);
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertThat(used).contains("upm-npm-token", "github-app", "upm-discord-webhook", "upm-gemini-api-key",
                "github-webhook-secret");
        assertThat(defined).containsAll(used);
    }

    @Test
    void noSecretValueIsWrittenInTheLibraryTheDeploymentFilesOrTheirDocs() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("jenkins-k8s", "vars", "src", "resources")) {
            Path d = ROOT.resolve(dir);
            if (Files.isDirectory(d)) {
                try (Stream<Path> s = Files.walk(d)) {
                    s.filter(Files::isRegularFile).forEach(files::add);
                }
            }
        }
        files.add(ROOT.resolve("Jenkinsfile"));
        for (String doc : List.of("getting-started", "migration-from-github-actions", "operations", "security")) {
            files.add(ROOT.resolve("docs/" + doc + ".md"));
        }
        List<String> found = new ArrayList<>();
        for (Path f : files) {
            String text = Files.readString(f);
            SECRET_SHAPES.forEach((what, p) -> {
                Matcher m = p.matcher(text);
                if (m.find()) {
                    found.add(ROOT.relativize(f) + ": looks like a " + what);
                }
            });
        }
        assertThat(files).hasSizeGreaterThan(15);
        assertThat(found).isEmpty();
    }

    @Test
    void theSecretShapesRecogniseRealLookingValues() {
        assertThat(SECRET_SHAPES.get("GitHub token").matcher("ghp_" + "a".repeat(36)).find()).isTrue();
        assertThat(SECRET_SHAPES.get("Discord webhook").matcher(
                "https://discord.com/api/webhooks/123456789/" + "x".repeat(68)).find()).isTrue();
        assertThat(SECRET_SHAPES.get("private key").matcher("-----BEGIN RSA PRIVATE KEY-----").find()).isTrue();
        assertThat(SECRET_SHAPES.get("Google API key").matcher("AIza" + "b".repeat(35)).find()).isTrue();
    }
}
