package org.the1studio.upm.core.gitops;

/**
 * What happened to the changelog commit. Never carries a credential.
 *
 * @param pushed         the commit is on the remote (on the branch, or on {@code fallbackBranch})
 * @param commitId       the commit that was pushed (after a rebase, the rebased one), or the commit made when nothing
 *                       could be pushed, or {@code null} when no commit was made
 * @param fallbackBranch the side branch the commit was pushed to because the branch itself refused it; {@code null}
 *                       when pushed to the branch (or not at all)
 * @param detail         what happened, in one or two sentences, with what to do when something is left to do
 */
public record CommitBackResult(boolean pushed, String commitId, String fallbackBranch, String detail) {

    /** True when the commit is on the branch it was meant for. */
    public boolean onBranch() {
        return pushed && fallbackBranch == null;
    }
}
