package org.the1studio.upm.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BranchRuleTest {

    @Test
    void namesAndGlobsSeparatedByCommasOrSpaces() {
        assertThat(BranchRule.parse(" main, master  release/* ")).containsExactly("main", "master", "release/*");
        assertThat(BranchRule.parse("  ")).isEmpty();
        assertThat(BranchRule.parse(null)).isEmpty();
    }

    @Test
    void exactNamesAndGlobsAllowOnlyWhatTheySay() {
        String setting = "main master release/* hotfix/**";
        assertThat(BranchRule.allows(setting, "main")).isTrue();
        assertThat(BranchRule.allows(setting, "master")).isTrue();
        assertThat(BranchRule.allows(setting, "release/1.2")).isTrue();
        assertThat(BranchRule.allows(setting, "release/1.2/fix")).as("* stays in one segment").isFalse();
        assertThat(BranchRule.allows(setting, "hotfix/a/b")).isTrue();
        assertThat(BranchRule.allows(setting, "mainline")).isFalse();
        assertThat(BranchRule.allows(setting, "PR-12")).isFalse();
        assertThat(BranchRule.allows(setting, "")).isFalse();
        assertThat(BranchRule.allows(setting, null)).isFalse();
    }

    @Test
    void regexCharactersInNamesAreLiteralAndOddBranchNamesNeverThrow() {
        assertThat(BranchRule.allows("v1.0", "v1x0")).isFalse();
        assertThat(BranchRule.allows("feat+x", "feat+x")).isTrue();
        assertThat(BranchRule.allows("feature/*", "feature/a<b>|c\"d")).isTrue();
        assertThat(BranchRule.allows("rel?", "rel1")).isTrue();
    }
}
