package org.the1studio.upm.core.changelog;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.the1studio.upm.core.audit.Redactor;
import org.the1studio.upm.core.io.Json;

/**
 * Finds the commits of one package folder since its previous version, with JGit.
 *
 * <p>The previous version's commit is the one that <em>set</em> {@code oldVersion} in the manifest (the oldest commit
 * of the newest run of manifest revisions carrying it), not the last commit that still had it: the old version was
 * published from the commit that set it, so a later commit that touched the manifest without bumping the version
 * (say, a new dependency) is part of the new release and must be listed.
 *
 * <p>A shallow clone (what most CI systems check out) usually lacks that commit. Then the full history is fetched
 * from the remote once ({@code git fetch --unshallow} with the command line, which uses the CI's git credentials,
 * else JGit), and the search is repeated; the entry's notices say so.
 */
final class GitHistory {
    private static final Redactor REDACT = Redactor.shapesOnly();
    private static final long FETCH_TIMEOUT_SECONDS = 300;

    private GitHistory() {
    }

    /** Normalises a package folder to repository-relative with {@code '/'}, no leading {@code ./} or trailing slash. */
    static String normalizeFolder(String packagePath) {
        String p = packagePath == null ? "" : packagePath.replace('\\', '/').strip();
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.equals(".") ? "" : p;
    }

    static CommitHistory collect(Path workTree, String packagePath, String oldVersion, String headCommit)
            throws IOException {
        return collect(workTree, packagePath, oldVersion, headCommit, true);
    }

    /** {@code gitCliFirst = false} deepens with JGit only (tests of that path). */
    static CommitHistory collect(Path workTree, String packagePath, String oldVersion, String headCommit,
            boolean gitCliFirst) throws IOException {
        String folder = normalizeFolder(packagePath);
        String manifest = folder.isEmpty() ? "package.json" : folder + "/package.json";
        List<String> notices = new ArrayList<>();
        Repository repo = open(workTree);
        try {
            ObjectId head = resolveHead(repo, headCommit);
            String previous = oldVersion == null ? null : versionCommit(repo, head, manifest, oldVersion);
            boolean boundary = previous != null && isShallowBoundary(repo, previous);
            boolean wantsMore = oldVersion == null || previous == null || boundary;
            if (wantsMore && isShallow(repo)) {
                String why = oldVersion == null ? "to list every commit of " + describe(folder) + " for its first release"
                        : "to find the commit that set version " + oldVersion + " in " + manifest;
                if (deepen(repo, workTree, why, notices, gitCliFirst)) {
                    repo.close();
                    repo = open(workTree);
                    head = resolveHead(repo, headCommit);
                    previous = oldVersion == null ? null : versionCommit(repo, head, manifest, oldVersion);
                    boundary = previous != null && isShallowBoundary(repo, previous);
                }
            }
            if (boundary) {
                notices.add("the clone is shallow and " + manifest + " already has version " + oldVersion
                        + " at its oldest fetched commit: the entry may miss older commits");
            }
            if (oldVersion != null && previous == null) {
                notices.add("no commit in the history of " + manifest + " has version " + oldVersion
                        + ": the entry lists every commit of " + describe(folder));
            }
            return walk(repo, head, folder, previous, notices);
        } finally {
            repo.close();
        }
    }

    private static String describe(String folder) {
        return folder.isEmpty() ? "the repository" : folder + "/";
    }

    private static Repository open(Path workTree) throws IOException {
        File dir = workTree.toAbsolutePath().normalize().toFile();
        FileRepositoryBuilder b = new FileRepositoryBuilder().readEnvironment().findGitDir(dir);
        if (b.getGitDir() == null) {
            throw new IOException(dir + " is not inside a git work tree: the changelog needs the package's history");
        }
        return b.setMustExist(true).build();
    }

    private static ObjectId resolveHead(Repository repo, String headCommit) throws IOException {
        String rev = headCommit == null || headCommit.isBlank() ? Constants.HEAD : headCommit;
        ObjectId id = repo.resolve(rev + "^{commit}");
        if (id == null) {
            throw new IOException("commit " + rev + " is not in the repository " + repo.getDirectory()
                    + ": fetch it or check out the commit being published");
        }
        return id;
    }

    private static boolean isShallow(Repository repo) throws IOException {
        return !repo.getObjectDatabase().getShallowCommits().isEmpty();
    }

    private static boolean isShallowBoundary(Repository repo, String commit) throws IOException {
        Set<ObjectId> shallow = repo.getObjectDatabase().getShallowCommits();
        return shallow.contains(ObjectId.fromString(commit));
    }

