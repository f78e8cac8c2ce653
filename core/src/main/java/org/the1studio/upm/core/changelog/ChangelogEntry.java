package org.the1studio.upm.core.changelog;

import java.time.LocalDate;
import java.util.List;

/**
 * One prepared version section of a Keep a Changelog file, ready to be merged into {@code CHANGELOG.md}.
 *
 * <p>Why both {@code markdown} and {@code body}: callers print or notify with the whole section, the file merge
 * needs the sections under the heading to combine them with what was under {@code [Unreleased]}.
 *
 * @param version         the new version
 * @param date            the release date in the heading
 * @param markdown        the whole section: {@code ## [x.y.z] - YYYY-MM-DD}, a blank line, the body (no trailing newline)
 * @param fallbackReason  {@code null} unless AI was asked and the conventional writer was used; then why (never a secret)
 * @param body            the {@code ### Section} headings and {@code - } bullets under the version heading
 * @param writtenBy       {@link ChangelogMode#AI} or {@link ChangelogMode#CONVENTIONAL}
 * @param previousVersion the previous version, or {@code null} for a first release
 * @param previousCommit  the commit that set the previous version, or {@code null} (not found, first release)
 * @param headCommit      the commit of the new version
 * @param packagePath     repository-relative folder of the package ({@code ""} = repository root)
 * @param commits         the commits the entry was written from, oldest first
 * @param notices         how the commits were found (history deepened, previous version not found, cap applied)
 */
public record ChangelogEntry(String version, LocalDate date, String markdown, String fallbackReason, String body,
        ChangelogMode writtenBy, String previousVersion, String previousCommit, String headCommit, String packagePath,
        List<CommitInfo> commits, List<String> notices) {

    public ChangelogEntry {
        commits = List.copyOf(commits);
        notices = List.copyOf(notices);
    }

    /** The version heading, {@code ## [x.y.z] - YYYY-MM-DD}. */
    public static String heading(String version, LocalDate date) {
        return "## [" + version + "] - " + date;
    }
}
