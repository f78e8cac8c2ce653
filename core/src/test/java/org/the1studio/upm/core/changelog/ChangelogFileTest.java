package org.the1studio.upm.core.changelog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChangelogFileTest {
    private static final String OLD = "1".repeat(40);
    private static final String HEAD = "2".repeat(40);
    private static final String REPO = "https://github.com/acme/tools";

    @TempDir
    Path dir;

    private static ChangelogEntry entry(String version, String body, String previousCommit) {
        LocalDate date = LocalDate.of(2024, 5, 17);
        return new ChangelogEntry(version, date, ChangelogEntry.heading(version, date) + "\n\n" + body, null, body,
                ChangelogMode.CONVENTIONAL, previousCommit == null ? null : "0.9.0", previousCommit, HEAD,
                "Packages/com.acme.tools", List.of(), List.of());
    }

    private ChangelogWrite write(ChangelogEntry e, String repo) throws IOException {
        return ChangelogFile.write(dir.resolve("CHANGELOG.md"), e, repo);
    }

    private String read() throws IOException {
        return Files.readString(dir.resolve("CHANGELOG.md"));
    }

    @Test
    void aMissingFileIsCreatedWithTheStandardHeaderAndUnreleased() throws IOException {
        ChangelogWrite w = write(entry("1.0.0", "### Added\n\n- First", null), null);

        assertThat(w.changed()).isTrue();
        assertThat(w.file()).isEqualTo(dir.resolve("CHANGELOG.md"));
        assertThat(read()).isEqualTo("""
                # Changelog

                All notable changes to this package will be documented in this file.

                The format is based on [Keep a Changelog](https://keepachangelog.com/en/1.1.0/),
                and this project adheres to [Semantic Versioning](https://semver.org/spec/v2.0.0.html).

                ## [Unreleased]

                ## [1.0.0] - 2024-05-17

                ### Added

                - First
                """);
    }

    @Test
    void unreleasedItemsArePromotedIntoTheNewVersionAndUnreleasedIsKeptEmpty() throws IOException {
        Files.writeString(dir.resolve("CHANGELOG.md"), """
                # Changelog

                ## [Unreleased]

                Hand-written intro.

                ### Fixed

                - A crash on exit
                  (with a continuation line)

                ### Notes

                - Something custom

                ## [0.9.0] - 2024-01-01

                ### Added

                - Old stuff

                [unreleased]: https://github.com/acme/tools/compare/aaaa...HEAD
                [0.9.0]: https://github.com/acme/tools/compare/bbbb...aaaa
                """);

        write(entry("1.0.0", "### Added\n\n- New API\n\n### Fixed\n\n- A crash on exit\n- Another bug", OLD), REPO);

        assertThat(read()).isEqualTo("""
                # Changelog

                ## [Unreleased]

                ## [1.0.0] - 2024-05-17

                Hand-written intro.

                ### Added

                - New API

                ### Fixed

                - A crash on exit
                  (with a continuation line)
                - Another bug

                ### Notes

                - Something custom

                ## [0.9.0] - 2024-01-01

                ### Added

                - Old stuff

                [unreleased]: https://github.com/acme/tools/compare/%2$s...HEAD
                [1.0.0]: https://github.com/acme/tools/compare/%1$s...%2$s
                [0.9.0]: https://github.com/acme/tools/compare/bbbb...aaaa
                """.formatted(OLD, HEAD));
    }

    @Test
    void aMaintenanceLineIsDroppedWhenUnreleasedHasContent() throws IOException {
        Files.writeString(dir.resolve("CHANGELOG.md"), "# Changelog\n\n## [Unreleased]\n\n### Changed\n\n- Tuned\n");
        write(entry("1.0.1", "### Changed\n\n- " + ConventionalWriter.MAINTENANCE, OLD), null);
        assertThat(read()).isEqualTo("# Changelog\n\n## [Unreleased]\n\n## [1.0.1] - 2024-05-17\n\n### Changed\n\n- Tuned\n");
    }

    @Test
    void aSecondRunForTheSameVersionChangesNothing() throws IOException {
        write(entry("1.0.0", "### Added\n\n- First", null), REPO);
        byte[] before = Files.readAllBytes(dir.resolve("CHANGELOG.md"));

        ChangelogWrite again = write(entry("1.0.0", "### Added\n\n- Something else", OLD), REPO);

        assertThat(again.changed()).isFalse();
        assertThat(Files.readAllBytes(dir.resolve("CHANGELOG.md"))).isEqualTo(before);
        Files.writeString(dir.resolve("CHANGELOG.md"), "# Changelog\n\n## v1.0.0 (2020-01-01)\n\n- Old style\n");
        assertThat(write(entry("1.0.0", "### Added\n\n- x", null), null).changed()).as("other heading styles").isFalse();
    }

    @Test
    void crlfFilesStayCrlfAndABomIsKept() throws IOException {
        String crlf = "\uFEFF# Changelog\r\n\r\n## [Unreleased]\r\n\r\n## [1.0.0] - 2024-01-01\r\n\r\n### Added\r\n\r\n- First\r\n";
        Files.write(dir.resolve("CHANGELOG.md"), crlf.getBytes(StandardCharsets.UTF_8));

        write(entry("1.1.0", "### Fixed\n\n- A bug", OLD), null);

        String out = new String(Files.readAllBytes(dir.resolve("CHANGELOG.md")), StandardCharsets.UTF_8);
        assertThat(out).startsWith("\uFEFF# Changelog\r\n");
        assertThat(out.replace("\r\n", "")).doesNotContain("\n");
        assertThat(out).isEqualTo("\uFEFF# Changelog\r\n\r\n## [Unreleased]\r\n\r\n## [1.1.0] - 2024-05-17\r\n\r\n"
                + "### Fixed\r\n\r\n- A bug\r\n\r\n## [1.0.0] - 2024-01-01\r\n\r\n### Added\r\n\r\n- First\r\n");
    }

    @Test
    void aHotfixOfAnOlderLineGoesInSemverOrderAndLeavesUnreleasedAlone() throws IOException {
        Files.writeString(dir.resolve("CHANGELOG.md"), """
                # Changelog

                ## [Unreleased]

                - For 2.1

                ## [2.0.0] - 2024-03-01

                - Two

                ## [1.4.0] - 2024-02-01

                - One four
                """);

        write(entry("1.4.1", "### Fixed\n\n- Backported fix", OLD), null);

        assertThat(read()).isEqualTo("""
                # Changelog

                ## [Unreleased]

                - For 2.1

                ## [2.0.0] - 2024-03-01

                - Two

                ## [1.4.1] - 2024-05-17

                ### Fixed

                - Backported fix

                ## [1.4.0] - 2024-02-01

                - One four
                """);
    }

    @Test
    void withoutUnreleasedTheSectionGoesAboveTheNewestVersionAndLinksAreAdded() throws IOException {
        Files.writeString(dir.resolve("CHANGELOG.md"), "# Changes\n\nSome text.\n\n## [0.9.0] - 2024-01-01\n\n- Old\n");

        write(entry("1.0.0", "### Added\n\n- New", OLD), REPO + ".git/");

        assertThat(read()).isEqualTo("""
                # Changes

                Some text.

                ## [1.0.0] - 2024-05-17

                ### Added

                - New

                ## [0.9.0] - 2024-01-01

                - Old

                [1.0.0]: https://github.com/acme/tools/compare/%s...%s
                """.formatted(OLD, HEAD));
    }

    @Test
    void aFirstReleaseLinksThePackageFolderAtTheReleasedCommit() throws IOException {
        write(entry("1.0.0", "### Added\n\n- First", null), "https://gitlab.example.com/acme/tools");
        assertThat(read()).endsWith("""
                - First

                [Unreleased]: https://gitlab.example.com/acme/tools/-/compare/%1$s...HEAD
                [1.0.0]: https://gitlab.example.com/acme/tools/-/tree/%1$s/Packages/com.acme.tools
                """.formatted(HEAD));
    }

    @Test
    void aFileThatIsNotUtf8IsRefusedAndLeftAlone() throws IOException {
        byte[] latin1 = "# Changelog\n\n- caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        Files.write(dir.resolve("CHANGELOG.md"), latin1);
        assertThatThrownBy(() -> write(entry("1.0.0", "### Added\n\n- x", null), null))
                .isInstanceOf(IOException.class).hasMessageContaining("CHANGELOG.md").hasMessageContaining("UTF-8");
        assertThat(Files.readAllBytes(dir.resolve("CHANGELOG.md"))).isEqualTo(latin1);
    }
}
