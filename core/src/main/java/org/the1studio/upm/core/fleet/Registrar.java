package org.the1studio.upm.core.fleet;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.the1studio.upm.core.config.UpmException;

/**
 * Brings a repository into the fleet: checks it on GitHub, opens a pull request there that adds the one-line
 * {@code Jenkinsfile} ({@code upmPublish()}), and lists it as {@code pending}; {@link #sync} makes pending
 * repositories {@code active} once that file is on their branch (the pull request was merged).
 *
 * <p>Registration is idempotent: run twice, it finds its branch and open pull request instead of failing, and a
 * repository that already calls {@code upmPublish()} is listed as active right away.
 */
public final class Registrar {
    /** The branch the pull request comes from. */
    public static final String BRANCH = "upm/register";
    /** The file added. */
    public static final String JENKINSFILE = "Jenkinsfile";
    /** Its whole content. */
    public static final String JENKINSFILE_CONTENT = "upmPublish()\n";
    static final String TITLE = "Publish Unity packages with UPM";
    static final String MESSAGE = "Add Jenkinsfile: publish Unity packages with UPM";
    static final String BODY = """
            This adds the one-line `Jenkinsfile` that lets the studio's Jenkins publish the Unity packages of this \
            repository:

            ```groovy
            upmPublish()
            ```

            After merging, publishing a package is: bump `version` in its `package.json`, push. The job detects the \
            change, validates the manifest, packs it as `npm pack` would, publishes it to the registry, verifies it, \
            writes a changelog entry and announces it.

            Opened by `upm repos register`; the repository becomes active in the fleet once this is merged \
            (`upm repos sync`).
            """;

    /** What registration did. */
    public record Registration(RepositoryEntry entry, String pullRequestUrl, List<String> steps,
            RepositoryRegistry registry) {}

    /** What sync found for one pending repository. */
    public record SyncResult(String url, boolean activated, String detail) {}

    private final GitHubApi api;

    public Registrar(GitHubApi api) {
        this.api = api;
    }

    /**
     * Registers {@code url}; returns the new registry (the caller saves it).
     *
     * @param allowEmpty register even when no Unity package is found yet
     * @throws UpmException with what is wrong with the repository (not found, no access, archived, ...)
     */
    public Registration register(RepositoryRegistry registry, String url, String branch, boolean allowEmpty)
            throws UpmException {
        RepoRef ref;
        try {
            ref = RepoRef.parse(url);
        } catch (IllegalArgumentException e) {
            throw new UpmException(null, "URL", e.getMessage(), null);
        }
        Optional<RepositoryEntry> listed = registry.find(url);
        if (listed.isPresent() && listed.get().status() == RepoStatus.ACTIVE) {
            throw new UpmException(null, "URL", ref.url() + " is already an active repository of the fleet", null);
        }
        List<String> steps = new ArrayList<>();
        try {
            GitHubApi.RepoInfo info = api.repository(ref);
            if (info.archived()) {
                throw new UpmException(null, "URL", ref.fullName() + " is archived on GitHub: nothing can be merged"
                        + " or published there", "unarchive it first");
            }
            if (!info.canPush()) {
                throw new UpmException(null, "URL", "the token cannot push to " + ref.fullName() + " (no write"
                        + " permission), so it cannot open the registration pull request",
                        "use a token of an account with write access, or add the Jenkinsfile by hand and run"
                                + " 'upm repos add " + ref.url() + " --status pending'");
            }
            String base = branch != null ? branch : info.defaultBranch();
            String head = api.branchHead(ref, base);
            steps.add(ref.fullName() + " found; " + (info.isPrivate() ? "private" : "public") + ", branch " + base
                    + " at " + head.substring(0, Math.min(10, head.length())));
            RepositorySource.Scan scan = new GitHubSource(api).scan(new RepositoryEntry(ref.url(), RepoStatus.PENDING,
                    base, null, null), new RepositorySource.Scan(base, head, List.of(), List.of()));
            if (scan.packages().isEmpty() && !allowEmpty) {
                throw new UpmException(null, "URL", "no Unity package (a package.json with a \"unity\" field) on "
                        + ref.fullName() + " " + base, "register it once it has one, or pass --allow-empty");
            }
            steps.add(scan.packages().size() + " Unity package(s): " + String.join(", ",
                    scan.packages().stream().map(p -> p.name() + "@" + p.version()).toList()));

            Optional<GitHubApi.FileContent> existing = api.file(ref, JENKINSFILE, base);
            RepositoryEntry entry;
            String prUrl = null;
            if (existing.isPresent()) {
                if (!callsUpmPublish(existing.get().text())) {
                    throw new UpmException(null, "URL", ref.fullName() + " already has a Jenkinsfile on " + base
                            + " that does not call upmPublish()", "add upmPublish() to it by hand, then run 'upm repos"
                            + " add " + ref.url() + " --status pending' and 'upm repos sync'");
                }
                steps.add("Jenkinsfile on " + base + " already calls upmPublish(): listed as active");
                entry = new RepositoryEntry(ref.url(), RepoStatus.ACTIVE, branch, null, null);
            } else {
                prUrl = openPullRequest(ref, base, head, steps);
                entry = new RepositoryEntry(ref.url(), RepoStatus.PENDING, branch, null, null);
            }
            RepositoryRegistry updated = listed.isPresent() ? registry.setStatus(ref.url(), entry.status())
                    : registry.add(entry);
            return new Registration(entry, prUrl, steps, updated);
        } catch (GitHubException e) {
            throw new UpmException(null, "URL", e.getMessage(), null, e);
        } catch (FleetSourceException e) {
            throw new UpmException(null, "URL", e.getMessage(), null, e);
        }
    }

