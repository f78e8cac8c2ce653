package org.the1studio.upm.core.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.the1studio.upm.core.version.VersionDecision.Verdict;

class VersionPolicyTest {

    @Test
    void firstVersionIsNewAndLatest() {
        VersionDecision d = VersionPolicy.decide("1.0.0", null, List.of());
        assertThat(d.verdict()).isEqualTo(Verdict.NEW);
        assertThat(d.distTag()).isEqualTo("latest");
        assertThat(d.bump()).isEqualTo(BumpKind.NEW);
    }

    @Test
    void existingVersionIsReportedAsExisting() {
        assertThat(VersionPolicy.decide("1.2.0", "1.1.0", List.of("1.1.0", "1.2.0")).verdict()).isEqualTo(Verdict.EXISTS);
    }

    @ParameterizedTest(name = "{0} after {1} -> {2}")
    @CsvSource({
        "1.3.0-beta.1, 1.2.0, NEW",
        "1.2.0, 1.2.0-rc.1, NEW",
        "1.2.0-rc.1, 1.2.0, ROLLBACK",
        "1.2.0-rc.2, 1.2.0-rc.10, ROLLBACK",
        "1.2.0-rc.11, 1.2.0-rc.10, NEW",
        "1.1.9, 1.2.0, ROLLBACK",
        "1.4.1, 2.0.0, NEW",
        "2.0.0-alpha, 1.9.9, NEW",
        "1.0.0-alpha.beta, 1.0.0-alpha.1, NEW",
    })
    void semverPrecedenceWithinReleaseLine(String candidate, String published, Verdict expected) {
        assertThat(VersionPolicy.decide(candidate, published, List.of(published)).verdict()).isEqualTo(expected);
    }

    @Test
    void rollbackNamesTheHigherVersion() {
        VersionDecision d = VersionPolicy.decide("1.1.0", "1.2.0", List.of("1.0.0", "1.2.0", "2.0.0"));
        assertThat(d.verdict()).isEqualTo(Verdict.ROLLBACK);
        assertThat(d.reason()).contains("1.2.0").doesNotContain("2.0.0");
    }

    @ParameterizedTest(name = "{0} with {1} published -> tag {2}")
    @CsvSource({
        "1.3.0, 1.2.0, latest",
        "1.4.1, 2.0.0, latest-1",
        "2.1.0-beta.1, 2.0.0, beta",
        "2.1.0-RC.1, 2.0.0, rc",
        "2.1.0-1, 2.0.0, next",
        "2.1.0, 2.1.0-beta.1, latest",
    })
    void distTags(String candidate, String published, String tag) {
        assertThat(VersionPolicy.decide(candidate, null, List.of(published)).distTag()).isEqualTo(tag);
    }

    @ParameterizedTest(name = "{0} -> {1} is {2}")
    @CsvSource({
        "1.0.0, 2.0.0, MAJOR", "1.0.0, 1.1.0, MINOR", "1.0.0, 1.0.1, PATCH",
        "1.0.0, 1.1.0-beta.1, PRERELEASE", "1.1.0-rc.1, 1.1.0, PRERELEASE", "1.1.0, 1.0.0, NONE", "1.0.0, 1.0.0, NONE",
    })
    void bumpKinds(String from, String to, BumpKind kind) {
        assertThat(VersionPolicy.bump(from, to)).isEqualTo(kind);
    }

    @Test
    void garbageOnTheRegistryIsIgnored() {
        assertThat(VersionPolicy.decide("1.0.1", "1.0.0", List.of("not-a-version", "1.0.0")).verdict()).isEqualTo(Verdict.NEW);
    }
}
