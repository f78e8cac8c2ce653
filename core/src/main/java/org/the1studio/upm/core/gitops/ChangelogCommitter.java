package org.the1studio.upm.core.gitops;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntConsumer;
import org.eclipse.jgit.api.CommitCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.merge.MergeStrategy;
import org.eclipse.jgit.merge.ThreeWayMerger;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.the1studio.upm.core.audit.Redactor;

/**
 * Commits the written changelogs back to the repository with {@code [skip ci]} and pushes them.
 *
 * <p>Why it is careful: this runs after the packages are already published, so it must never fail the run, never
 * lose the entry, and never force anything. Only the given changelog files are committed (whatever else is staged
 * stays staged), as the bot, with the message
 * {@code docs(changelog): com.a@1.2.0, com.b@0.3.0 [skip ci]} so that CI does not build it again.
 *
 * <p>Pushing: the commit goes to {@code remote/branch}. When the branch has moved meanwhile (someone pushed), the
 * branch is fetched, the commit is rebased onto it in memory (a three-way merge of the changelog commit onto the new
 * head; the work tree is not touched) and the push is retried, up to {@code maxPushAttempts} pushes. When the other
 * push changed the same changelog so the rebase conflicts, when the attempts run out, or when the branch refuses the
 * push (a protected branch), the commit is pushed to a side branch {@code upm/changelog-<pkg>-<ver>} (see {@link #sideBranch}) and the result
 * says to open a pull request from it. After a rebase the local HEAD keeps the original commit; the remote has the
 * rebased one ({@link CommitBackResult#commitId()}).
 *
 * <p>Transport: with a token, JGit over https with {@code x-access-token}/{@code username} and the token as
 * password; without one, the git command line (it knows the CI's ssh agent or credential helper), else JGit.
 * {@link #commitAndPush} never throws and never puts the token in its result.
 */
public final class ChangelogCommitter {
    static final int TIMEOUT_SECONDS = 120;
    static final int MAX_IDS_IN_MESSAGE = 10;

    /** Which git carries the push and fetch. */
    enum Transport {
        /** JGit with a token, else the git command line when present, else JGit. */
        AUTO,
        JGIT,
        CLI
    }

    private final Transport transport;
    private final IntConsumer beforePush;

    public ChangelogCommitter() {
        this(Transport.AUTO, attempt -> { });
    }

    /**
     * With a chosen transport and a hook run before each push to the branch (attempt 1, 2, ...), which tests use to
     * push a competing commit between our commit and our push.
     */
    ChangelogCommitter(Transport transport, IntConsumer beforePush) {
        this.transport = transport;
        this.beforePush = beforePush;
    }

    /** The commit message for these package ids. */
    public static String message(List<String> packageIds) {
        List<String> ids = packageIds == null ? List.of() : packageIds.stream().distinct().toList();
        if (ids.isEmpty()) {
            return "docs(changelog): update [skip ci]";
        }
        String listed = String.join(", ", ids.subList(0, Math.min(ids.size(), MAX_IDS_IN_MESSAGE)));
        if (ids.size() > MAX_IDS_IN_MESSAGE) {
            listed += " and " + (ids.size() - MAX_IDS_IN_MESSAGE) + " more";
        }
        return "docs(changelog): " + listed + " [skip ci]";
    }

    /**
     * The side branch for a changelog commit that cannot go to its branch: {@code upm/changelog-<pkg>-<ver>} of the
     * first package ({@code -and-N-more} when there are several), characters git refuses replaced by '-'.
     */
    public static String sideBranch(List<String> packageIds) {
        List<String> ids = packageIds == null ? List.of() : packageIds.stream().distinct().toList();
        if (ids.isEmpty()) {
            return "upm/changelog";
        }
        String first = ids.get(0).replace('@', '-').replaceAll("[^A-Za-z0-9._-]", "-").replaceAll("\\.{2,}", ".");
        return "upm/changelog-" + first + (ids.size() > 1 ? "-and-" + (ids.size() - 1) + "-more" : "");
    }

