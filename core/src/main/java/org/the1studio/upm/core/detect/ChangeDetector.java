package org.the1studio.upm.core.detect;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.LargeObjectException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;
import org.the1studio.upm.core.io.Json;
import org.the1studio.upm.core.manifest.ManifestException;
import org.the1studio.upm.core.manifest.ManifestIssue;
import org.the1studio.upm.core.manifest.ManifestReader;
import org.the1studio.upm.core.manifest.PackageManifest;

/**
 * Finds the Unity packages whose version changed between two commits.
 *
 * <p>Why a tree diff: what matters for publishing is the state at base versus the state at head, not the path taken
 * in between. A push of many commits, a merge, or a force-push are all one comparison of two trees, and only the
 * {@code package.json} files that differ are read (unchanged folders are skipped without being opened).
 *
 * <p>Rules:
 * <ul>
 *   <li>a {@code package.json} whose JSON has a {@code unity} field is a Unity package manifest; other
 *       {@code package.json} files that changed are ignored with a notice (for example a Node tool's folder);</li>
 *   <li>manifests under {@code node_modules/} and {@code Library/PackageCache/} (Unity's cache of downloaded packages)
 *       are not the repository's packages and are skipped silently; embedded packages such as
 *       {@code Packages/com.x.y/} count;</li>
 *   <li>new at head: {@link PackageChange.Kind#ADDED}; same folder with another version:
 *       {@link PackageChange.Kind#VERSION_CHANGED}; gone from one folder while the same {@code name} appears in
 *       another: {@link PackageChange.Kind#MOVED} when the version changed too, otherwise only a notice (the version is
 *       already published, there is nothing to publish); same version: nothing; deleted: a notice;</li>
 *   <li>a changed manifest at head that is malformed JSON, or a Unity manifest without a string {@code name} or
 *       {@code version}, is a {@link ManifestProblem} (the other packages are still detected).</li>
 * </ul>
 *
 * <p>Keeps no state between calls: each {@link #detect} opens and closes the repository, so one instance may be
 * shared.
 */
public final class ChangeDetector {
    /** Git's well-known id of the empty tree, accepted as a base meaning "compare with nothing". */
    public static final String EMPTY_TREE_ID = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";

    private static final String MANIFEST = "package.json";
    private static final int MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
    private static final String SHALLOW_HINT = "this clone is shallow (.git/shallow exists) and lacks older commits:"
            + " fetch the full history with 'git fetch --unshallow' (in CI check out with fetch-depth: 0, or turn off"
            + " the shallow clone option), or compare with a base revision that is in the clone";

    private final Path workTree;

    /** @param workTree the root of the git work tree (the folder holding {@code .git}) */
    public ChangeDetector(Path workTree) {
        this.workTree = workTree.toAbsolutePath().normalize();
    }

    /**
     * Compares the manifests of {@code base} and {@code head}.
     *
     * @param base any revision string ({@code HEAD~3}, a branch, a tag, a commit id); {@code null} means the first
     *             parent of head, or the empty tree when head is a root commit. The all-zero id (what CI systems send
     *             for a new branch) and {@link #EMPTY_TREE_ID} also mean the empty tree.
     * @param head any revision string; {@code null} means {@code HEAD}
     * @throws DetectException when a revision is unknown (the message names it), missing from a shallow clone (the
     *                         hint says to fetch full history), or the repository cannot be read
     */
    public Detection detect(String base, String head) throws DetectException {
        try (Repository repo = open(); RevWalk walk = new RevWalk(repo)) {
            List<String> notices = new ArrayList<>();
            boolean shallow = isShallow(repo);
            String headRev = head == null || head.isBlank() ? Constants.HEAD : head.trim();
            RevCommit headCommit = resolveCommit(repo, walk, headRev, "head", shallow);
            RevCommit baseCommit;
            if (base == null || base.isBlank()) {
                baseCommit = defaultBase(repo, walk, headCommit, headRev, shallow);
            } else if (isEmptyTreeAlias(base.trim())) {
                if (ObjectId.zeroId().name().equals(base.trim())) {
                    notices.add("base is the all-zero id (a new branch): comparing with the empty tree, so every Unity"
                            + " package at head is considered");
                }
                baseCommit = null;
            } else {
                baseCommit = resolveCommit(repo, walk, base.trim(), "base", shallow);
            }
            if (baseCommit != null && baseCommit.equals(headCommit)) {
                notices.add("base and head are the same commit " + headCommit.abbreviate(10).name()
                        + ": nothing to compare");
                return new Detection(baseCommit.name(), headCommit.name(), List.of(), List.of(), notices);
            }
            if (baseCommit != null && !shallow && !isAncestor(repo, baseCommit, headCommit)) {
                notices.add("base " + baseCommit.abbreviate(10).name() + " is not an ancestor of head "
                        + headCommit.abbreviate(10).name() + " (force-push or unrelated branch): comparing the two trees");
            }
            return compare(repo, baseCommit, headCommit, notices);
        } catch (IOException e) {
            throw new DetectException("cannot read the git repository at " + workTree + ": " + e.getMessage(),
                    "check that the folder is an intact git work tree", e);
        }
    }

