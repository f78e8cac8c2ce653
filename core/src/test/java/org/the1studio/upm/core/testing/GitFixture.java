package org.the1studio.upm.core.testing;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.MergeCommand;
import org.eclipse.jgit.api.MergeResult;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.URIish;

/**
 * A real git repository in a temporary folder, for tests that need git history (change detection, changelogs,
 * commit-back, the publish engine end to end).
 *
 * <p>Why a fixture and not mocks: the engine's behaviour depends on what git really stores (trees, merges, shallow
 * clones, line endings), so tests build real repositories with JGit and, where JGit differs from what CI does, with the
 * real {@code git} command line ({@link #runGit}, {@link #cloneShallow}).
 *
 * <p>Everything is deterministic: the branch is {@code main}, author and committer default to
 * {@code Dev <dev@example.com>}, and commit times come from a fixed clock (2024-01-01T00:00:00Z, one minute later per
 * commit), so the same test builds the same commit ids. The repository config disables {@code core.autocrlf} and
 * commit signing so the machine's global git config cannot change what is stored.
 *
 * <p>Typical use:
 * <pre>{@code
 * try (GitFixture repo = GitFixture.init(tempDir)) {
 *     repo.write("Packages/a/package.json", GitFixture.unityManifest("com.acme.a", "1.0.0"));
 *     String first = repo.commit("add a");
 *     repo.write("Packages/a/package.json", GitFixture.unityManifest("com.acme.a", "1.1.0")).commit("bump a");
 * }
 * }</pre>
 *
 * <p>Paths given to {@link #write}, {@link #delete} and {@link #move} are repository-relative with {@code '/'}.
 */
public final class GitFixture implements AutoCloseable {
    /** Default author and committer name. */
    public static final String DEV_NAME = "Dev";
    /** Default author and committer e-mail. */
    public static final String DEV_EMAIL = "dev@example.com";
    /** The initial branch of every repository made here. */
    public static final String MAIN = "main";

    private static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectWriter PRETTY = JSON.writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private final Path root;
    private final Git git;
    private int commits;

    private GitFixture(Path root, Git git) {
        this.root = root;
        this.git = git;
    }

