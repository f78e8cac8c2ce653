package org.the1studio.upm.core.gitops;

import org.the1studio.upm.core.secret.Secret;

/**
 * Who commits the changelogs back and where they are pushed.
 *
 * @param botName         author and committer name ({@code null} or blank: {@code upm-bot})
 * @param botEmail        author and committer e-mail ({@code null} or blank: {@code upm-bot@users.noreply.github.com})
 * @param remote          the remote to push to ({@code null} or blank: {@code origin})
 * @param branch          the branch to push to ({@code null} or blank: the checked-out branch; required on a detached
 *                        HEAD); {@code refs/heads/main} and {@code origin/main} (Jenkins' {@code GIT_BRANCH}) mean {@code main}
 * @param maxPushAttempts pushes to {@code branch} before falling back to a side branch (at least 1; {@code 0}: 3)
 * @param username        user of an https push with {@code token} ({@code null}: {@code x-access-token}, what GitHub
 *                        App and Actions tokens expect)
 * @param token           token of an https push, or {@code null}: the git command line and whatever credentials it
 *                        is configured with (ssh agent, credential helper), else JGit without credentials
 */
public record CommitBackSettings(String botName, String botEmail, String remote, String branch, int maxPushAttempts,
        String username, Secret token) {

    /** The default author name. */
    public static final String DEFAULT_BOT_NAME = "upm-bot";
    /** The default author e-mail. */
    public static final String DEFAULT_BOT_EMAIL = "upm-bot@users.noreply.github.com";

    public CommitBackSettings {
        botName = botName == null || botName.isBlank() ? DEFAULT_BOT_NAME : botName.strip();
        botEmail = botEmail == null || botEmail.isBlank() ? DEFAULT_BOT_EMAIL : botEmail.strip();
        remote = remote == null || remote.isBlank() ? "origin" : remote.strip();
        branch = branch == null || branch.isBlank() ? null : stripHeads(branch.strip());
        if (branch != null && branch.startsWith(remote + "/")) {
            branch = branch.substring(remote.length() + 1);
        }
        maxPushAttempts = maxPushAttempts <= 0 ? 3 : maxPushAttempts;
        username = username == null || username.isBlank() ? null : username.strip();
    }

    private static String stripHeads(String branch) {
        return branch.startsWith("refs/heads/") ? branch.substring("refs/heads/".length()) : branch;
    }
}