    private Repository open() throws DetectException {
        if (!Files.exists(workTree.resolve(Constants.DOT_GIT))) {
            throw new DetectException(workTree + " is not the root of a git work tree (no .git)",
                    "run in the repository root, the folder holding .git");
        }
        try {
            return new FileRepositoryBuilder().setWorkTree(workTree.toFile()).setMustExist(true).build();
        } catch (IOException e) {
            throw new DetectException("cannot open the git repository at " + workTree + ": " + e.getMessage(), null, e);
        }
    }

    private static boolean isShallow(Repository repo) throws IOException {
        if (!repo.getObjectDatabase().getShallowCommits().isEmpty()) {
            return true;
        }
        return Files.exists(repo.getDirectory().toPath().resolve("shallow"))
                || (repo.getCommonDirectory() != null
                        && Files.exists(repo.getCommonDirectory().toPath().resolve("shallow")));
    }

    private static boolean isEmptyTreeAlias(String rev) {
        return rev.equals(EMPTY_TREE_ID) || rev.equals(ObjectId.zeroId().name());
    }

    private static RevCommit defaultBase(Repository repo, RevWalk walk, RevCommit head, String headRev,
            boolean shallow) throws DetectException, IOException {
        if (head.getParentCount() > 0) {
            try {
                return walk.parseCommit(head.getParent(0));
            } catch (MissingObjectException e) {
                throw shallowOrMissing(head.getParent(0).name(), "base (the parent of " + headRev + ")", shallow, e);
            }
        }
        Set<ObjectId> boundary = repo.getObjectDatabase().getShallowCommits();
        if (shallow && boundary.contains(head)) {
            throw new DetectException("cannot compare " + headRev + " (" + head.abbreviate(10).name()
                    + ") with its parent: the parent is not in this shallow clone", SHALLOW_HINT);
        }
        return null; // a root commit: compare with the empty tree
    }

    private static RevCommit resolveCommit(Repository repo, RevWalk walk, String rev, String role, boolean shallow)
            throws DetectException {
        ObjectId id;
        try {
            id = repo.resolve(rev);
        } catch (RevisionSyntaxException e) {
            throw new DetectException(role + " revision '" + rev + "' is not a valid revision: " + e.getMessage(),
                    "give a branch, tag, commit id or an expression such as HEAD~1", e);
        } catch (AmbiguousObjectException e) {
            throw new DetectException(role + " revision '" + rev + "' is ambiguous (several objects start with it)",
                    "give more characters of the commit id", e);
        } catch (MissingObjectException e) {
            throw shallowOrMissing(rev, role, shallow, e);
        } catch (IOException e) {
            throw new DetectException("cannot resolve " + role + " revision '" + rev + "': " + e.getMessage(), null, e);
        }
        if (id == null) {
            if (Constants.HEAD.equals(rev) && !hasAnyCommit(repo)) {
                throw new DetectException("the repository at " + repo.getWorkTree() + " has no commits yet",
                        "commit the packages first");
            }
            throw shallowOrMissing(rev, role, shallow, null);
        }
        try {
            return walk.parseCommit(id);
        } catch (MissingObjectException e) {
            throw shallowOrMissing(rev, role, shallow, e);
        } catch (IncorrectObjectTypeException e) {
            throw new DetectException(role + " revision '" + rev + "' names a " + typeName(repo, id)
                    + ", not a commit", "give a branch, tag or commit id", e);
        } catch (IOException e) {
            throw new DetectException("cannot read " + role + " revision '" + rev + "': " + e.getMessage(), null, e);
        }
    }

