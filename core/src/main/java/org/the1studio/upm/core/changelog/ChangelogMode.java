package org.the1studio.upm.core.changelog;

import java.util.Locale;

/** How changelog entries are written. */
public enum ChangelogMode {
    /** Gemini writes the entry; the conventional writer is the fallback. */
    AI,
    /** Deterministic Conventional Commits grouping. */
    CONVENTIONAL,
    /** No changelog entry is written. */
    OFF;

    /** Parses {@code ai|conventional|off}, case-insensitively. */
    public static ChangelogMode parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("changelog mode must be one of ai, conventional, off, not '" + text + "'");
        }
    }
}