    /**
     * Commits {@code changelogPaths} and pushes them; never throws.
     *
     * @param workTree       the repository's work tree root
     * @param changelogPaths repository-relative paths with {@code '/'} of the changelog files to commit
     * @param packageIds     {@code name@version} of the released packages, for the message
     * @param s              who commits and where to push
     */
    public CommitBackResult commitAndPush(Path workTree, List<String> changelogPaths, List<String> packageIds,
            CommitBackSettings s) {
        CommitBackSettings settings = s != null ? s : new CommitBackSettings(null, null, null, null, 0, null, null);
        Redactor redactor = new Redactor(settings.token() == null ? List.of() : List.of(settings.token()));
        try {
            CommitBackResult r = run(workTree, changelogPaths, packageIds, settings);
            return new CommitBackResult(r.pushed(), r.commitId(), r.fallbackBranch(), redactor.redact(r.detail()));
        } catch (Exception | LinkageError e) {
            return new CommitBackResult(false, null, null, redactor.redact("the changelog commit-back failed: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())));
        }
    }

    private CommitBackResult run(Path workTree, List<String> changelogPaths, List<String> packageIds,
            CommitBackSettings s) throws Exception {
        if (changelogPaths == null || changelogPaths.isEmpty()) {
            return new CommitBackResult(false, null, null, "no changelog files to commit");
        }
        List<String> paths = new ArrayList<>();
        for (String p : new LinkedHashSet<>(changelogPaths)) {
            String n = p == null ? "" : p.replace('\\', '/').strip();
            while (n.startsWith("./")) {
                n = n.substring(2);
            }
            if (n.isEmpty() || n.startsWith("/") || n.matches("^[A-Za-z]:.*") || ("/" + n + "/").contains("/../")
                    || n.startsWith(".git/")) {
                return new CommitBackResult(false, null, null, "the changelog path '" + p
                        + "' is not a repository-relative path: nothing committed");
            }
            paths.add(n);
        }
        File dir = workTree.toAbsolutePath().normalize().toFile();
        FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(dir);
        if (builder.getGitDir() == null) {
            return new CommitBackResult(false, null, null, dir + " is not a git work tree: changelog not committed");
        }
        try (Repository repo = builder.setMustExist(true).build(); Git git = new Git(repo)) {
            String branch = s.branch();
            if (branch == null) {
                String current = repo.getBranch();
                if (current == null || ObjectId.isId(current)) {
                    return new CommitBackResult(false, null, null, "HEAD is detached and no branch was given: "
                            + "changelog not committed (pass the branch the build is for)");
                }
                branch = current;
            }
            ObjectId head = repo.resolve(Constants.HEAD);
            if (head == null) {
                return new CommitBackResult(false, null, null, "the repository has no commit yet: changelog not committed");
            }
            var add = git.add();
            paths.forEach(add::addFilepattern);
            add.call();
            var status = git.status();
            paths.forEach(status::addPath);
            Status st = status.call();
            Set<String> staged = new LinkedHashSet<>();
            for (String p : paths) {
                if (st.getAdded().contains(p) || st.getChanged().contains(p)) {
                    staged.add(p);
                }
            }
            if (staged.isEmpty()) {
                return new CommitBackResult(true, head.name(), null, "nothing to commit: " + String.join(", ", paths)
                        + (paths.size() == 1 ? " is" : " are") + " unchanged from commit " + shortId(head));
            }
            PersonIdent bot = new PersonIdent(s.botName(), s.botEmail(), Instant.now(), ZoneOffset.UTC);
            CommitCommand commit = git.commit().setMessage(message(packageIds)).setAuthor(bot).setCommitter(bot)
                    .setSign(false).setNoVerify(true);
            staged.forEach(commit::setOnly);
            RevCommit made = commit.call();
            return push(repo, git, workTree.toAbsolutePath().normalize(), made, branch, sideBranch(packageIds), s);
        }
    }

    private CommitBackResult push(Repository repo, Git git, Path workTree, RevCommit made, String branch,
            String sideBranch, CommitBackSettings s) {
        GitRemote remote = remote(repo, git, workTree, s);
        String target = s.remote() + "/" + branch;
        ObjectId current = made;
        String refusal;
        int attempt = 1;
        while (true) {
            beforePush.accept(attempt);
            GitRemote.PushOutcome outcome = remote.push(current, branch);
            if (outcome.status() == GitRemote.Status.OK) {
                String how = current.equals(made) ? "" : " after rebasing it onto the new head of " + branch
                        + " (attempt " + attempt + " of " + s.maxPushAttempts() + ")";
                return new CommitBackResult(true, current.name(), null,
                        "pushed the changelog commit " + shortId(current) + " to " + target + how);
            }
            if (outcome.status() == GitRemote.Status.FAILED) {
                return new CommitBackResult(false, current.name(), null, "cannot push the changelog commit "
                        + shortId(current) + " to " + target + " with " + remote.name() + ": " + outcome.message()
                        + "; the commit is only in the local clone (check the job's git credentials and network)");
            }
            if (outcome.status() == GitRemote.Status.REJECTED) {
                refusal = target + " refused the push (" + outcome.message() + ")";
                break;
            }
            if (attempt >= s.maxPushAttempts()) {
                refusal = target + " kept moving: " + attempt + " push attempt" + (attempt == 1 ? "" : "s")
                        + " were rejected as non-fast-forward";
                break;
            }
            ObjectId remoteHead;
            try {
                remoteHead = remote.fetch(branch);
            } catch (IOException e) {
                refusal = target + " moved and fetching it failed (" + e.getMessage() + ")";
                break;
            }
            if (remoteHead == null) {
                refusal = target + " rejected the push and has no branch " + branch + " to rebase onto";
                break;
            }
            ObjectId rebased;
            try {
                rebased = rebase(repo, current, remoteHead, s);
            } catch (IOException e) {
                refusal = "rebasing onto " + target + " failed (" + e.getMessage() + ")";
                break;
            }
            if (rebased == null) {
                refusal = target + " has new commits that change the same changelog, so the commit cannot be rebased";
                break;
            }
            current = rebased;
            attempt++;
        }
        return fallback(remote, current, branch, sideBranch, target, refusal);
    }

    private static CommitBackResult fallback(GitRemote remote, ObjectId commit, String branch, String sideBranch,
            String target, String refusal) {
        String side = sideBranch;
        GitRemote.PushOutcome outcome = remote.push(commit, side);
        if (outcome.status() != GitRemote.Status.OK) {
            // a side branch of an earlier run with the same versions: keep it, use one named after this commit
            side = sideBranch + "-" + shortId(commit);
            outcome = remote.push(commit, side);
        }
        if (outcome.status() == GitRemote.Status.OK) {
            return new CommitBackResult(true, commit.name(), side, refusal + "; pushed the changelog commit "
                    + shortId(commit) + " to the branch " + side + " instead: open a pull request from " + side
                    + " into " + branch);
        }
        return new CommitBackResult(false, commit.name(), null, refusal + "; pushing it to the branch " + side
                + " failed as well (" + outcome.message() + "): the changelog commit " + shortId(commit)
                + " is only in the local clone; commit the CHANGELOG.md files by hand");
    }

    private GitRemote remote(Repository repo, Git git, Path workTree, CommitBackSettings s) {
        boolean cli = switch (transport) {
            case JGIT -> false;
            case CLI -> true;
            case AUTO -> s.token() == null && CliGitRemote.available(workTree);
        };
        return cli ? new CliGitRemote(repo, workTree, s.remote(), TIMEOUT_SECONDS)
                : new JGitRemote(git, s.remote(), s.username(), s.token(), TIMEOUT_SECONDS);
    }

    /**
     * {@code commit} replayed onto {@code onto} in memory (three-way merge with the commit's parent as base), as the
     * bot; {@code null} on a conflict.
     */
    static ObjectId rebase(Repository repo, ObjectId commit, ObjectId onto, CommitBackSettings s) throws IOException {
        try (RevWalk walk = new RevWalk(repo); ObjectInserter inserter = repo.newObjectInserter()) {
            RevCommit c = walk.parseCommit(commit);
            RevCommit target = walk.parseCommit(onto);
            ThreeWayMerger merger = MergeStrategy.RECURSIVE.newMerger(repo, true);
            if (c.getParentCount() > 0) {
                merger.setBase(walk.parseCommit(c.getParent(0)).getTree());
            }
            if (!merger.merge(target, c)) {
                return null;
            }
            CommitBuilder b = new CommitBuilder();
            b.setTreeId(merger.getResultTreeId());
            b.setParentId(target);
            b.setAuthor(c.getAuthorIdent());
            b.setCommitter(new PersonIdent(s.botName(), s.botEmail(), Instant.now(), ZoneOffset.UTC));
            b.setMessage(c.getFullMessage());
            ObjectId id = inserter.insert(b);
            inserter.flush();
            return id;
        }
    }

    static String shortId(ObjectId id) {
        return id.name().substring(0, 7);
    }
}
