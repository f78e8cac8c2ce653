package org.the1studio.upm.core.fleet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.the1studio.upm.core.secret.Secret;

/**
 * A folder of clones, one per repository at {@code <root>/<owner>/<name>}: what a build agent keeps so that scans
 * and re-publishing read git directly instead of the API. Missing clones are cloned (with the token over https when
 * one is given), existing ones fetched when asked.
 */
public final class LocalClones {
    private final Path root;
    private final Secret token;
    private final boolean fetch;

    /**
     * @param root  the folder holding {@code owner/name} clones
     * @param token GitHub token for https clone and fetch, or {@code null}
     * @param fetch fetch existing clones before reading them
     */
    public LocalClones(Path root, Secret token, boolean fetch) {
        this.root = root.toAbsolutePath().normalize();
        this.token = token;
        this.fetch = fetch;
    }

    public Path root() {
        return root;
    }

    /** Where the clone of {@code ref} lives (whether or not it exists yet). */
    public Path pathOf(RepoRef ref) {
        return root.resolve(ref.owner()).resolve(ref.name());
    }

    /** Opens the clone of {@code entry}, cloning or fetching first as configured. */
    public Repository open(RepositoryEntry entry) throws FleetSourceException {
        RepoRef ref = entry.ref();
        Path dir = pathOf(ref);
        try {
            if (!Files.exists(dir.resolve(".git")) && !Files.exists(dir.resolve("HEAD"))) {
                try (Git ignored = Git.cloneRepository().setURI(ref.url() + ".git").setDirectory(dir.toFile())
                        .setNoCheckout(true).setCredentialsProvider(credentials()).call()) {
                    // cloned
                } catch (GitAPIException | RuntimeException e) {
                    throw new FleetSourceException(ref.fullName() + ": no clone in " + dir + " and cloning "
                            + ref.url() + " failed: " + redact(e.getMessage()), e);
                }
            }
            Repository repo = new FileRepositoryBuilder().findGitDir(dir.toFile()).setMustExist(true).build();
            if (fetch) {
                try (Git git = new Git(repo)) {
                    git.fetch().setRemote("origin").setCredentialsProvider(credentials()).call();
                } catch (GitAPIException | RuntimeException e) {
                    repo.close();
                    throw new FleetSourceException(ref.fullName() + ": cannot fetch " + dir + ": "
                            + redact(e.getMessage()), e);
                }
            }
            return repo;
        } catch (IOException e) {
            throw new FleetSourceException(ref.fullName() + ": cannot open the clone in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * The branch to read: the entry's, else the remote's default ({@code origin/HEAD}), else the clone's current
     * branch.
     */
    static String branch(Repository repo, RepositoryEntry entry) throws IOException {
        if (entry.branch() != null) {
            return entry.branch();
        }
        Ref originHead = repo.exactRef("refs/remotes/origin/HEAD");
        if (originHead != null && originHead.isSymbolic()) {
            return Repository.shortenRefName(originHead.getTarget().getName()).replaceFirst("^origin/", "");
        }
        String current = repo.getBranch();
        return current == null || ObjectId.isId(current) ? Constants.MASTER : current;
    }

    /** The tip of {@code branch}: the remote-tracking branch when there is one, else the local branch. */
    static ObjectId tip(Repository repo, String branch) throws IOException {
        Ref r = repo.exactRef("refs/remotes/origin/" + branch);
        if (r == null) {
            r = repo.exactRef(Constants.R_HEADS + branch);
        }
        return r == null ? null : r.getObjectId();
    }

    private CredentialsProvider credentials() {
        return token == null ? null : new UsernamePasswordCredentialsProvider("x-access-token", token.reveal());
    }

    private String redact(String s) {
        return token == null || s == null ? s : token.redact(s);
    }
}
