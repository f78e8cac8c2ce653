package org.the1studio.upm.core.pack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MissingMetaTest {
    @TempDir Path tmp;

    @Test
    void namesTheMetaFilesAFilesPatternLeftBehind() throws Exception {
        Path d = tmp.resolve("p");
        Fixtures.write(d, "package.json", Fixtures.manifest("com.acme.meta", "\"files\": [\"Runtime/*.cs\", \"Runtime.meta\", \"package.json.meta\"]"));
        Fixtures.write(d, "package.json.meta", "x\n");
        Fixtures.asset(d, "Runtime/A.cs", "a\n");
        Fixtures.write(d, "Runtime.meta", "x\n");
        Fixtures.write(d, "Runtime/B.cs", "no .meta on disk either\n");
        Fixtures.asset(d, "README.md", "r\n"); // README.md.meta is in: npm's readme rule matches it too
        Fixtures.write(d, "Samples~/S.cs", "not imported by Unity\n");

        assertThat(PackFileSelector.missingMetaFiles(PackFileSelector.select(d)))
                .containsExactly("Runtime/A.cs.meta", "Runtime/B.cs.meta");
    }

    @Test
    void completeUnityPackageAndPlainNpmPackageHaveNothingMissing() throws Exception {
        Path unity = tmp.resolve("u");
        Fixtures.write(unity, "package.json", Fixtures.manifest("com.acme.ok", ""));
        Fixtures.write(unity, "package.json.meta", "x\n");
        Fixtures.asset(unity, "Runtime/Deep/A.cs", "a\n");
        Fixtures.write(unity, "Runtime.meta", "x\n");
        Fixtures.write(unity, "Runtime/Deep.meta", "x\n");
        Fixtures.write(unity, "Documentation~/index.md", "docs\n");
        Fixtures.write(unity, "Runtime/.hidden", "x\n");
        assertThat(PackFileSelector.missingMetaFiles(PackFileSelector.select(unity))).isEmpty();

        Path npm = tmp.resolve("n");
        Fixtures.write(npm, "package.json", Fixtures.manifest("com.acme.plain", ""));
        Fixtures.write(npm, "index.js", "x\n");
        assertThat(PackFileSelector.missingMetaFiles(PackFileSelector.select(npm))).isEmpty();
    }

    @Test
    void folderWithoutItsMetaIsNamed() throws Exception {
        Path d = tmp.resolve("f");
        Fixtures.write(d, "package.json", Fixtures.manifest("com.acme.folder", ""));
        Fixtures.write(d, "package.json.meta", "x\n");
        Fixtures.asset(d, "Editor/E.cs", "e\n");
        assertThat(PackFileSelector.missingMetaFiles(PackFileSelector.select(d))).containsExactly("Editor.meta");
    }
}
