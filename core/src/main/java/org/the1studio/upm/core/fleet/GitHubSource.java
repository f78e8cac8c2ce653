package org.the1studio.upm.core.fleet;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads repositories through the GitHub API: the branch tip ({@code git/ref}), the recursive tree, and each
 * {@code package.json} through the contents API at that exact commit.
 */
public final class GitHubSource implements RepositorySource {
    private final GitHubApi api;

    public GitHubSource(GitHubApi api) {
        this.api = api;
    }

    @Override
    public String name() {
        return "github";
    }

    @Override
    public Scan tip(RepositoryEntry entry) throws FleetSourceException {
        RepoRef ref = entry.ref();
        try {
            String branch = entry.branch();
            if (branch == null) {
                GitHubApi.RepoInfo info = api.repository(ref);
                branch = info.defaultBranch();
            }
            return new Scan(branch, api.branchHead(ref, branch), List.of(), List.of());
        } catch (GitHubException e) {
            throw new FleetSourceException(e.getMessage(), e);
        }
    }

    @Override
    public Scan scan(RepositoryEntry entry, Scan tip) throws FleetSourceException {
        RepoRef ref = entry.ref();
        try {
            GitHubApi.RepoTree tree = api.tree(ref, tip.commit());
            if (tree.truncated()) {
                throw new FleetSourceException(ref.fullName() + ": GitHub cut the file tree short (over 100,000"
                        + " entries or 7 MB), so packages could be missed; scan this repository from a local clone"
                        + " (upm cache build --clones DIR)", null);
            }
            List<CachedPackage> packages = new ArrayList<>();
            List<String> notices = new ArrayList<>();
            for (GitHubApi.TreeEntry e : tree.entries()) {
                if ("blob".equals(e.type()) && ManifestScan.candidate(e.path())) {
                    byte[] bytes = api.file(ref, e.path(), tip.commit()).orElseThrow(() -> new FleetSourceException(
                            ref.fullName() + ": " + e.path() + " is in the tree but the contents API does not find it",
                            null)).bytes();
                    ManifestScan.read(e.path(), bytes, notices).ifPresent(packages::add);
                }
            }
            return new Scan(tip.branch(), tip.commit(), packages, notices);
        } catch (GitHubException e) {
            throw new FleetSourceException(e.getMessage(), e);
        }
    }
}
