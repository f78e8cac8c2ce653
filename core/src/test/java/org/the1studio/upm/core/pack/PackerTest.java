package org.the1studio.upm.core.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackerTest {
    @TempDir Path tmp;

    private Path unityPackage() throws Exception {
        Path d = tmp.resolve("pkg");
        Fixtures.write(d, "package.json", Fixtures.manifest("com.acme.tools", ""));
        Fixtures.asset(d, "Runtime/A.cs", "class A {}\n");
        Fixtures.asset(d, "Runtime/B.cs", "class B {}\n".repeat(1000));
        Fixtures.asset(d, "Samples~/S/S.cs", "class S {}\n");
        Fixtures.write(d, "README.md", "# tools\n");
        return d;
    }

    @Test
    void packingTwiceGivesTheSameBytesEvenAfterTimestampsChange() throws Exception {
        Path dir = unityPackage();
        PackResult first = new Packer().pack(dir, tmp.resolve("one.tgz"));
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                Files.setLastModifiedTime(p, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
            }
        }
        PackResult second = new Packer().pack(dir, tmp.resolve("two.tgz"));

        assertThat(second.shasum()).isEqualTo(first.shasum());
        assertThat(second.integrity()).isEqualTo(first.integrity());
        assertThat(Files.readAllBytes(second.tarball())).isEqualTo(Files.readAllBytes(first.tarball()));
    }

    @Test
    void pathsInTheFilesFieldCannotReachOutOfThePackage() throws Exception {
        Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(tmp.resolve("outside/secret.txt"), "do not ship\n");
        Files.writeString(tmp.resolve("top-secret.txt"), "do not ship\n");
        Path d = tmp.resolve("pkg");
        Fixtures.write(d, "package.json", Fixtures.manifest("com.acme.traversal",
                "\"files\": [\"../outside/secret.txt\", \"../top-secret.txt\", \"Runtime/../../outside\","
                        + " \"/etc/passwd\", \"" + tmp.resolve("top-secret.txt").toString().replace("\\", "/") + "\","
                        + " \"Runtime\"]"));
        Fixtures.asset(d, "Runtime/A.cs", "class A {}\n");

        PackResult r = new Packer().pack(d, tmp.resolve("t.tgz"));

        assertThat(r.files()).containsExactlyInAnyOrder("package.json", "Runtime/A.cs", "Runtime/A.cs.meta");
        assertThat(NodeTools.readTarball(r.tarball())).extracting(NodeTools.TarFile::name)
                .allSatisfy(name -> assertThat(name).startsWith("package/").doesNotContain(".."));
    }

    @Test
    void integrityValuesAreThoseOfTheWrittenFile() throws Exception {
        Path dir = unityPackage();
        List<Long> progress = new ArrayList<>();
        PackResult r = new Packer().pack(dir, tmp.resolve("out/nested/com.acme.tools-1.0.0.tgz"), progress::add);

        byte[] bytes = Files.readAllBytes(r.tarball());
        assertThat(r.tarball()).isEqualTo(tmp.resolve("out/nested/com.acme.tools-1.0.0.tgz").toAbsolutePath());
        assertThat(r.size()).isEqualTo(bytes.length);
        assertThat(r.shasum()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes)));
        assertThat(r.integrity()).isEqualTo("sha512-"
                + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-512").digest(bytes)));
        assertThat(progress).isNotEmpty().isSorted();
        assertThat(progress.get(progress.size() - 1)).isEqualTo(bytes.length);
        try (Stream<Path> left = Files.list(r.tarball().getParent())) {
            assertThat(left).as("no temporary file left behind").containsExactly(r.tarball());
        }
    }

    @Test
    void tarEntriesCarryNpmsFixedMetadataAndTheFilesListIsInTarOrder() throws Exception {
        Path dir = unityPackage();
        Fixtures.write(dir, "Tools/run.sh", "#!/bin/sh\n");
        Fixtures.chmod(dir, "Tools/run.sh", "rwxrwxr-x");
        PackResult r = new Packer().pack(dir, tmp.resolve("p.tgz"));

        List<NodeTools.TarFile> entries = NodeTools.readTarball(r.tarball());
        assertThat(entries).extracting(NodeTools.TarFile::name)
                .containsExactlyElementsOf(r.files().stream().map(f -> "package/" + f).toList());
        assertThat(entries).allSatisfy(e -> {
            assertThat(e.regular()).isTrue();
            assertThat(e.mtime()).isEqualTo(Instant.parse("1985-10-26T08:15:00Z").getEpochSecond());
            assertThat(e.uid()).isZero();
            assertThat(e.gid()).isZero();
            assertThat(e.user()).isEmpty();
            assertThat(e.group()).isEmpty();
        });
        assertThat(entries).filteredOn(e -> e.name().equals("package/Tools/run.sh")).singleElement()
                .extracting(NodeTools.TarFile::mode).isEqualTo(0755);
        assertThat(entries).filteredOn(e -> e.name().equals("package/Runtime/A.cs")).singleElement()
                .extracting(NodeTools.TarFile::mode).isEqualTo(0644);
        assertThat(r.unpackedSize()).isEqualTo(entries.stream().mapToLong(NodeTools.TarFile::size).sum());
        assertThat(r.files()).contains("Runtime/A.cs.meta", "Samples~/S/S.cs.meta", "package.json");
    }

    @Test
    void tarballFileNameIsNpms() {
        assertThat(Packer.tarballFileName("@scope/name", "1.0.0")).isEqualTo("scope-name-1.0.0.tgz");
        assertThat(Packer.tarballFileName("com.acme.tools", "2.1.0-preview.3"))
                .isEqualTo("com.acme.tools-2.1.0-preview.3.tgz");
    }

    @Test
    void missingPackageJsonIsNamed() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("empty"));
        assertThatThrownBy(() -> new Packer().pack(dir, tmp.resolve("x.tgz")))
                .isInstanceOf(PackException.class)
                .hasMessageContaining(dir.resolve("package.json").toString())
                .hasMessageContaining("not found");
        assertThat(tmp.resolve("x.tgz")).doesNotExist();
    }

    @Test
    void missingDirectoryIsNamed() {
        Path dir = tmp.resolve("nope");
        assertThatThrownBy(() -> PackFileSelector.select(dir))
                .isInstanceOf(PackException.class)
                .hasMessageContaining(dir.toString());
    }

    @Test
    void malformedPackageJsonIsNamedWithTheProblem() throws Exception {
        Path dir = tmp.resolve("bad");
        Fixtures.write(dir, "package.json", "{ \"name\": \"com.acme.bad\", }");
        assertThatThrownBy(() -> PackFileSelector.select(dir))
                .isInstanceOf(PackException.class)
                .hasMessageContaining(dir.resolve("package.json").toString())
                .hasMessageContaining("malformed JSON");
    }

    @Test
    void symbolicLinkOutsideThePackageIsRefusedNamingTheLink() throws Exception {
        Path dir = unityPackage();
        Path outside = tmp.resolve("outside");
        Fixtures.write(outside, "Secret.cs", "outside\n");
        Files.createSymbolicLink(dir.resolve("Runtime/Linked"), outside);

        assertThatThrownBy(() -> new Packer().pack(dir, tmp.resolve("x.tgz")))
                .isInstanceOf(PackException.class)
                .hasMessageContaining("Runtime/Linked")
                .hasMessageContaining("outside the package");
        assertThat(tmp.resolve("x.tgz")).doesNotExist();
    }

    @Test
    void danglingLinkOutsideThePackageIsRefusedToo() throws Exception {
        Path dir = unityPackage();
        Files.createSymbolicLink(dir.resolve("Runtime/Gone.cs"), Path.of("../../elsewhere/Gone.cs"));
        assertThatThrownBy(() -> PackFileSelector.select(dir))
                .isInstanceOf(PackException.class)
                .hasMessageContaining("Runtime/Gone.cs");
    }

    @Test
    void linkOutsideThatWouldNotBePackedAnywayIsNoProblem() throws Exception {
        Path dir = unityPackage();
        Files.createSymbolicLink(dir.resolve("Runtime/Linked"), tmp);
        Fixtures.write(dir, ".npmignore", "Linked\n");
        Files.createSymbolicLink(dir.resolve("node_modules"), tmp);

        assertThat(PackFileSelector.select(dir)).extracting(PackEntry::path)
                .noneMatch(p -> p.startsWith("Runtime/Linked") || p.startsWith("node_modules"));
    }

    @Test
    void linksInsideThePackageAreLeftOutAsNpmDoes() throws Exception {
        Path dir = unityPackage();
        Files.createSymbolicLink(dir.resolve("Runtime/Alias.cs"), Path.of("A.cs"));
        Files.createSymbolicLink(dir.resolve("RuntimeAlias"), dir.resolve("Runtime"));

        assertThat(PackFileSelector.select(dir)).extracting(PackEntry::path)
                .contains("Runtime/A.cs")
                .noneMatch(p -> p.equals("Runtime/Alias.cs") || p.startsWith("RuntimeAlias"));
    }

    @Test
    void filesListedButMissingAreIgnored() throws Exception {
        Path dir = tmp.resolve("files");
        Fixtures.write(dir, "package.json", Fixtures.manifest("com.acme.files",
                "\"files\": [\"Runtime\", \"Nope.cs\", \"Gone/\"]"));
        Fixtures.asset(dir, "Runtime/A.cs", "a\n");
        Fixtures.write(dir, "Other.cs", "not listed\n");

        assertThat(PackFileSelector.select(dir)).extracting(PackEntry::path)
                .containsExactlyInAnyOrder("package.json", "Runtime/A.cs", "Runtime/A.cs.meta");
    }

    @Test
    void unreadableFileIsNamed() throws Exception {
        Path dir = unityPackage();
        Path locked = dir.resolve("Runtime/Locked.cs");
        Files.writeString(locked, "x");
        Fixtures.chmod(dir, "Runtime/Locked.cs", "---------");
        try {
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(locked),
                    "running as root: permissions cannot make a file unreadable");
            assertThatThrownBy(() -> new Packer().pack(dir, tmp.resolve("x.tgz")))
                    .isInstanceOf(PackException.class)
                    .hasMessageContaining("Locked.cs");
        } finally {
            Fixtures.chmod(dir, "Runtime/Locked.cs", "rw-r--r--");
        }
    }

    @Test
    void ignoreFileThatCannotBeReadIsNamed() throws Exception {
        Path dir = unityPackage();
        Files.createDirectories(dir.resolve("Runtime/.npmignore"));
        assertThatThrownBy(() -> PackFileSelector.select(dir))
                .isInstanceOf(PackException.class)
                .hasMessageContaining("Runtime/.npmignore");
    }

    @Test
    void hardLinkedFilesArePackedAsOrdinaryFiles() throws Exception {
        Path dir = unityPackage();
        Files.createLink(dir.resolve("Runtime/Twin.cs"), dir.resolve("Runtime/A.cs"));
        PackResult r = new Packer().pack(dir, tmp.resolve("h.tgz"));
        List<NodeTools.TarFile> entries = NodeTools.readTarball(r.tarball());
        NodeTools.TarFile a = NodeTools.byName(entries).get("package/Runtime/A.cs");
        NodeTools.TarFile twin = NodeTools.byName(entries).get("package/Runtime/Twin.cs");
        assertThat(twin.regular()).isTrue();
        assertThat(twin.sha256()).isEqualTo(a.sha256());
        assertThat(twin.size()).isEqualTo(a.size());
    }
}