    /** The commit that set {@code version} in {@code manifest} most recently, or {@code null}. */
    private static String versionCommit(Repository repo, ObjectId head, String manifest, String version)
            throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            walk.setTreeFilter(AndTreeFilter.create(PathFilter.create(manifest), TreeFilter.ANY_DIFF));
            walk.sort(RevSort.TOPO, true);
            walk.sort(RevSort.COMMIT_TIME_DESC, true);
            walk.markStart(walk.parseCommit(head));
            String found = null;
            for (RevCommit c : walk) {
                boolean has = version.equals(versionAt(repo, c, manifest));
                if (has) {
                    found = c.getName();
                } else if (found != null) {
                    break;
                }
            }
            return found;
        }
    }

    private static String versionAt(Repository repo, RevCommit c, String manifest) throws IOException {
        try (TreeWalk tw = TreeWalk.forPath(repo, manifest, c.getTree())) {
            if (tw == null) {
                return null;
            }
            byte[] bytes = repo.open(tw.getObjectId(0)).getCachedBytes(4 * 1024 * 1024);
            JsonNode node = Json.MAPPER.readTree(bytes);
            JsonNode v = node == null ? null : node.get("version");
            return v != null && v.isTextual() ? v.asText().strip() : null;
        } catch (com.fasterxml.jackson.core.JacksonException | org.eclipse.jgit.errors.LargeObjectException e) {
            return null;
        }
    }

    private static CommitHistory walk(Repository repo, ObjectId head, String folder, String previous,
            List<String> notices) throws IOException {
        List<CommitInfo> newestFirst = new ArrayList<>();
        int total = 0;
        try (RevWalk walk = new RevWalk(repo)) {
            if (!folder.isEmpty()) {
                walk.setTreeFilter(AndTreeFilter.create(PathFilter.create(folder), TreeFilter.ANY_DIFF));
            }
            walk.sort(RevSort.TOPO, true);
            walk.sort(RevSort.COMMIT_TIME_DESC, true);
            walk.markStart(walk.parseCommit(head));
            if (previous != null) {
                walk.markUninteresting(walk.parseCommit(ObjectId.fromString(previous)));
            }
            for (RevCommit c : walk) {
                if (c.getParentCount() > 1 || isBotChangelogCommit(c.getFullMessage())) {
                    continue;
                }
                total++;
                if (newestFirst.size() < CommitHistory.MAX_COMMITS) {
                    newestFirst.add(info(c));
                }
            }
        }
        int omitted = total - newestFirst.size();
        if (omitted > 0) {
            notices.add("only the newest " + CommitHistory.MAX_COMMITS + " of " + total + " commits are described");
        }
        Collections.reverse(newestFirst);
        return new CommitHistory(newestFirst, head.getName(), previous, omitted, notices);
    }

    /** A changelog commit made by this tool (or a similar bot): {@code [skip ci]} and "changelog" in the subject. */
    static boolean isBotChangelogCommit(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        if (!(m.contains("[skip ci]") || m.contains("[ci skip]"))) {
            return false;
        }
        int nl = m.indexOf('\n');
        String subject = nl < 0 ? m : m.substring(0, nl);
        return subject.contains("changelog");
    }

    private static CommitInfo info(RevCommit c) {
        String full = c.getFullMessage();
        int nl = full.indexOf('\n');
        String subject = (nl < 0 ? full : full.substring(0, nl)).strip();
        String body = nl < 0 ? "" : full.substring(nl + 1).strip();
        return new CommitInfo(c.getName(), subject, body, c.getAuthorIdent().getName(),
                c.getAuthorIdent().getWhenAsInstant());
    }

    /** Fetches the full history from the remote; true when the clone is no longer shallow. */
    private static boolean deepen(Repository repo, Path workTree, String why, List<String> notices,
            boolean gitCliFirst) {
        Set<String> remotes = repo.getRemoteNames();
        String remote = remotes.contains("origin") ? "origin" : remotes.stream().sorted().findFirst().orElse(null);
        if (remote == null) {
            notices.add("the clone is shallow and has no remote to fetch more history from (" + why + ")");
            return false;
        }
        String cliProblem = gitCliFirst ? gitCli(workTree, "fetch", "--unshallow", "--quiet", remote)
                : "not tried";
        try {
            if (cliProblem == null && !isShallow(repo)) {
                notices.add("the clone was shallow: fetched the full history from " + remote
                        + " (git fetch --unshallow) " + why);
                return true;
            }
        } catch (IOException e) {
            // fall through to JGit
        }
        try (Git git = Git.wrap(repo)) {
            git.fetch().setRemote(remote).setUnshallow(true).setTimeout((int) FETCH_TIMEOUT_SECONDS).call();
            if (!isShallow(repo)) {
                notices.add("the clone was shallow: fetched the full history from " + remote + " (JGit) " + why);
                return true;
            }
            notices.add("the clone is still shallow after fetching from " + remote + " (" + why + ")");
            return false;
        } catch (Exception e) {
            notices.add("the clone is shallow and fetching the full history from " + remote + " failed ("
                    + (cliProblem != null ? "git: " + cliProblem + "; " : "") + "JGit: "
                    + REDACT.redact(String.valueOf(e.getMessage())) + "): the entry may miss commits; "
                    + "check out with full history (fetch-depth 0)");
            return false;
        }
    }

    /** Runs the git command line in {@code dir}; {@code null} on success, else what went wrong (credentials masked). */
    private static String gitCli(Path dir, String... args) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        Path output = null;
        try {
            output = Files.createTempFile("upm-git-", ".txt");
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File(isWindows() ? "NUL" : "/dev/null")))
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            pb.environment().put("GIT_TERMINAL_PROMPT", "0");
            Process p = pb.start();
            if (!p.waitFor(FETCH_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "timed out after " + FETCH_TIMEOUT_SECONDS + " s";
            }
            if (p.exitValue() == 0) {
                return null;
            }
            String out = Files.readString(output, StandardCharsets.UTF_8).strip();
            if (out.length() > 300) {
                out = out.substring(out.length() - 300);
            }
            return "exit " + p.exitValue() + (out.isEmpty() ? "" : ": " + REDACT.redact(out));
        } catch (IOException e) {
            return "cannot run git: " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // a temp file
                }
            }
        }
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }
}
