package org.the1studio.upm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.the1studio.upm.core.config.UpmConfig;
import org.the1studio.upm.core.config.UpmException;
import picocli.CommandLine;

/** The registry flags as every command resolves them: flag, then environment, then upm.json. */
class RegistryOptionsTest {
    @TempDir
    Path tmp;

    private static RegistryOptions parse(String... args) {
        RegistryOptions options = new RegistryOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }

    private UpmConfig config(String json) throws Exception {
        Files.writeString(tmp.resolve(UpmConfig.FILE_NAME), json);
        return UpmConfig.load(tmp);
    }

    @Test
    void thePublicRegistryIsAllowedByTheFlagOrByUpmJsonAndOtherwiseRefused() throws Exception {
        UpmConfig silent = config("{\"registry\": \"https://registry.npmjs.org/\"}");
        assertThat(parse().allowPublic(silent)).isFalse();
        assertThatThrownBy(() -> parse().url(silent, Map.of())).isInstanceOf(UpmException.class)
                .hasMessageContaining("public npm registry");
        assertThat(parse("--allow-public-registry").allowPublic(silent)).isTrue();

        UpmConfig allowing = config("{\"registry\": \"https://registry.npmjs.org/\", \"allowPublicRegistry\": true}");
        assertThat(parse().allowPublic(allowing)).isTrue();
        assertThat(parse().url(allowing, Map.of())).hasToString("https://registry.npmjs.org/");
    }

    @Test
    void theTokenVariableComesFromTheFlagThenUpmJsonThenTheDefault() throws Exception {
        UpmConfig named = config("{\"tokenEnv\": \"STUDIO_NPM_TOKEN\"}");
        assertThat(parse("--token-env", "CI_TOKEN").tokenVariable(named)).isEqualTo("CI_TOKEN");
        assertThat(parse().tokenVariable(named)).isEqualTo("STUDIO_NPM_TOKEN");
        assertThat(parse().tokenVariable(UpmConfig.empty())).isEqualTo("UPM_REGISTRY_TOKEN");
    }

    @Test
    void theRegistryComesFromTheFlagThenTheEnvironmentThenUpmJson() throws Exception {
        UpmConfig file = config("{\"registry\": \"http://file.example:4873/\"}");
        Map<String, String> env = Map.of("UPM_REGISTRY", "http://env.example:4873/");
        assertThat(parse("--registry", "http://flag.example:4873/").url(file, env)).hasToString("http://flag.example:4873/");
        assertThat(parse().url(file, env)).hasToString("http://env.example:4873/");
        assertThat(parse().url(file, Map.of())).hasToString("http://file.example:4873/");
    }
}
