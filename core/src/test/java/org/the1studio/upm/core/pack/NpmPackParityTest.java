package org.the1studio.upm.core.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Packs the same fixtures with the real {@code npm pack} and with {@link Packer}, and compares what the tarballs
 * unpack to: the same entries in the same order, same bytes, same modes, same header metadata. (The compressed bytes
 * differ between Node's zlib and Java's, so the whole-tarball hashes are not compared.) All fixtures go through one
 * npm run to keep the test fast.
 */
class NpmPackParityTest {
    @TempDir static Path tmp;
    private static final Map<String, Path> fixtures = new LinkedHashMap<>();
    private static final Map<String, Path> npmTarballs = new LinkedHashMap<>();

    @BeforeAll
    static void packAllWithNpm() throws Exception {
        assumeTrue(NodeTools.available("npm"), "the npm CLI is not on PATH; these tests compare with the real npm pack");
        Path src = Files.createDirectories(tmp.resolve("src"));
        fixtures.put("unity-plain", Fixtures.unityPlain(src));
        fixtures.put("files-field", Fixtures.filesField(src));
        fixtures.put("nested-ignore", Fixtures.nestedIgnore(src));
        fixtures.put("gitignore-fallback", Fixtures.gitignoreFallback(src));
        fixtures.put("only-always", Fixtures.onlyAlways(src));
        fixtures.put("edge-cases", Fixtures.edgeCases(src));
        fixtures.put("typical-unity", Fixtures.typicalUnity(src));
        Path out = Files.createDirectories(tmp.resolve("npm-out"));
        List<String> cmd = new ArrayList<>(List.of("npm", "pack", "--json", "--ignore-scripts", "--pack-destination",
                out.toString()));
        fixtures.values().forEach(p -> cmd.add(p.toString()));
        NodeTools.Result r = NodeTools.run(out, cmd, null);
        assertThat(r.exit()).as("npm pack failed: %s", r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        int i = 0;
        for (String name : fixtures.keySet()) {
            npmTarballs.put(name, out.resolve(json.get(i++).get("filename").asText()));
        }
    }

    private void assertSameAsNpm(String fixture) throws Exception {
        Path dir = fixtures.get(fixture);
        Path ours = tmp.resolve("ours").resolve(fixture + ".tgz");
        PackResult result = new Packer().pack(dir, ours);

        List<NodeTools.TarFile> npm = NodeTools.readTarball(npmTarballs.get(fixture));
        List<NodeTools.TarFile> mine = NodeTools.readTarball(ours);
        assertThat(names(mine)).as("entries and their order").containsExactlyElementsOf(names(npm));
        assertThat(mine).as("bytes, modes, sizes, times and owners of every entry").containsExactlyElementsOf(npm);
        assertThat(result.files()).containsExactlyElementsOf(
                names(npm).stream().map(n -> n.substring("package/".length())).toList());
        assertThat(PackFileSelector.select(dir).stream().map(PackEntry::path).toList())
                .containsExactlyElementsOf(result.files());
        assertThat(result.unpackedSize()).isEqualTo(npm.stream().mapToLong(NodeTools.TarFile::size).sum());
    }

    private static List<String> names(List<NodeTools.TarFile> files) {
        return files.stream().map(NodeTools.TarFile::name).toList();
    }

    @Test
    void plainUnityPackageWithMetaFilesSamplesAndJunk() throws Exception {
        assertSameAsNpm("unity-plain");
        List<String> files = new Packer().pack(fixtures.get("unity-plain"), tmp.resolve("plain.tgz")).files();
        assertThat(files).contains("Runtime/Foo.cs", "Runtime/Foo.cs.meta", "Runtime.meta",
                "Samples~/Demo/Demo.unity.meta", "Documentation~/index.md", "Runtime/Ünïcödé/Grüße.cs",
                "Tests/Fixture/other.txt", "Tools/build.sh");
        assertThat(files).doesNotContain(".npmrc", "package-lock.json", ".DS_Store", "node_modules/dep/index.js",
                "Runtime/FooLink.cs", "Runtime/we*ird.cs", ".git/config", "Runtime/.git");
    }

    @Test
    void filesFieldWithGlobsNegationsAndNestedNpmignore() throws Exception {
        assertSameAsNpm("files-field");
    }

    @Test
    void nestedNpmignoreAndGitignoreFallback() throws Exception {
        assertSameAsNpm("nested-ignore");
    }

    @Test
    void gitignoreFallbackWhenThereIsNoNpmignore() throws Exception {
        assertSameAsNpm("gitignore-fallback");
    }

    @Test
    void emptyFilesListKeepsOnlyAlwaysIncludedFilesAndMakesTheRootBinExecutable() throws Exception {
        assertSameAsNpm("only-always");
        List<PackEntry> entries = PackFileSelector.select(fixtures.get("only-always"));
        assertThat(entries).filteredOn(e -> e.path().equals("tool.js")).singleElement()
                .extracting(PackEntry::mode).isEqualTo(0755);
    }

    @Test
    void oddFilesEntriesMainBrowserAndBin() throws Exception {
        assertSameAsNpm("edge-cases");
    }

    @Test
    void typicalUnityNpmignore() throws Exception {
        assertSameAsNpm("typical-unity");
    }
}
