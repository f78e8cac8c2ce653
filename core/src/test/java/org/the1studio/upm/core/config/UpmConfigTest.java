package org.the1studio.upm.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpmConfigTest {
    @TempDir Path root;

    @Test
    void missingFileIsEmpty() throws Exception {
        assertThat(UpmConfig.load(root)).isEqualTo(UpmConfig.empty());
    }

    @Test
    void registryPrecedenceIsFlagThenEnvThenFile() throws Exception {
        Files.writeString(root.resolve("upm.json"), "{\"registry\": \"https://file.example/npm\"}");
        UpmConfig config = UpmConfig.load(root);
        Map<String, String> env = Map.of("UPM_REGISTRY", "https://env.example/");
        assertThat(config.resolveRegistry("https://flag.example", env, false)).isEqualTo(URI.create("https://flag.example/"));
        assertThat(config.resolveRegistry(null, env, false)).isEqualTo(URI.create("https://env.example/"));
        assertThat(config.resolveRegistry(null, Map.of(), false)).isEqualTo(URI.create("https://file.example/npm/"));
    }

    @Test
    void noRegistryAnywhereSaysWhereToSetIt() {
        assertThatThrownBy(() -> UpmConfig.empty().resolveRegistry(null, Map.of(), false))
                .isInstanceOf(UpmException.class)
                .hasMessageContaining("--registry").hasMessageContaining("UPM_REGISTRY").hasMessageContaining("upm.json");
    }

    @Test
    void publicNpmIsRefusedUnlessAllowed() throws Exception {
        assertThatThrownBy(() -> UpmConfig.empty().resolveRegistry("https://registry.npmjs.org", Map.of(), false))
                .hasMessageContaining("refusing").hasMessageContaining("--allow-public-registry");
        assertThat(UpmConfig.empty().resolveRegistry("https://registry.npmjs.org", Map.of(), true)).isNotNull();
        Files.writeString(root.resolve("upm.json"), "{\"allowPublicRegistry\": true}");
        assertThat(UpmConfig.load(root).resolveRegistry("https://registry.npmjs.org/", Map.of(), false)).isNotNull();
    }

    @Test
    void credentialsInTheUrlAreRefusedWithoutEchoingThem() {
        assertThatThrownBy(() -> UpmConfig.empty().resolveRegistry("https://bob:s3cretpass@npm.example/", Map.of(), false))
                .hasMessageContaining("contains credentials").hasMessageNotContaining("s3cretpass");
    }

    @Test
    void badUrlsAreExplained() {
        assertThatThrownBy(() -> UpmConfig.empty().resolveRegistry("ftp://npm.example", Map.of(), false))
                .hasMessageContaining("--registry").hasMessageContaining("not valid");
    }

    @Test
    void unknownSettingListsTheKnownOnes() throws Exception {
        Files.writeString(root.resolve("upm.json"), "{\"regsitry\": \"https://x.example\"}");
        assertThatThrownBy(() -> UpmConfig.load(root))
                .isInstanceOf(UpmException.class)
                .hasMessageContaining("upm.json: field 'regsitry'").hasMessageContaining("registry");
    }

    @Test
    void wrongTypeNamesTheField() throws Exception {
        Files.writeString(root.resolve("upm.json"), "{\"allowPublicRegistry\": {\"yes\": 1}}");
        assertThatThrownBy(() -> UpmConfig.load(root)).hasMessageContaining("field 'allowPublicRegistry'");
    }

    @Test
    void malformedJsonGivesThePosition() throws Exception {
        Files.writeString(root.resolve("upm.json"), "{\n\"registry\": \"x\",,\n}");
        assertThatThrownBy(() -> UpmConfig.load(root)).hasMessageContaining("upm.json").hasMessageContaining("line 2");
    }
}
