package org.the1studio.upm.core.changelog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EntryValidatorTest {
    private static final List<CommitInfo> COMMITS = List.of(new CommitInfo("a".repeat(40),
            "fix: crash, see https://example.com/issue/1", "", "Dev", Instant.EPOCH));

    @Test
    void aWellFormedAnswerIsAcceptedAndNormalised() {
        var v = EntryValidator.check("\r\n### Fixed\r\n- A crash on load\r\n\r\n\r\n### Added\n\n- **ui:** A new button\n",
                COMMITS);
        assertThat(v.problem()).isNull();
        assertThat(v.body()).isEqualTo("### Added\n\n- **ui:** A new button\n\n### Fixed\n\n- A crash on load");
    }

    @Test
    void aUrlFromTheCommitsIsAllowed() {
        assertThat(EntryValidator.check("### Fixed\n- Crash (https://example.com/issue/1)", COMMITS).ok()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            empty                 | '   '                                                          | empty
            version heading       | '## [1.0.0] - 2024-01-01\\n### Added\\n- x'                      | version heading
            title                 | '# Changelog\\n### Added\\n- x'                                   | version heading
            unknown heading       | '### Improvements\\n- x'                                        | not an allowed heading
            heading case          | '### added\\n- x'                                               | not an allowed heading
            duplicate heading     | '### Added\\n- x\\n### Added\\n- y'                                 | appears twice
            empty heading         | '### Added\\n### Fixed\\n- y'                                     | has no bullets
            trailing heading      | '### Added\\n- x\\n### Fixed'                                     | has no bullets
            bullet first          | '- x\\n### Added\\n- y'                                           | before any heading
            prose                 | '### Added\\n- x\\nHere is your changelog!'                       | neither a heading
            star bullet           | '### Added\\n* x'                                               | neither a heading
            markdown link         | '### Added\\n- [docs](https://example.com/issue/1)'              | markdown link
            javascript link       | '### Added\\n- [x](javascript:alert(1))'                          | markdown link
            bare javascript       | '### Added\\n- javascript:alert(1)'                               | javascript:
            unknown url           | '### Added\\n- see https://evil.example/phish'                    | not in any commit subject
            www url               | '### Added\\n- see www.evil.example'                              | not in any commit subject
            html                  | '### Added\\n- <img src=x onerror=alert(1)>'                      | HTML
            autolink              | '### Added\\n- <https://example.com/issue/1>'                     | HTML
            code fence            | '```markdown\\n### Added\\n- x\\n```'                               | code fence
            mention               | '### Added\\n- thanks @everyone'                                  | @-mention
            user mention          | '### Added\\n- thanks @octocat'                                   | @-mention
            image                 | '### Added\\n- ![x](y)'                                         | markdown link
            """)
    void badAnswersAreRejectedWithAReason(String name, String answer, String reason) {
        var v = EntryValidator.check(answer.replace("\\n", "\n"), COMMITS);
        assertThat(v.ok()).as(name).isFalse();
        assertThat(v.problem()).contains(reason);
    }

    @Test
    void sizeLimitsAndControlCharactersAreEnforced() {
        assertThat(EntryValidator.check("### Added\n- " + "x".repeat(EntryValidator.MAX_CHARS), COMMITS).problem())
                .contains("characters, more than");
        assertThat(EntryValidator.check("### Added\n- " + "x".repeat(EntryValidator.MAX_BULLET_CHARS), COMMITS).problem())
                .contains("longer than");
        assertThat(EntryValidator.check("### Added\n" + "- x\n".repeat(EntryValidator.MAX_BULLETS + 1), COMMITS)
                .problem()).contains("more than " + EntryValidator.MAX_BULLETS + " bullets");
        assertThat(EntryValidator.check("### Added\n- a \u202Eb", COMMITS).problem()).contains("bidi");
        assertThat(EntryValidator.check("### Added\n- a \u0000b", COMMITS).problem()).contains("control");
        assertThat(EntryValidator.check("### Added\n- mail dev@example.com about it", COMMITS).ok())
                .as("an e-mail address is not a mention").isTrue();
    }
}
