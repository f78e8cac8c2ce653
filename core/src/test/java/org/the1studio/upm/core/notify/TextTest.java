package org.the1studio.upm.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void oneLineCollapsesWhitespaceAndDropsControlAndBidiCharacters() {
        assertThat(Text.oneLine(" a\n\tb\r\n c\u0007 \u202Egnp.exe\u202C \u2066x\u2069 ")).isEqualTo("a b c gnp.exe x");
        assertThat(Text.oneLine(null)).isEmpty();
    }

    @Test
    void discordEscapesEveryMarkdownCharacterAndDefusesMassMentions() {
        assertThat(Text.discord("*a* _b_ ~c~ `d` |e| <f> [g](h) # \\"))
                .isEqualTo("\\*a\\* \\_b\\_ \\~c\\~ \\`d\\` \\|e\\| \\<f\\> \\[g\\]\\(h\\) \\# \\\\");
        assertThat(Text.discord("@everyone @Here @channel me@here.com @hereby"))
                .isEqualTo("@\u200Beveryone @\u200BHere @\u200Bchannel me@\u200Bhere.com @hereby");
    }

    @Test
    void slackEscapesOnlyItsThreeCharacters() {
        assertThat(Text.slack("a & b <!here> <@U1> *x*")).isEqualTo("a &amp; b &lt;!here&gt; &lt;@U1&gt; *x*");
    }

    @Test
    void truncationEndsWithAnEllipsisAndNeverSplitsACharacterOrAnEscape() {
        assertThat(Text.truncate("abcdef", 6)).isEqualTo("abcdef");
        assertThat(Text.truncate("abcdefg", 6)).isEqualTo("abcde…").hasSize(6);
        String emoji = "ab😀cd";
        assertThat(Text.truncate(emoji, 4)).isEqualTo("ab…");
        assertThat(Text.truncateDiscord("ab\\*cd", 4)).isEqualTo("ab…");
        assertThat(Text.truncateDiscord("a\\\\\\*", 4)).isEqualTo("a\\\\…");
        assertThat(Text.truncateSlack("ab &amp; cd", 7)).isEqualTo("ab …");
        assertThat(Text.truncateSlack("ab &amp; cd", 9)).isEqualTo("ab &amp;…");
    }

    @Test
    void fairShareGivesShortItemsTheirLengthAndSplitsTheRest() {
        assertThat(Text.fairShare(new int[] {10, 10, 1000, 1000}, 420, 5000)).isEqualTo(200);
        assertThat(Text.fairShare(new int[] {10, 10}, 420, 5000)).isEqualTo(5000);
        assertThat(Text.fairShare(new int[] {100, 100}, 10, 5000)).isEqualTo(5);
    }
}
