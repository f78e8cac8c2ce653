package org.the1studio.upm.core.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.the1studio.upm.core.testing.GitFixture;

/** The shared git fixture does what other tests rely on. */
class GitFixtureTest {
    @TempDir Path dir;

    @Test
    void commitsAreDeterministicAndRecordDeletionsAndMoves() {
        String first;
        String second;
        try (GitFixture a = GitFixture.init(dir.resolve("a"))) {
            a.write("x/one.txt", "1").write("two.txt", "2");
            first = a.commit("first");
            a.move("x/one.txt", "y/one.txt").delete("two.txt");
            second = a.commit("second", "Alice", "alice@example.com");
            assertThat(a.runGit("ls-files")).isEqualTo("y/one.txt");
            assertThat(a.runGit("log", "-1", "--format=%an <%ae> / %cn <%ce> / %cI"))
                    .isEqualTo("Alice <alice@example.com> / Dev <dev@example.com> / 2024-01-01T00:01:00+00:00");
            assertThat(a.runGit("rev-parse", "--abbrev-ref", "HEAD")).isEqualTo("main");
            assertThat(a.head()).isEqualTo(second);
        }
        try (GitFixture b = GitFixture.init(dir.resolve("b"))) {
            b.write("x/one.txt", "1").write("two.txt", "2");
            assertThat(b.commit("first")).isEqualTo(first);
        }
    }

    @Test
    void mergeMakesATwoParentCommit() {
        try (GitFixture repo = GitFixture.init(dir)) {
            repo.write("a.txt", "a").commit("base");
            repo.branch("feature").checkout("feature").write("b.txt", "b").commit("feature work");
            repo.checkout("main").write("c.txt", "c").commit("main work");
            String merge = repo.merge("feature");
            assertThat(repo.runGit("rev-list", "--parents", "-n", "1", merge).split(" ")).hasSize(3);
            assertThat(repo.root().resolve("b.txt")).exists();
            assertThat(repo.runGit("log", "-1", "--format=%s")).isEqualTo("Merge branch 'feature'");
        }
    }

    @Test
    void bareRemoteCloneAndShallowClone() {
        try (GitFixture repo = GitFixture.init(dir.resolve("work"))) {
            repo.write("a.txt", "1").commit("one");
            Path remote = repo.createBareRemote(dir.resolve("remote.git"));
            repo.write("a.txt", "2").commit("two");
            repo.push();
            try (GitFixture full = GitFixture.cloneOf(remote, dir.resolve("full"))) {
                assertThat(full.head()).isEqualTo(repo.head());
                assertThat(full.runGit("rev-list", "--count", "HEAD")).isEqualTo("2");
            }
            try (GitFixture shallow = GitFixture.cloneShallow(remote, dir.resolve("shallow"), 1)) {
                assertThat(shallow.head()).isEqualTo(repo.head());
                assertThat(shallow.root().resolve(".git/shallow")).exists();
                assertThat(shallow.runGit("rev-list", "--count", "HEAD")).isEqualTo("1");
            }
        }
    }

    @Test
    void runGitFailsWithStderr() {
        try (GitFixture repo = GitFixture.init(dir)) {
            assertThatThrownBy(() -> repo.runGit("rev-parse", "--verify", "nope^{commit}"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("exited 128");
        }
    }

    @Test
    void unityManifestIsAValidUnityPackageJson() throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode m = json.readTree(GitFixture.unityManifest("com.acme.tools", "1.2.3"));
        assertThat(m.get("name").asText()).isEqualTo("com.acme.tools");
        assertThat(m.get("version").asText()).isEqualTo("1.2.3");
        assertThat(m.get("unity").asText()).isEqualTo("2022.3");
        assertThat(m.get("displayName").asText()).isEqualTo("Tools");
        assertThat(m.get("description").asText()).isNotBlank();
        assertThat(GitFixture.unityManifest("com.acme.tools", "1.2.3")).contains("\"name\": \"com.acme.tools\"")
                .endsWith("}\n");

        Map<String, Object> extra = new HashMap<>();
        extra.put("unity", null);
        extra.put("files", List.of("Runtime"));
        JsonNode n = json.readTree(GitFixture.unityManifest("tool", "0.1.0", extra));
        assertThat(n.has("unity")).isFalse();
        assertThat(n.get("files").get(0).asText()).isEqualTo("Runtime");
        Files.writeString(dir.resolve("x.json"), GitFixture.unityManifest("a.b", "1.0.0"));
    }
}
