package org.the1studio.upm.core.notify;

import java.util.regex.Pattern;

/**
 * Making untrusted text (commit messages, author names, reasons) safe to show in chat: one line, no control or
 * bidirectional-override characters, mentions defused, markup escaped, and cut to a length without splitting a
 * character or an escape.
 */
final class Text {
    static final String ELLIPSIS = "…";
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    /** C0/C1 controls, and the bidi embeddings/overrides/isolates that can make text display in a misleading order. */
    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cc}\\u202A-\\u202E\\u2066-\\u2069]");
    private static final Pattern MASS_MENTION = Pattern.compile("@(?=(?i:everyone|here|channel)\\b)");
    private static final String DISCORD_SPECIAL = "\\*_~`|<>[]()#";

    private Text() {}

    /** {@code null} as "", whitespace runs (newlines too) as one space, invisible controls removed, trimmed. */
    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        String out = INVISIBLE.matcher(WHITESPACE.matcher(s).replaceAll(" ")).replaceAll("");
        return out.strip();
    }

    /** Puts a zero-width space after the {@code @} of {@code @everyone}, {@code @here} and {@code @channel}. */
    static String defuseMentions(String s) {
        return MASS_MENTION.matcher(s).replaceAll("@\u200B");
    }

    /**
     * Untrusted text as Discord markdown that shows literally: one line, every markdown character backslash-escaped
     * ({@code <@123>} becomes {@code \<@123\>}, which Discord shows as text instead of a mention) and mass mentions
     * defused. {@code allowed_mentions} with no parse types is the second guard.
     */
    static String discord(String s) {
        String line = defuseMentions(oneLine(s));
        StringBuilder sb = new StringBuilder(line.length() + 16);
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (DISCORD_SPECIAL.indexOf(c) >= 0) {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    /** Untrusted text for Slack mrkdwn: one line, {@code & < >} escaped as Slack requires, mass mentions defused. */
    static String slack(String s) {
        return defuseMentions(oneLine(s)).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Untrusted text for a Slack {@code plain_text} object: one line, mass mentions defused. */
    static String plain(String s) {
        return defuseMentions(oneLine(s));
    }

    /** {@code s} cut to at most {@code max} chars, ending in "…" when cut; never splits a surrogate pair. */
    static String truncate(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        if (max <= 0) {
            return "";
        }
        int cut = max - ELLIPSIS.length();
        if (cut > 0 && Character.isHighSurrogate(s.charAt(cut - 1))) {
            cut--;
        }
        return s.substring(0, Math.max(cut, 0)) + ELLIPSIS;
    }

    /** {@link #truncate} for text escaped by {@link #discord}: never leaves a dangling backslash before the "…". */
    static String truncateDiscord(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        String cut = truncate(s, max);
        String kept = cut.substring(0, cut.length() - ELLIPSIS.length());
        int backslashes = 0;
        for (int i = kept.length() - 1; i >= 0 && kept.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        if (backslashes % 2 == 1) {
            kept = kept.substring(0, kept.length() - 1);
        }
        return kept + ELLIPSIS;
    }

    /** {@link #truncate} for text escaped by {@link #slack}: never cuts an {@code &amp;}-style entity in half. */
    static String truncateSlack(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        String cut = truncate(s, max);
        String kept = cut.substring(0, cut.length() - ELLIPSIS.length());
        int amp = kept.lastIndexOf('&');
        if (amp >= 0 && kept.indexOf(';', amp) < 0 && kept.length() - amp <= 5) {
            kept = kept.substring(0, amp);
        }
        return kept + ELLIPSIS;
    }

    /**
     * The largest per-item size {@code c} (at most {@code max}) such that the items, each cut to {@code c}, fit in
     * {@code available} in total: short items keep their length, long ones share what is left equally.
     */
    static int fairShare(int[] sizes, int available, int max) {
        int lo = 0;
        int hi = max;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            long sum = 0;
            for (int size : sizes) {
                sum += Math.min(size, mid);
            }
            if (sum <= available) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
