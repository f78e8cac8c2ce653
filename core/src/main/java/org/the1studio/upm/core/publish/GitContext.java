package org.the1studio.upm.core.publish;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.the1studio.upm.core.detect.ChangeDetector;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathSuffixFilter;
import org.the1studio.upm.core.config.UpmException;

/**
 * What the engine needs to know about the git work tree besides version changes: who made the head commit, which
 * branch and remote this is, whether head is what is checked out, and every manifest path at head (for name
 * uniqueness).
 */
final class GitContext implements AutoCloseable {
    private final Repository repo;
    private final Path workTree;

    private GitContext(Repository repo, Path workTree) {
        this.repo = repo;
        this.workTree = workTree;
    }

    static GitContext open(Path workTree) throws UpmException {
        Path root = workTree.toAbsolutePath().normalize();
        if (!Files.exists(root.resolve(".git"))) {
            throw new UpmException(root.toString(), null, "is not the root of a git work tree",
                    "run upm in the repository root (the folder holding .git)");
        }
        try {
            Repository repo = new FileRepositoryBuilder().setWorkTree(root.toFile()).readEnvironment().setMustExist(true)
                    .build();
            return new GitContext(repo, root);
        } catch (IOException e) {
            throw new UpmException(root.toString(), null, "cannot open the git repository: " + e.getMessage(), null, e);
        }
    }

    /** Fails unless {@code headCommit} is the checked-out commit: we pack the files on disk. */
    void requireCheckedOut(String headCommit) throws UpmException {
        try {
            ObjectId checkedOut = repo.resolve(Constants.HEAD);
            if (checkedOut == null || !checkedOut.name().equals(headCommit)) {
                throw new UpmException(null, "--head", "commit " + abbreviate(headCommit)
                        + " is not the checked-out commit " + (checkedOut == null ? "(none)" : abbreviate(checkedOut.name())),
                        "the packages are packed from the work tree: check out that commit first (git checkout "
                                + abbreviate(headCommit) + ")");
            }
        } catch (IOException e) {
            throw new UpmException(null, null, "cannot resolve HEAD: " + e.getMessage(), null, e);
        }
    }

    /** Context of the run from the head commit, with CI-provided overrides. */
    RunInfo runInfo(String headCommit, String baseCommit, String branchOverride, String repositoryOverride,
            String registry, String buildUrl) throws IOException {
        String author = null;
        String message = null;
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit c = walk.parseCommit(ObjectId.fromString(headCommit));
            author = c.getAuthorIdent().getName();
            message = c.getShortMessage();
        }
        String branch = branchOverride;
        if (branch == null || branch.isBlank()) {
            String current = repo.getBranch();
            branch = current == null || ObjectId.isId(current) ? null : current;
        }
        String repository = repositoryOverride;
        if (repository == null || repository.isBlank()) {
            repository = repo.getConfig().getString("remote", "origin", "url");
        }
        return new RunInfo(stripCredentials(repository), headCommit, baseCommit, author, message, branch, registry, buildUrl);
    }

    /** Repository-relative paths of every tracked {@code package.json} at head (outside folders detection ignores, such as node_modules). */
    List<String> manifestPathsAt(String headCommit) throws IOException {
        List<String> paths = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repo); TreeWalk tw = new TreeWalk(repo)) {
            tw.addTree(walk.parseCommit(ObjectId.fromString(headCommit)).getTree());
            tw.setRecursive(true);
            tw.setFilter(PathSuffixFilter.create("package.json"));
            while (tw.next()) {
                String p = tw.getPathString();
                if ((p.equals("package.json") || p.endsWith("/package.json")) && !ChangeDetector.isIgnoredPath(p)) {
                    paths.add(p);
                }
            }
        }
        return paths;
    }

    Path workTree() {
        return workTree;
    }

    /** {@code https://user:token@host/x} becomes {@code https://host/x}; scp-style and plain paths are unchanged. */
    static String stripCredentials(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = URI.create(url);
            if (uri.getUserInfo() != null && uri.getHost() != null) {
                return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
            }
        } catch (IllegalArgumentException | java.net.URISyntaxException e) {
            return url.replaceAll("//[^/@]+@", "//");
        }
        return url;
    }

    static String abbreviate(String sha) {
        return sha == null ? null : sha.length() > 10 ? sha.substring(0, 10) : sha;
    }

    @Override
    public void close() {
        repo.close();
    }
}
