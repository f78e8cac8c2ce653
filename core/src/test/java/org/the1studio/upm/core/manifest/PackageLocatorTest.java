package org.the1studio.upm.core.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageLocatorTest {
    @TempDir Path root;

    private void manifest(String rel, String name) throws Exception {
        Path file = root.resolve(rel);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"name\":\"" + name + "\",\"version\":\"1.0.0\",\"unity\":\"2022.3\"}");
    }

    @Test
    void findsThePackageByNameAndSkipsGeneratedAndHiddenFolders() throws Exception {
        manifest("Packages/com.acme.tools/package.json", "com.acme.tools");
        manifest("Packages/com.acme.other/package.json", "com.acme.other");
        manifest("node_modules/com.acme.tools/package.json", "com.acme.tools");
        manifest("Library/PackageCache/com.acme.tools@1.0.0/package.json", "com.acme.tools");
        manifest(".hidden/package.json", "com.acme.tools");
        Files.writeString(root.resolve("Packages/broken.json"), "{");
        Files.createDirectories(root.resolve("Packages/broken"));
        Files.writeString(root.resolve("Packages/broken/package.json"), "{ not json");

        assertThat(PackageLocator.manifestsNamed(root, "com.acme.tools"))
                .containsExactly(root.resolve("Packages/com.acme.tools/package.json"));
        assertThat(PackageLocator.manifestsNamed(root, "com.acme.none")).isEmpty();
    }

    @Test
    void reportsEveryManifestWithTheNameSoCallersCanRefuseDuplicates() throws Exception {
        manifest("a/package.json", "com.acme.dup");
        manifest("b/package.json", "com.acme.dup");

        assertThat(PackageLocator.manifestsNamed(root, "com.acme.dup")).hasSize(2);
    }
}