    private static DetectException shallowOrMissing(String rev, String role, boolean shallow, Throwable cause) {
        if (shallow) {
            return new DetectException(role + " revision '" + rev + "' is not in this clone, which is shallow"
                    + " (history beyond the fetched depth is missing)", SHALLOW_HINT,
                    cause);
        }
        return new DetectException(role + " revision '" + rev + "' is unknown in this repository",
                "check the spelling; a commit or branch that exists only on the remote must be fetched first"
                        + " (git fetch origin)", cause);
    }

    private static boolean hasAnyCommit(Repository repo) {
        try {
            return !repo.getRefDatabase().getRefs().isEmpty();
        } catch (IOException e) {
            return true;
        }
    }

    private static String typeName(Repository repo, ObjectId id) {
        try (ObjectReader reader = repo.newObjectReader()) {
            return Constants.typeString(reader.open(id).getType());
        } catch (IOException e) {
            return "non-commit object";
        }
    }

    private static boolean isAncestor(Repository repo, RevCommit base, RevCommit head) {
        try (RevWalk w = new RevWalk(repo)) {
            return w.isMergedInto(w.parseCommit(base), w.parseCommit(head));
        } catch (IOException e) {
            return true; // cannot tell: say nothing
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** What a {@code package.json} blob is, as far as detection cares. */
    private sealed interface Side permits Absent, NotUnity, Unreadable, Unity, IncompleteUnity {}

    private record Absent() implements Side {}

    private record NotUnity() implements Side {}

    /** Malformed JSON or not an object; {@code message} names line and column. */
    private record Unreadable(String message) implements Side {}

    private record Unity(String name, String version) implements Side {}

    /** Has a {@code unity} field but no usable name or version. */
    private record IncompleteUnity(List<ManifestProblem> problems, String name) implements Side {}

    /** A manifest present at one side only (or whose identity changed), waiting to be paired into a move. */
    private record Loose(String path, String name, String version) {}

    private Detection compare(Repository repo, RevCommit base, RevCommit head, List<String> notices)
            throws IOException {
        List<PackageChange> changes = new ArrayList<>();
        List<ManifestProblem> problems = new ArrayList<>();
        List<Loose> vanished = new ArrayList<>();
        List<Loose> appeared = new ArrayList<>();
        try (ObjectReader reader = repo.newObjectReader(); TreeWalk tw = new TreeWalk(repo, reader)) {
            if (base == null) {
                tw.addTree(new EmptyTreeIterator());
            } else {
                tw.addTree(new CanonicalTreeParser(null, reader, base.getTree()));
            }
            tw.addTree(new CanonicalTreeParser(null, reader, head.getTree()));
            tw.setRecursive(true);
            tw.setFilter(AndTreeFilter.create(new ManifestFilter(), TreeFilter.ANY_DIFF));
            while (tw.next()) {
                String path = tw.getPathString();
                Side before = side(reader, tw, 0, path, notices, false);
                Side after = side(reader, tw, 1, path, notices, true);
                classify(path, before, after, changes, problems, vanished, appeared, notices);
            }
        }
        pairMoves(vanished, appeared, changes, notices);
        changes.sort(Comparator.comparing(PackageChange::path));
        problems.sort(Comparator.comparing(ManifestProblem::manifestPath));
        return new Detection(base == null ? null : base.name(), head.name(), changes, problems, notices);
    }

    private static Side side(ObjectReader reader, TreeWalk tw, int index, String path, List<String> notices,
            boolean atHead) throws IOException {
        FileMode mode = tw.getFileMode(index);
        if (mode == FileMode.MISSING) {
            return new Absent();
        }
        if (mode != FileMode.REGULAR_FILE && mode != FileMode.EXECUTABLE_FILE) {
            if (atHead) {
                notices.add(path + " is not a regular file (" + (mode == FileMode.SYMLINK ? "a symbolic link"
                        : "git mode " + mode) + "): ignored");
            }
            return new Absent();
        }
        byte[] bytes;
        try {
            bytes = reader.open(tw.getObjectId(index), Constants.OBJ_BLOB).getCachedBytes(MAX_MANIFEST_BYTES);
        } catch (LargeObjectException e) {
            return new Unreadable("larger than " + (MAX_MANIFEST_BYTES / (1024 * 1024))
                    + " MB, which no package manifest is");
        }
        return parse(bytes, path);
    }

    /** Reads a blob with {@link ManifestReader} (BOM and CRLF accepted, line/column on syntax errors). */
    private static Side parse(byte[] bytes, String path) {
        try {
            PackageManifest m = ManifestReader.parse(bytes, Path.of(path), path);
            if (!m.json().has("unity")) {
                return new NotUnity();
            }
            return identity(m.name(), m.version(), path, List.of());
        } catch (ManifestException e) {
            for (ManifestIssue issue : e.issues()) {
                if (issue.field() == null) {
                    return new Unreadable(issue.message() + (issue.hint() == null ? "" : " (" + issue.hint() + ")"));
                }
            }
            // valid JSON object with a field of the wrong shape: read what detection needs directly
            JsonNode json = tree(bytes);
            if (!json.has("unity")) {
                return new NotUnity();
            }
            List<ManifestProblem> shape = new ArrayList<>();
            for (ManifestIssue issue : e.issues()) {
                if ("name".equals(issue.field()) || "version".equals(issue.field())) {
                    shape.add(new ManifestProblem(path, issue.field(), issue.message()));
                }
            }
            return identity(text(json, "name"), text(json, "version"), path, shape);
        }
    }

    private static Side identity(String name, String version, String path, List<ManifestProblem> known) {
        List<ManifestProblem> problems = new ArrayList<>(known);
        boolean nameReported = problems.stream().anyMatch(p -> "name".equals(p.field()));
        boolean versionReported = problems.stream().anyMatch(p -> "version".equals(p.field()));
        if (!nameReported && (name == null || name.isBlank())) {
            problems.add(new ManifestProblem(path, "name", "missing: a Unity package needs a \"name\" such as"
                    + " \"com.company.feature\""));
        }
        if (!versionReported && (version == null || version.isBlank())) {
            problems.add(new ManifestProblem(path, "version", "missing: a Unity package needs a semver \"version\""
                    + " such as \"1.0.0\""));
        }
        if (!problems.isEmpty()) {
            problems.sort(Comparator.comparing(ManifestProblem::field));
            return new IncompleteUnity(problems, name);
        }
        return new Unity(name, version);
    }

    private static JsonNode tree(byte[] bytes) {
        try {
            return Json.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalStateException("JSON accepted by ManifestReader failed to parse again", e);
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode n = json.get(field);
        return n != null && n.isTextual() ? n.textValue() : null;
    }

    private static void classify(String path, Side before, Side after, List<PackageChange> changes,
            List<ManifestProblem> problems, List<Loose> vanished, List<Loose> appeared, List<String> notices) {
        String folder = folderOf(path);
        if (after instanceof Absent) {
            if (before instanceof Unity was) {
                vanished.add(new Loose(folder, was.name(), was.version()));
            }
        } else if (after instanceof Unreadable u) {
            problems.add(new ManifestProblem(path, null, u.message()));
        } else if (after instanceof IncompleteUnity i) {
            problems.addAll(i.problems());
        } else if (after instanceof NotUnity) {
            if (before instanceof Unity was) {
                notices.add(path + " no longer has a \"unity\" field: " + was.name()
                        + " is no longer treated as a Unity package, nothing to publish");
            } else {
                notices.add(path + " has no \"unity\" field: not a Unity package manifest, ignored");
            }
        } else if (after instanceof Unity now) {
            if (before instanceof Unity was && was.name().equals(now.name())) {
                if (!was.version().equals(now.version())) {
                    changes.add(new PackageChange(folder, folder, now.name(), was.version(), now.version(),
                            PackageChange.Kind.VERSION_CHANGED));
                }
                return;
            }
            if (before instanceof Unity was) {
                notices.add(path + ": name changed from " + was.name() + " to " + now.name()
                        + "; treated as a new package");
                vanished.add(new Loose(folder, was.name(), was.version()));
            } else if (before instanceof Unreadable) {
                notices.add(path + " was not readable JSON at base; " + now.name() + "@" + now.version()
                        + " is treated as new (the registry decides whether it is already published)");
            }
            appeared.add(new Loose(folder, now.name(), now.version()));
        }
    }

    /** A manifest that vanished from one folder and one with the same name that appeared in another are a move. */
    private static void pairMoves(List<Loose> vanished, List<Loose> appeared, List<PackageChange> changes,
            List<String> notices) {
        List<Loose> unpaired = new ArrayList<>(vanished);
        for (Loose a : appeared) {
            Loose from = unpaired.stream().filter(v -> v.name().equals(a.name())).findFirst().orElse(null);
            if (from == null) {
                changes.add(new PackageChange(a.path(), null, a.name(), null, a.version(), PackageChange.Kind.ADDED));
                continue;
            }
            unpaired.remove(from);
            if (from.version().equals(a.version())) {
                notices.add(a.name() + " moved from " + display(from.path()) + " to " + display(a.path())
                        + " without a version change (" + a.version() + "): nothing to publish");
            } else {
                changes.add(new PackageChange(a.path(), from.path(), a.name(), from.version(), a.version(),
                        PackageChange.Kind.MOVED));
            }
        }
        for (Loose v : unpaired) {
            notices.add(v.name() + "@" + v.version() + " (" + manifestPath(v.path()) + ") is no longer in the"
                    + " repository at head: nothing to publish; its published versions stay on the registry");
        }
    }

    private static String folderOf(String manifestPath) {
        int slash = manifestPath.lastIndexOf('/');
        return slash < 0 ? "" : manifestPath.substring(0, slash);
    }

    private static String manifestPath(String folder) {
        return folder.isEmpty() ? MANIFEST : folder + "/" + MANIFEST;
    }

    private static String display(String folder) {
        return folder.isEmpty() ? "the repository root" : folder + "/";
    }

    /**
     * Passes {@code package.json} files and the folders that may hold them; prunes {@code node_modules} and
     * {@code Library/PackageCache} so their (many) files are never even listed.
     */
    private static final class ManifestFilter extends TreeFilter {
        @Override
        public boolean include(TreeWalk walker) {
            if (walker.isSubtree()) {
                return !isIgnoredFolder(walker.getPathString());
            }
            return MANIFEST.equals(walker.getNameString());
        }

        @Override
        public boolean shouldBeRecursive() {
            return true;
        }

        @Override
        public TreeFilter clone() {
            return this;
        }

        @Override
        public String toString() {
            return "UNITY_MANIFESTS";
        }
    }

    /**
     * True when a repository-relative path lies in a folder whose manifests are never the repository's own packages
     * ({@code node_modules/} at any depth, {@code Library/PackageCache/} of a Unity project). Public so that other
     * parts listing manifests (for example the name-uniqueness check) skip the same folders as detection.
     */
    public static boolean isIgnoredPath(String repoRelativePath) {
        String[] parts = repoRelativePath.split("/");
        StringBuilder folder = new StringBuilder();
        for (int i = 0; i < parts.length - 1; i++) {
            if (i > 0) {
                folder.append('/');
            }
            folder.append(parts[i]);
            if (isIgnoredFolder(folder.toString())) {
                return true;
            }
        }
        return false;
    }

    /** True for folders whose manifests are never the repository's own packages. */
    static boolean isIgnoredFolder(String folderPath) {
        String name = folderPath.substring(folderPath.lastIndexOf('/') + 1);
        return name.equals("node_modules") || folderPath.equals("Library/PackageCache")
                || folderPath.endsWith("/Library/PackageCache");
    }
}
