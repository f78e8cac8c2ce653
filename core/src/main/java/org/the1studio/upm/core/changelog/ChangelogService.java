package org.the1studio.upm.core.changelog;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Prepares and writes the changelog entry of one package version.
 *
 * <p>Two steps on purpose: {@link #prepare} reads git history and (in AI mode) calls Gemini, without touching files,
 * so a preview and a dry run can show the entry; {@link #write} merges it into the package's {@code CHANGELOG.md},
 * which the publish engine does <em>before</em> packing so that the tarball carries its own entry.
 *
 * <p>In AI mode every failure of the AI writer (no key, network, HTTP error, an answer that fails the strict checks)
 * falls back to the deterministic conventional writer and says why in {@link ChangelogEntry#fallbackReason()}.
 * {@link ChangelogMode#OFF} is the caller's business (it does not call); if asked anyway the entry is conventional.
 */
public final class ChangelogService {
    private final ChangelogSettings settings;
    private final GeminiWriter gemini;

    public ChangelogService(ChangelogSettings settings) {
        this(settings, new GeminiWriter(Objects.requireNonNull(settings, "settings")));
    }

    ChangelogService(ChangelogSettings settings, GeminiWriter gemini) {
        this.settings = settings;
        this.gemini = gemini;
    }

    /** The settings this service writes with. */
    public ChangelogSettings settings() {
        return settings;
    }

    /**
     * Prepares the entry for {@code packageName@newVersion} from the commits since {@code oldVersion}.
     *
     * @param workTree    the git work tree (root or any folder inside it)
     * @param packagePath repository-relative package folder ({@code ""} = the repository root)
     * @param packageName the package name (for the AI prompt)
     * @param oldVersion  the previous version, or {@code null} for a first release (all commits of the folder)
     * @param newVersion  the version of the entry
     * @param headCommit  the released commit ({@code null}: HEAD)
     * @param date        the release date of the heading
     * @throws IOException when the repository cannot be read (not a git work tree, unknown head commit)
     */
    public ChangelogEntry prepare(Path workTree, String packagePath, String packageName, String oldVersion,
            String newVersion, String headCommit, LocalDate date) throws IOException {
        Objects.requireNonNull(newVersion, "newVersion");
        Objects.requireNonNull(date, "date");
        String folder = GitHistory.normalizeFolder(packagePath);
        CommitHistory history = history(workTree, folder, oldVersion, headCommit);
        String body = null;
        String fallbackReason = null;
        ChangelogMode writtenBy = ChangelogMode.CONVENTIONAL;
        if (settings.mode() == ChangelogMode.AI) {
            if (history.commits().isEmpty()) {
                fallbackReason = "no commits of " + (folder.isEmpty() ? "the repository" : folder + "/")
                        + " to describe since " + (oldVersion == null ? "the beginning" : oldVersion);
            } else {
                GeminiWriter.Result r = gemini.write(packageName, oldVersion, newVersion, history.commits());
                if (r.ok()) {
                    body = r.body();
                    writtenBy = ChangelogMode.AI;
                } else {
                    fallbackReason = r.failure();
                }
            }
        }
        if (body == null) {
            body = ConventionalWriter.write(history.commits());
        }
        String markdown = ChangelogEntry.heading(newVersion, date) + "\n\n" + body;
        return new ChangelogEntry(newVersion, date, markdown, fallbackReason, body, writtenBy, oldVersion,
                history.previousCommit(), history.headCommit(), folder, history.commits(), history.notices());
    }

    /**
     * Merges the entry into {@code changelogFile} (created if missing); a file that already has the version is left
     * untouched and gives {@code changed = false}.
     *
     * @throws IOException when the file cannot be read (not UTF-8) or written
     */
    public ChangelogWrite write(Path changelogFile, ChangelogEntry entry) throws IOException {
        return ChangelogFile.write(changelogFile, entry, settings.repositoryUrl());
    }

    /**
     * The commits of the package folder since the commit that set {@code oldVersion} (all of them for {@code null}),
     * oldest first, without merges and bot changelog commits; a shallow clone is deepened first when needed.
     */
    public List<CommitInfo> commitsSince(Path workTree, String packagePath, String oldVersion, String headCommit)
            throws IOException {
        return history(workTree, packagePath, oldVersion, headCommit).commits();
    }

    /** Like {@link #commitsSince} with how the commits were found (previous version's commit, notices, cap). */
    public CommitHistory history(Path workTree, String packagePath, String oldVersion, String headCommit)
            throws IOException {
        return GitHistory.collect(workTree, packagePath, oldVersion, headCommit);
    }
}
