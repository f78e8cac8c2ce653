package org.the1studio.upm.core.changelog;

import java.util.Locale;
import java.util.Optional;

/** The change types of Keep a Changelog 1.1.0, in the order they appear in a version section. */
enum Section {
    ADDED("Added"),
    CHANGED("Changed"),
    DEPRECATED("Deprecated"),
    REMOVED("Removed"),
    FIXED("Fixed"),
    SECURITY("Security");

    private final String title;

    Section(String title) {
        this.title = title;
    }

    /** The heading text, e.g. {@code Added}. */
    String title() {
        return title;
    }

    /** The {@code ### Added} heading line. */
    String heading() {
        return "### " + title;
    }

    /** The section whose title is {@code text} (case-insensitive, surrounding blanks ignored). */
    static Optional<Section> ofTitle(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (Section s : values()) {
            if (s.title.toLowerCase(Locale.ROOT).equals(t)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
