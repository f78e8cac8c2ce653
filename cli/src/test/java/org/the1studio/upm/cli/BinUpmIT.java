package org.the1studio.upm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.the1studio.upm.core.testing.GitFixture;
import org.the1studio.upm.core.testing.VerdaccioServer;

/**
 * {@code bin/upm} itself, the way a user runs it: the packaged jar in a fresh JVM per command, and the
 * class-data-sharing archive the script keeps beside the jar (written by the first publish that gets past its
 * configuration, mapped by every run after it). Runs after {@code package}, against a copy of the jar so the
 * developer's own archive next to {@code target/upm.jar} is left alone.
 */
class BinUpmIT {
    private static final Path SCRIPT = Path.of(System.getProperty("upm.bin", "../bin/upm")).toAbsolutePath();
    private static final Path BUILT_JAR = Path.of(System.getProperty("upm.jar", "target/upm.jar")).toAbsolutePath();

    @TempDir
    Path tmp;

    private Path jar;
    private Path archive;
    private VerdaccioServer verdaccio;

    private record Run(int code, String out) {}

    @BeforeEach
    void copyTheJar() throws IOException {
        jar = Files.copy(BUILT_JAR, Files.createDirectories(tmp.resolve("install")).resolve("upm.jar"));
        archive = tmp.resolve("install/upm.jsa");
        verdaccio = VerdaccioServer.shared();
    }

    private Run upm(Map<String, String> extraEnv, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("UPM_JAR", jar.toString());
        pb.environment().remove("UPM_REGISTRY_TOKEN");
        pb.environment().remove("UPM_JAVA_OPTS");
        pb.environment().putAll(extraEnv);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("bin/upm finished").isTrue();
        return new Run(p.exitValue(), out);
    }

    private GitFixture repoWithPackage(String name) throws IOException {
        GitFixture repo = GitFixture.init(tmp.resolve("repo-" + name));
        repo.write("Packages/" + name + "/package.json", GitFixture.unityManifest(name, "1.0.0"));
        repo.write("Packages/" + name + "/Runtime/A.cs", "class A {}\n");
        repo.write("Packages/" + name + "/Runtime/A.cs.meta", "fileFormatVersion: 2\nguid: 22222222222222222222222222222222\n");
        repo.commit("feat: " + name);
        return repo;
    }

    @Test
    void onlyAPublishThatGetsPastItsConfigurationWritesTheArchiveAndLaterRunsMapIt() throws Exception {
        Run version = upm(Map.of(), "--version");
        assertThat(version.code()).as(version.out()).isZero();
        assertThat(version.out()).startsWith("upm ");
        assertThat(archive).as("--version loads too little to be worth an archive").doesNotExist();

        GitFixture first = repoWithPackage(VerdaccioServer.uniqueName("com.binupm.first"));
        Run refused = upm(Map.of("UPM_REGISTRY", verdaccio.url()), "publish", "-C", first.root().toString(),
                "--no-commit", "--branch", "main");
        assertThat(refused.code()).as(refused.out()).isEqualTo(2);
        assertThat(refused.out()).contains("UPM_REGISTRY_TOKEN");
        assertThat(archive).as("a run refused at the start keeps no archive").doesNotExist();
        try (var installed = Files.list(archive.getParent())) {
            assertThat(installed).as("nor a partial one").containsExactly(jar);
        }

        Map<String, String> registry = Map.of("UPM_REGISTRY", verdaccio.url(), "UPM_REGISTRY_TOKEN", verdaccio.token());
        Run published = upm(registry, "publish", "-C", first.root().toString(), "--no-commit", "--branch", "main");
        assertThat(published.code()).as(published.out()).isZero();
        assertThat(published.out()).contains("published");
        assertThat(archive).as("the first successful publish writes the archive").isRegularFile();

        GitFixture second = repoWithPackage(VerdaccioServer.uniqueName("com.binupm.second"));
        Path classLog = tmp.resolve("classes.log");
        Map<String, String> logged = new java.util.HashMap<>(registry);
        logged.put("UPM_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog);
        Run mapped = upm(logged, "publish", "-C", second.root().toString(), "--no-commit", "--branch", "main");
        assertThat(mapped.code()).as(mapped.out()).isZero();
        assertThat(Files.readString(classLog))
                .as("the engine's classes come from the archive")
                .contains("org.the1studio.upm.core.publish.PublishEngine source: shared objects file (top)");
    }
}
