package org.the1studio.upm.core.changelog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConventionalWriterTest {
    private static int counter;

    private static CommitInfo c(String subject) {
        return c(subject, "");
    }

    private static CommitInfo c(String subject, String body) {
        counter++;
        return new CommitInfo(String.format("%040x", counter), subject, body, "Dev", Instant.EPOCH);
    }

    @Test
    void typesMapToKeepAChangelogSectionsInOrderWithScopes() {
        String body = ConventionalWriter.write(List.of(
                c("fix(ui): button no longer flickers"),
                c("feat: add the inventory API"),
                c("perf: faster loading"),
                c("refactor(core): split the loader"),
                c("deprecate: OldThing, use NewThing"),
                c("remove: the legacy importer"),
                c("security: validate save file paths"),
                c("fix(security): escape file names"),
                c("Tweak the default colours")));

        assertThat(body).isEqualTo("""
                ### Added

                - add the inventory API

                ### Changed

                - faster loading
                - **core:** split the loader
                - Tweak the default colours

                ### Deprecated

                - OldThing, use NewThing

                ### Removed

                - the legacy importer

                ### Fixed

                - **ui:** button no longer flickers

                ### Security

                - validate save file paths
                - **security:** escape file names""");
    }

    @Test
    void breakingChangesAreCalledOutFirstUnderChanged() {
        String body = ConventionalWriter.write(List.of(
                c("perf: cache lookups"),
                c("feat(api)!: rename Load to LoadAsync"),
                c("refactor: new save format", "Long explanation.\n\nBREAKING CHANGE: old saves must be migrated")));

        assertThat(body).isEqualTo("""
                ### Changed

                - **Breaking:** **api:** rename Load to LoadAsync
                - **Breaking:** new save format — old saves must be migrated
                - cache lookups""");
    }

    @Test
    void choresAreLeftOutAndOnlyChoresGiveAMaintenanceRelease() {
        assertThat(ConventionalWriter.write(List.of(c("feat: a"), c("chore: bump deps"), c("ci: cache"),
                c("docs: readme"), c("test: more"), c("style: format"), c("build: gradle"))))
                .isEqualTo("### Added\n\n- a");
        assertThat(ConventionalWriter.write(List.of(c("chore: bump version"), c("docs(readme): typo"))))
                .isEqualTo("### Changed\n\n- Maintenance release.");
        assertThat(ConventionalWriter.write(List.of())).isEqualTo("### Changed\n\n- Maintenance release.");
    }

    @Test
    void gitRevertsAreRemovalsAndUnknownTypesKeepTheirSubject() {
        String body = ConventionalWriter.write(List.of(c("Revert \"feat: add the beta menu\""), c("wip: half a feature"),
                c("Merge-free subject: with a colon")));
        assertThat(body).isEqualTo("""
                ### Changed

                - wip: half a feature
                - Merge-free subject: with a colon

                ### Removed

                - revert "feat: add the beta menu\"""");
    }

    @Test
    void theSameCommitsAlwaysGiveTheSameTextAndDuplicatesAreDropped() {
        List<CommitInfo> commits = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            commits.add(c((i % 3 == 0 ? "feat" : i % 3 == 1 ? "fix" : "perf") + ": change " + (i % 5)));
        }
        String first = ConventionalWriter.write(commits);
        assertThat(ConventionalWriter.write(new ArrayList<>(commits))).isEqualTo(first);
        assertThat(first.lines().filter(l -> l.startsWith("- ")).count()).as("5 distinct bullets per section").isEqualTo(15);
        Collections.reverse(commits);
        assertThat(ConventionalWriter.write(commits)).as("bullets follow the commit order").isNotEqualTo(first);
    }

    @Test
    void hostileSubjectsStayOneHarmlessLine() {
        String longText = "x".repeat(10_000);
        String body = ConventionalWriter.write(List.of(
                c("feat: <script>alert(1)</script> and <img src=x onerror=y>"),
                c("fix: bell\u0007 and bidi \u202Eevil\u202C and emoji 🎉 and עברית"),
                c("feat: " + longText)));

        assertThat(body).doesNotContainPattern("(?<!\\\\)<[a-z/]").contains("\\<script>")
                .doesNotContain("\u0007").doesNotContain("\u202E").contains("🎉").contains("עברית");
        assertThat(body.lines()).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(ConventionalWriter.MAX_BULLET_CHARS + 2));
        assertThat(body).contains("…");
        assertThat(ConventionalWriter.write(List.of(c("fix: [click](javascript:alert(1)) and [x]( DATA:text/html,y)"),
                c("feat: ping <@123> and @everyone, see [docs](https://example.com/docs)"))))
                .contains("[click]\\(javascript:alert(1))").contains("[x]\\( DATA:text/html,y)")
                .contains("[docs](https://example.com/docs)").contains("<@123>");
        assertThat(ConventionalWriter.write(List.of(c("feat: iOS build"), c("fix: npm pack parity"))))
                .as("case kept as written").contains("- iOS build").contains("- npm pack parity");
    }
}