    /**
     * Creates a new repository in {@code dir} (created if missing) on branch {@code main}, with no commits yet.
     */
    public static GitFixture init(Path dir) {
        try {
            Files.createDirectories(dir);
            Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch(MAIN).call();
            GitFixture f = new GitFixture(dir.toAbsolutePath().normalize(), git);
            f.configure();
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("git init " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Clones {@code remote} (a path to a repository, bare or not) into {@code dir} with JGit, full history. */
    public static GitFixture cloneOf(Path remote, Path dir) {
        try {
            Git git = Git.cloneRepository().setURI(remote.toAbsolutePath().toUri().toString())
                    .setDirectory(dir.toFile()).call();
            GitFixture f = new GitFixture(dir.toAbsolutePath().normalize(), git);
            f.configure();
            return f;
        } catch (GitAPIException e) {
            throw new IllegalStateException("clone " + remote + " into " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Clones {@code remote} into {@code dir} with the real git command line and {@code --depth depth}, the way CI
     * systems check out (for example GitHub Actions' default {@code fetch-depth: 1}). The result has a
     * {@code .git/shallow} file and lacks the history beyond {@code depth} commits.
     */
    public static GitFixture cloneShallow(Path remote, Path dir, int depth) {
        Path parent = dir.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        runGitIn(parent, "clone", "--quiet", "--depth", Integer.toString(depth),
                remote.toAbsolutePath().toUri().toString(), dir.toAbsolutePath().toString());
        try {
            GitFixture f = new GitFixture(dir.toAbsolutePath().normalize(), Git.open(dir.toFile()));
            f.configure();
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void configure() {
        try {
            StoredConfig config = git.getRepository().getConfig();
            config.setString("user", null, "name", DEV_NAME);
            config.setString("user", null, "email", DEV_EMAIL);
            config.setBoolean("core", null, "autocrlf", false);
            config.setBoolean("commit", null, "gpgsign", false);
            config.setBoolean("tag", null, "gpgsign", false);
            config.save();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The work tree root (the folder holding {@code .git}). */
    public Path root() {
        return root;
    }

    /** The JGit handle, for anything this fixture does not cover. */
    public Git git() {
        return git;
    }

    /** The JGit repository. */
    public Repository repository() {
        return git.getRepository();
    }

    /** The absolute path of a repository-relative path; refuses paths that leave the work tree. */
    public Path resolve(String relPath) {
        Path p = root.resolve(relPath).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException(relPath + " is outside the work tree " + root);
        }
        return p;
    }

    /** Writes a UTF-8 text file (parent folders created), replacing any previous content. Not staged until commit. */
    public GitFixture write(String relPath, String content) {
        return writeBytes(relPath, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes raw bytes (for BOMs, CRLF, binary files), replacing any previous content. */
    public GitFixture writeBytes(String relPath, byte[] content) {
        Path file = resolve(relPath);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Deletes a file, or a folder with everything in it. The deletion is recorded by the next {@link #commit}. */
    public GitFixture delete(String relPath) {
        Path target = resolve(relPath);
        try {
            if (Files.isDirectory(target)) {
                try (Stream<Path> s = Files.walk(target)) {
                    for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            } else {
                Files.delete(target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Moves a file or folder (like {@code git mv}; parent folders of the target are created). */
    public GitFixture move(String from, String to) {
        Path target = resolve(to);
        try {
            Files.createDirectories(target.getParent());
            Files.move(resolve(from), target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Stages everything (new, changed and deleted files) and commits as {@code Dev <dev@example.com>}. */
    public String commit(String message) {
        return commit(message, DEV_NAME, DEV_EMAIL);
    }

    /**
     * Stages everything (new, changed and deleted files) and commits with the given author; the committer is
     * {@code Dev <dev@example.com>}. Empty commits are allowed.
     *
     * @return the full commit id
     */
    public String commit(String message, String authorName, String authorEmail) {
        try {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            Instant when = EPOCH.plusSeconds(60L * commits++);
            RevCommit c = git.commit().setMessage(message).setAllowEmpty(true).setSign(false)
                    .setAuthor(new PersonIdent(authorName, authorEmail, when, ZoneOffset.UTC))
                    .setCommitter(new PersonIdent(DEV_NAME, DEV_EMAIL, when, ZoneOffset.UTC))
                    .call();
            return c.getName();
        } catch (GitAPIException e) {
            throw new IllegalStateException("commit '" + message + "': " + e.getMessage(), e);
        }
    }

    /** The full id of the commit HEAD points to, or {@code null} before the first commit. */
    public String head() {
        return resolveRev("HEAD");
    }

    /** The full id {@code rev} resolves to (any rev string: {@code HEAD~2}, a branch, a tag), or {@code null}. */
    public String resolveRev(String rev) {
        try {
            ObjectId id = git.getRepository().resolve(rev);
            return id == null ? null : id.getName();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Creates branch {@code name} at HEAD without switching to it. */
    public GitFixture branch(String name) {
        try {
            git.branchCreate().setName(name).call();
        } catch (GitAPIException e) {
            throw new IllegalStateException("branch " + name + ": " + e.getMessage(), e);
        }
        return this;
    }

    /** Switches to an existing branch (or detaches at a commit id). */
    public GitFixture checkout(String name) {
        try {
            git.checkout().setName(name).call();
        } catch (GitAPIException e) {
            throw new IllegalStateException("checkout " + name + ": " + e.getMessage(), e);
        }
        return this;
    }

    /** Creates a lightweight tag at HEAD. */
    public GitFixture tag(String name) {
        try {
            git.tag().setName(name).setAnnotated(false).call();
        } catch (GitAPIException e) {
            throw new IllegalStateException("tag " + name + ": " + e.getMessage(), e);
        }
        return this;
    }

    /** Merges {@code branch} into the current branch, always with a merge commit; message "Merge branch 'x'". */
    public String merge(String branch) {
        return merge(branch, "Merge branch '" + branch + "'");
    }

    /**
     * Merges {@code branch} into the current branch with a merge commit ({@code --no-ff}) made by
     * {@code Dev <dev@example.com>} at the fixture's clock.
     *
     * @return the merge commit id
     * @throws IllegalStateException on conflicts, naming the conflicting paths
     */
    public String merge(String branch, String message) {
        try {
            ObjectId other = git.getRepository().resolve(branch);
            if (other == null) {
                throw new IllegalStateException("merge: unknown branch " + branch);
            }
            MergeResult r = git.merge().include(other).setFastForward(MergeCommand.FastForwardMode.NO_FF)
                    .setCommit(false).call();
            if (!r.getMergeStatus().isSuccessful()) {
                throw new IllegalStateException("merge " + branch + ": " + r.getMergeStatus()
                        + (r.getConflicts() == null ? "" : " conflicts " + r.getConflicts().keySet()));
            }
            return commit(message);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("merge " + branch + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates a bare repository in {@code dir}, adds it as remote {@code origin}, pushes {@code main} to it and
     * makes {@code main} track {@code origin/main}.
     *
     * @return the bare repository's folder
     */
    public Path createBareRemote(Path dir) {
        Path bare = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(bare);
            try (Git remote = Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch(MAIN).call()) {
                // nothing else: the push below fills it
            }
            git.remoteAdd().setName("origin").setUri(new URIish(bare.toUri().toString())).call();
            StoredConfig config = git.getRepository().getConfig();
            config.setString("branch", MAIN, "remote", "origin");
            config.setString("branch", MAIN, "merge", "refs/heads/" + MAIN);
            config.save();
            if (head() != null) {
                git.push().setRemote("origin").setRefSpecs(new RefSpec("refs/heads/" + MAIN + ":refs/heads/" + MAIN))
                        .call();
            }
            return bare;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException | java.net.URISyntaxException e) {
            throw new IllegalStateException("bare remote " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Pushes the current branch to the branch of the same name on {@code origin}. */
    public GitFixture push() {
        try {
            String branch = git.getRepository().getBranch();
            git.push().setRemote("origin")
                    .setRefSpecs(new RefSpec("refs/heads/" + branch + ":refs/heads/" + branch)).call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GitAPIException e) {
            throw new IllegalStateException("push: " + e.getMessage(), e);
        }
        return this;
    }

    /**
     * Runs the real {@code git} command line in the work tree.
     *
     * @return standard output without the trailing newline
     * @throws IllegalStateException on a non-zero exit, with the command and its standard error
     */
    public String runGit(String... args) {
        return runGitIn(root, args);
    }

    private static String runGitIn(Path dir, String... args) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        File out = null;
        File err = null;
        try {
            out = File.createTempFile("git-out", ".txt");
            err = File.createTempFile("git-err", ".txt");
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out).redirectError(err);
            Map<String, String> env = pb.environment();
            env.put("GIT_TERMINAL_PROMPT", "0");
            env.put("LC_ALL", "C");
            env.put("GIT_AUTHOR_NAME", DEV_NAME);
            env.put("GIT_AUTHOR_EMAIL", DEV_EMAIL);
            env.put("GIT_COMMITTER_NAME", DEV_NAME);
            env.put("GIT_COMMITTER_EMAIL", DEV_EMAIL);
            int rc = pb.start().waitFor();
            String stdout = Files.readString(out.toPath(), StandardCharsets.UTF_8);
            if (rc != 0) {
                throw new IllegalStateException(String.join(" ", command) + " (in " + dir + ") exited " + rc + ": "
                        + Files.readString(err.toPath(), StandardCharsets.UTF_8).strip());
            }
            return stdout.endsWith("\n") ? stdout.substring(0, stdout.length() - 1) : stdout;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
        } finally {
            if (out != null) {
                out.delete();
            }
            if (err != null) {
                err.delete();
            }
        }
    }

    /**
     * A valid Unity package manifest (pretty-printed like npm writes it, LF, trailing newline): {@code name},
     * {@code version}, {@code displayName}, {@code description} and {@code unity: "2022.3"}.
     */
    public static String unityManifest(String name, String version) {
        return unityManifest(name, version, Map.of());
    }

    /**
     * A Unity package manifest with extra or replaced fields. Values are written by Jackson (strings, numbers,
     * booleans, lists, maps). A {@code null} value removes the field, which makes invalid or non-Unity manifests easy:
     * {@code Map.of}-style maps cannot hold null, so use a {@link java.util.HashMap} for that, for example
     * {@code extra.put("unity", null)} for a plain npm package.json.
     */
    public static String unityManifest(String name, String version, Map<String, ?> extra) {
        ObjectNode json = JSON.createObjectNode();
        json.put("name", name);
        json.put("version", version);
        String last = name == null ? "package" : name.substring(name.lastIndexOf('.') + 1);
        json.put("displayName", last.isEmpty() ? name : Character.toUpperCase(last.charAt(0)) + last.substring(1));
        json.put("description", "Test package " + name + ".");
        json.put("unity", "2022.3");
        for (Map.Entry<String, ?> e : extra.entrySet()) {
            if (e.getValue() == null) {
                json.remove(e.getKey());
            } else {
                json.set(e.getKey(), JSON.valueToTree(e.getValue()));
            }
        }
        try {
            return PRETTY.writeValueAsString(json) + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes the JGit repository (the folder stays; the test's temp dir removes it). */
    @Override
    public void close() {
        git.close();
    }
}