    private String openPullRequest(RepoRef ref, String base, String head, List<String> steps) throws GitHubException {
        for (GitHubApi.PullRequestInfo pr : api.pullRequests(ref, BRANCH)) {
            if ("open".equals(pr.state())) {
                steps.add("pull request already open: " + pr.htmlUrl());
                return pr.htmlUrl();
            }
        }
        try {
            api.createBranch(ref, BRANCH, head);
            steps.add("created branch " + BRANCH + " from " + base);
        } catch (GitHubException e) {
            if (e.kind() != GitHubException.Kind.UNPROCESSABLE) {
                throw e;
            }
            steps.add("branch " + BRANCH + " already exists: reusing it");
        }
        Optional<GitHubApi.FileContent> onBranch = api.file(ref, JENKINSFILE, BRANCH);
        if (onBranch.isEmpty() || !callsUpmPublish(onBranch.get().text())) {
            api.putFile(ref, BRANCH, JENKINSFILE, JENKINSFILE_CONTENT.getBytes(StandardCharsets.UTF_8), MESSAGE,
                    onBranch.map(GitHubApi.FileContent::blobSha).orElse(null));
            steps.add("committed " + JENKINSFILE + " (" + JENKINSFILE_CONTENT.strip() + ") on " + BRANCH);
        }
        GitHubApi.PullRequestInfo pr = api.openPullRequest(ref, BRANCH, base, TITLE, BODY);
        steps.add("opened pull request #" + pr.number() + ": " + pr.htmlUrl());
        return pr.htmlUrl();
    }

    /**
     * Checks every pending repository; those whose branch has a Jenkinsfile calling {@code upmPublish()} become
     * active. Returns one result per pending repository and the updated registry.
     */
    public SyncOutcome sync(RepositoryRegistry registry) throws UpmException {
        List<SyncResult> results = new ArrayList<>();
        RepositoryRegistry updated = registry;
        for (RepositoryEntry e : registry.withStatus(RepoStatus.PENDING)) {
            RepoRef ref = e.ref();
            try {
                String branch = e.branch() != null ? e.branch() : api.repository(ref).defaultBranch();
                Optional<GitHubApi.FileContent> f = api.file(ref, JENKINSFILE, branch);
                if (f.isPresent() && callsUpmPublish(f.get().text())) {
                    updated = updated.setStatus(e.url(), RepoStatus.ACTIVE);
                    results.add(new SyncResult(e.url(), true, "Jenkinsfile with upmPublish() is on " + branch
                            + ": now active"));
                } else {
                    String pr = api.pullRequests(ref, BRANCH).stream().filter(p -> "open".equals(p.state()))
                            .map(p -> "pull request " + p.htmlUrl() + " is still open").findFirst()
                            .orElse("no open registration pull request; run 'upm repos register " + e.url() + "' again");
                    results.add(new SyncResult(e.url(), false, (f.isPresent() ? "the Jenkinsfile on " + branch
                            + " does not call upmPublish()" : "no Jenkinsfile on " + branch + " yet") + "; " + pr));
                }
            } catch (GitHubException ex) {
                results.add(new SyncResult(e.url(), false, ex.getMessage()));
            }
        }
        return new SyncOutcome(results, updated);
    }

    /** Results of {@link #sync} and the registry to save. */
    public record SyncOutcome(List<SyncResult> results, RepositoryRegistry registry) {}

    /** True when a Jenkinsfile calls the shared library's {@code upmPublish} step (comments ignored). */
    static boolean callsUpmPublish(String jenkinsfile) {
        String code = jenkinsfile.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)//.*$", "");
        return code.matches("(?s).*\\bupmPublish\\s*(\\(|\\{|$|\\s).*");
    }
}
