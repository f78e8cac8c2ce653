package org.the1studio.upm.core.changelog;

import java.util.List;

/**
 * The commits of one package between its previous version and the new one, and how they were found.
 *
 * @param commits        oldest first, merges and bot changelog commits excluded, at most {@link #MAX_COMMITS}
 * @param headCommit     the full id of the released commit
 * @param previousCommit the commit that set the previous version in the manifest, or {@code null} (first release,
 *                       or not found: then {@code commits} are all commits of the folder)
 * @param omitted        commits left out because of the {@link #MAX_COMMITS} cap (the oldest ones)
 * @param notices        what the reader should know (history deepened, previous version not found, cap applied)
 */
public record CommitHistory(List<CommitInfo> commits, String headCommit, String previousCommit, int omitted, List<String> notices) {

    /** At most this many commits (the newest) go into one entry. */
    public static final int MAX_COMMITS = 200;

    public CommitHistory {
        commits = List.copyOf(commits);
        notices = List.copyOf(notices);
    }
}
