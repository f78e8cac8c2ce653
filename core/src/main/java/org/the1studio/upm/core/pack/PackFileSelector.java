package org.the1studio.upm.core.pack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.the1studio.upm.core.manifest.ManifestException;
import org.the1studio.upm.core.manifest.ManifestReader;
import org.the1studio.upm.core.manifest.PackageManifest;

/**
 * Chooses the files of a package exactly as {@code npm pack} (npm 11, npm-packlist 10, ignore-walk 8) does.
 *
 * <p>Why not a simpler rule set: a published version can never change, and a package first published with the npm
 * CLI must come out identical when the same version is checked again; so this is a line-by-line port of
 * npm-packlist's walker, not an approximation. The rules, in the order npm applies them in each directory:
 * <ol>
 *   <li>defaults, excluded everywhere: {@code .npmignore}, {@code .gitignore}, {@code .git}, {@code .svn},
 *       {@code .hg}, {@code CVS}, {@code .npmrc}, {@code npm-debug.log}, {@code .*.swp}, {@code .DS_Store},
 *       {@code ._*}, {@code *.orig}, {@code /.lock-wscript}, {@code /.wafpickle-*}, {@code /build/config.gypi},
 *       {@code /archived-packages/**};</li>
 *   <li>at the package root, the {@code files} field of {@code package.json} (everything else excluded; a
 *       directory takes its contents; globs and {@code !negations} allowed); when {@code files} is present the root
 *       {@code .npmignore}/{@code .gitignore} are not read (nested ones still are);</li>
 *   <li>{@code .npmignore} of the directory, or else its {@code .gitignore};</li>
 *   <li>strict rules: {@code package.json}, {@code README*}, {@code LICENSE*}/{@code LICENCE*}, {@code COPYING*}, the
 *       {@code main}, {@code browser} and {@code bin} files are always in; root {@code .git}, {@code node_modules},
 *       {@code package-lock.json}, {@code yarn.lock}, {@code pnpm-lock.yaml}, {@code bun.lockb} and every
 *       {@code .npmrc} are always out.</li>
 * </ol>
 * Rules match case-insensitively; a rule without a slash matches the base name at any depth. Only regular files are
 * packed (no directory entries, so empty directories vanish); names containing {@code *} are skipped. Unity needs
 * nothing extra: {@code .meta} files are ordinary files and folders such as {@code Samples~} are ordinary folders.
 *
 * <p>Symbolic links: npm silently leaves every symbolic link out. A link that would be packed and points
 * <em>outside</em> the package is refused with a {@link PackException} (it is almost certainly a mistake that would
 * publish a package missing those files); a link inside the package is left out, as npm does.
 *
 * <p>Not supported (Unity packages do not use them): {@code bundleDependencies}, npm workspaces,
 * {@code directories.bin}.
 */
public final class PackFileSelector {
    private static final String DEFAULT_RULES = "\u0000default";
    private static final String STRICT_RULES = "\u0000strict";
    private static final String PACKAGE_JSON = "package.json";
    private static final String NPMIGNORE = ".npmignore";
    private static final String GITIGNORE = ".gitignore";

    private static final List<String> DEFAULTS = List.of(
            ".npmignore", ".gitignore", "**/.git", "**/.svn", "**/.hg", "**/CVS", "**/.git/**", "**/.svn/**",
            "**/.hg/**", "**/CVS/**", "/.lock-wscript", "/.wafpickle-*", "/build/config.gypi", "npm-debug.log",
            "**/.npmrc", ".*.swp", ".DS_Store", "**/.DS_Store/**", "._*", "**/._*/**", "*.orig",
            "/archived-packages/**");
    private static final List<String> STRICT_DEFAULTS = List.of("/.git");
    private static final List<String> ROOT_IGNORE_FILES = List.of(DEFAULT_RULES, PACKAGE_JSON, NPMIGNORE, GITIGNORE,
            STRICT_RULES);
    private static final List<String> CHILD_IGNORE_FILES = List.of(DEFAULT_RULES, NPMIGNORE, GITIGNORE, STRICT_RULES);

    /** Compiled once: the rules every directory starts with (a {@link Glob} is immutable). */
    private static final List<Glob> DEFAULT_GLOBS = parseRules(String.join("\n", DEFAULTS) + "\n");
    private static final List<Glob> STRICT_DEFAULT_GLOBS = parseRules(String.join("\n", STRICT_DEFAULTS) + "\n");

    private PackFileSelector() {}

    /** ignore-walk's reading of an ignore file: one rule per line, trimmed; blank lines and '#' comments skipped. */
    private static List<Glob> parseRules(String text) {
        List<Glob> list = new ArrayList<>();
        for (String line : text.split("\r?\n", -1)) {
            String t = jsTrim(line);
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            list.add(new Glob(t));
        }
        return List.copyOf(list);
    }

    /**
     * The files {@code npm pack} would put into the tarball, in npm's tar order.
     *
     * @throws PackException when the directory or its {@code package.json} is missing or unreadable, or a symbolic
     *                       link that would be packed points outside the package
     */
    public static List<PackEntry> select(Path packageDir) throws PackException {
        Path dir = packageDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new PackException("package directory " + packageDir + " does not exist or is not a directory");
        }
        Path manifestFile = dir.resolve(PACKAGE_JSON);
        if (!Files.isRegularFile(manifestFile, LinkOption.NOFOLLOW_LINKS)) {
            throw new PackException(manifestFile + " not found: a package directory needs a package.json file");
        }
        PackageManifest manifest;
        try {
            manifest = ManifestReader.read(manifestFile, manifestFile.toString());
        } catch (ManifestException e) {
            throw new PackException("cannot pack " + dir + ": " + e.getMessage(), e);
        }
        Path realRoot;
        try {
            realRoot = dir.toRealPath();
        } catch (IOException e) {
            throw new PackException("cannot resolve package directory " + dir + ": " + e.getMessage(), e);
        }
        Context ctx = new Context(dir, realRoot, manifest);
        new Walker(ctx, null, dir, "", ROOT_IGNORE_FILES, true, false, List.of()).walk();

        List<String> sorted = new ArrayList<>();
        for (String p : ctx.result) {
            sorted.add(p.startsWith("@") ? "./" + p : p);
        }
        sorted.sort(NpmOrder.PACKLIST);
        List<PackEntry> entries = new ArrayList<>(sorted.size());
        for (String p : sorted) {
            String path = p.startsWith("./") ? p.substring(2) : p;
            FileInfo info = ctx.info.get(path);
            int mode = info.mode;
            if (ctx.isPackageBin(p)) {
                mode |= 0111;
            }
            entries.add(new PackEntry(path, info.file, info.size, mode));
        }
        return List.copyOf(entries);
    }

    /**
     * The {@code .meta} files Unity will look for and not find in this file set: one per packed asset file and per
     * folder that holds packed assets. Unity gives an asset without its {@code .meta} a new GUID on import (breaking
     * every reference to it) or, in an immutable package, ignores it with a warning. The file set itself stays npm's
     * (see {@link #select}); this only tells callers what to warn about, typically a {@code files} pattern or an
     * ignore rule that keeps {@code Foo.cs} but drops {@code Foo.cs.meta}.
     *
     * <p>Empty for a package without any {@code .meta} file (not a Unity-imported folder) and for paths Unity does not
     * import: names starting with '.', ending with '~', a {@code cvs} folder, {@code *.tmp} files.
     *
     * @return missing {@code .meta} paths, package-relative, sorted
     */
    public static List<String> missingMetaFiles(List<PackEntry> entries) {
        Set<String> packed = new HashSet<>();
        for (PackEntry e : entries) {
            packed.add(e.path());
        }
        if (packed.stream().noneMatch(p -> p.endsWith(".meta"))) {
            return List.of();
        }
        Set<String> missing = new TreeSet<>();
        for (String path : packed) {
            if (path.endsWith(".meta") || !importedByUnity(path)) {
                continue;
            }
            if (!packed.contains(path + ".meta")) {
                missing.add(path + ".meta");
            }
            for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
                String folder = path.substring(0, slash);
                if (!packed.contains(folder + ".meta")) {
                    missing.add(folder + ".meta");
                }
            }
        }
        return List.copyOf(missing);
    }

    private static boolean importedByUnity(String path) {
        String[] parts = path.split("/");
        for (String part : parts) {
            if (part.startsWith(".") || part.endsWith("~") || part.equalsIgnoreCase("cvs")) {
                return false;
            }
        }
        return !path.toLowerCase(java.util.Locale.ROOT).endsWith(".tmp");
    }

    private record FileInfo(Path file, long size, int mode) {}

    /** State shared by the walkers of one package. */
    private static final class Context {
        final Path root;
        final Path realRoot;
        final ObjectNode manifest;
        final List<String> filesField;
        final Map<String, String> bin;
        final Set<String> result = new LinkedHashSet<>();
        final Map<String, FileInfo> info = new HashMap<>();

        Context(Path root, Path realRoot, PackageManifest manifest) {
            this.root = root;
            this.realRoot = realRoot;
            this.manifest = manifest.json();
            this.filesField = manifest.files();
            this.bin = normalizeBin(this.manifest);
        }

        /** pacote's is-package-bin: strips the first path part before comparing (so only root-level bins match). */
        boolean isPackageBin(String path) {
            String p = path.replaceFirst("^[^\\\\/]*/", "");
            return bin.containsValue(p);
        }
    }

    /** npm-normalize-package-bin: string (named after the package), array (named by base name) or object. */
    static Map<String, String> normalizeBin(ObjectNode json) {
        JsonNode bin = json.get("bin");
        Map<String, String> raw = new LinkedHashMap<>();
        if (bin == null || bin.isNull()) {
            return raw;
        }
        if (bin.isTextual()) {
            JsonNode name = json.get("name");
            if (name == null || !name.isTextual() || name.textValue().isEmpty()) {
                return raw;
            }
            raw.put(name.textValue(), bin.textValue());
        } else if (bin.isArray()) {
            for (JsonNode k : bin) {
                if (k.isTextual()) {
                    raw.put(NpmOrder.basename(k.textValue()), k.textValue());
                }
            }
        } else if (bin.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = bin.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isTextual()) {
                    raw.put(e.getKey(), e.getValue().textValue());
                }
            }
        }
        Map<String, String> clean = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : raw.entrySet()) {
            String base = posixJoinSlash(NpmOrder.basename(e.getKey().replaceAll("[\\\\:]", "/")));
            if (base.isEmpty()) {
                continue;
            }
            String target = posixJoinSlash(e.getValue().replace('\\', '/'));
            if (!target.isEmpty()) {
                clean.put(base, target);
            }
        }
        return clean;
    }

    /** {@code path.join('/', p).slice(1)}: normalizes '.', '..' and duplicate slashes, never escaping the root. */
    private static String posixJoinSlash(String p) {
        String joined = normalizePosix("/" + p);
        return joined.substring(1);
    }

    /** Node's {@code path.posix.normalize} for paths (keeps a trailing slash). */
    static String normalizePosix(String p) {
        if (p.isEmpty()) {
            return ".";
        }
        boolean absolute = p.startsWith("/");
        boolean trailing = p.endsWith("/");
        List<String> out = new ArrayList<>();
        for (String seg : p.split("/")) {
            if (seg.isEmpty() || seg.equals(".")) {
                continue;
            }
            if (seg.equals("..")) {
                if (!out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
                    out.remove(out.size() - 1);
                } else if (!absolute) {
                    out.add("..");
                }
                continue;
            }
            out.add(seg);
        }
        String s = String.join("/", out);
        if (s.isEmpty() && !absolute) {
            s = ".";
        }
        if (trailing && !s.isEmpty()) {
            s += "/";
        }
        return absolute ? "/" + s : s;
    }

    /** One directory of the walk: a port of ignore-walk's Walker with npm-packlist's PackWalker overrides. */
    private static final class Walker {
        final Context ctx;
        final Walker parent;
        final Path dir;
        final String rel;
        final String basename;
        final List<String> ignoreFiles;
        final boolean isPackage;
        final boolean exact;
        final List<String> requiredFiles;
        final Map<String, List<Glob>> rules = new HashMap<>();

        Walker(Context ctx, Walker parent, Path dir, String rel, List<String> ignoreFiles, boolean isPackage,
               boolean exact, List<String> requiredFiles) {
            this.ctx = ctx;
            this.parent = parent;
            this.dir = dir;
            this.rel = rel;
            this.basename = dir.getFileName() == null ? "" : dir.getFileName().toString();
            this.ignoreFiles = ignoreFiles;
            this.isPackage = isPackage;
            this.exact = exact;
            this.requiredFiles = new ArrayList<>(requiredFiles);
            injectRules(DEFAULT_RULES, DEFAULTS);
            if (!isPackage) {
                List<String> strict = new ArrayList<>(STRICT_DEFAULTS);
                for (String f : this.requiredFiles) {
                    strict.add("!" + f);
                }
                injectRules(STRICT_RULES, strict);
            }
        }

        void walk() throws PackException {
            List<String> entries = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
                for (Path p : stream) {
                    entries.add(p.getFileName().toString());
                }
            } catch (IOException e) {
                throw new PackException("cannot list directory " + display(rel) + " of " + ctx.root + ": "
                        + e.getMessage(), e);
            }
            if (entries.isEmpty()) {
                return;
            }
            for (String e : entries) {
                if (ignoreFiles.contains(e)) {
                    addIgnoreFile(e);
                }
            }
            filterEntries(entries);
        }

        private void addIgnoreFile(String name) throws PackException {
            if (name.equals(PACKAGE_JSON) && isPackage) {
                processPackage();
                return;
            }
            Path file = dir.resolve(name);
            try {
                byte[] bytes = Files.readAllBytes(file);
                String text = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE)
                        .decode(ByteBuffer.wrap(bytes)).toString();
                onReadIgnoreFile(name, text);
            } catch (IOException e) {
                throw new PackException("cannot read ignore file " + display(join(rel, name)) + " in " + ctx.root
                        + ": " + e.getMessage(), e);
            }
        }

        private void injectRules(String name, List<String> lines) {
            if (lines == DEFAULTS) {
                rules.put(name, DEFAULT_GLOBS);
            } else if (lines.equals(STRICT_DEFAULTS)) {
                rules.put(name, STRICT_DEFAULT_GLOBS);
            } else {
                onReadIgnoreFile(name, String.join("\n", lines) + "\n");
            }
        }

        private void onReadIgnoreFile(String name, String text) {
            rules.put(name, parseRules(text));
        }

        /** npm-packlist processPackage: the {@code files} field and the always-included / excluded files. */
        private void processPackage() {
            List<String> ignores = new ArrayList<>();
            List<String> strict = new ArrayList<>(STRICT_DEFAULTS);
            strict.addAll(List.of("!/package.json", "!/readme{,.*[^~$]}", "!/copying{,.*[^~$]}",
                    "!/license{,.*[^~$]}", "!/licence{,.*[^~$]}", "/.git", "/node_modules", ".npmrc",
                    "/package-lock.json", "/yarn.lock", "/pnpm-lock.yaml", "/bun.lockb"));
            if (ctx.filesField != null) {
                for (String entry : ctx.filesField) {
                    String file = entry;
                    if (file.startsWith("./")) {
                        file = file.substring(1);
                    }
                    if (file.endsWith("/*")) {
                        file += "*";
                    }
                    String inverse = "!" + file;
                    switch (lstatKind(file.replaceFirst("^!+", ""))) {
                        case FILE -> {
                            strict.add(0, inverse);
                            requiredFiles.add(file.startsWith("/") ? file.substring(1) : file);
                        }
                        case DIRECTORY -> {
                            ignores.add(inverse);
                            ignores.add(inverse + "/**");
                        }
                        case OTHER -> { }
                        case MISSING -> ignores.add(inverse);
                    }
                }
                List<String> pkgRules = new ArrayList<>();
                pkgRules.add("*");
                pkgRules.addAll(ignores);
                injectRules(PACKAGE_JSON, pkgRules);
            }
            JsonNode browser = ctx.manifest.get("browser");
            if (browser != null && browser.isTextual() && !browser.textValue().isEmpty()) {
                strict.add("!/" + browser.textValue());
            }
            JsonNode main = ctx.manifest.get("main");
            if (main != null && main.isTextual() && !main.textValue().isEmpty()) {
                strict.add("!/" + main.textValue());
            }
            for (String target : ctx.bin.values()) {
                strict.add("!/" + target);
            }
            injectRules(STRICT_RULES, strict);
        }

        private enum Kind { FILE, DIRECTORY, OTHER, MISSING }

        /** {@code fs.lstatSync(path.join(root, file))}, including Node's "not a directory" for a trailing slash. */
        private Kind lstatKind(String file) {
            String joined = normalizePosix(ctx.root.toString().replace('\\', '/') + "/" + file);
            try {
                Path p = Path.of(joined);
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                if (joined.endsWith("/") && !a.isDirectory()) {
                    return Kind.MISSING;
                }
                return a.isRegularFile() ? Kind.FILE : a.isDirectory() ? Kind.DIRECTORY : Kind.OTHER;
            } catch (IOException | InvalidPathException e) {
                return Kind.MISSING;
            }
        }

        private void filterEntries(List<String> entries) throws PackException {
            if (rules.containsKey(PACKAGE_JSON)) {
                rules.remove(NPMIGNORE);
                rules.remove(GITIGNORE);
            } else if (rules.containsKey(NPMIGNORE)) {
                rules.remove(GITIGNORE);
            }
            for (String entry : entries) {
                boolean passFile = filterEntry(entry, false, null);
                boolean passDir = filterEntry(entry, true, null);
                if (passFile || passDir) {
                    stat(entry, passFile, passDir);
                }
            }
        }

        private void stat(String entry, boolean passFile, boolean passDir) throws PackException {
            if (entry.contains("*")) {
                return; // npm-packlist: names with '*' are bad for Windows and never packed
            }
            Path abs = dir.resolve(entry);
            String entryRel = join(rel, entry);
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(abs, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                throw new PackException("cannot read " + display(entryRel) + " in " + ctx.root + ": "
                        + e.getMessage(), e);
            }
            if (a.isSymbolicLink()) {
                checkLink(abs, entryRel);
                return;
            }
            if (a.isRegularFile()) {
                if (passFile) {
                    ctx.result.add(entryRel);
                    ctx.info.put(entryRel, new FileInfo(abs, a.size(), npmMode(abs, false)));
                }
            } else if (a.isDirectory()) {
                if (passDir) {
                    boolean childExact = passFile || filterEntry(entry + "/", false, null);
                    List<String> childRequired = new ArrayList<>();
                    for (String f : requiredFiles) {
                        // npm-packlist: path.relative(file, entry) === '..' (the file sits directly in this folder)
                        String nf = stripTrailingSlash(normalizePosix(f));
                        String ne = stripTrailingSlash(normalizePosix(entry));
                        if (parentOf(nf).equals(ne)) {
                            childRequired.add(nf.substring(ne.length() + 1));
                        }
                    }
                    new Walker(ctx, this, abs, entryRel, CHILD_IGNORE_FILES, false, childExact, childRequired).walk();
                }
            }
        }

        private static String stripTrailingSlash(String p) {
            return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
        }

        private static String parentOf(String p) {
            int slash = p.lastIndexOf('/');
            return slash < 0 ? "." : p.substring(0, slash);
        }

        private void checkLink(Path link, String entryRel) throws PackException {
            Path target;
            try {
                Path raw = Files.readSymbolicLink(link);
                target = link.getParent().resolve(raw).normalize();
                if (Files.exists(target)) {
                    target = target.toRealPath();
                }
            } catch (IOException e) {
                throw new PackException("cannot read symbolic link " + display(entryRel) + " in " + ctx.root + ": "
                        + e.getMessage(), e);
            }
            if (!target.startsWith(ctx.realRoot) && !target.startsWith(ctx.root)) {
                throw new PackException(display(entryRel) + " in " + ctx.root + " is a symbolic link to " + target
                        + ", outside the package directory; npm would silently leave it out of the tarball. Replace "
                        + "the link with the real file or folder, or exclude it with \"files\" or .npmignore");
            }
        }

        /** ignore-walk {@code filterEntry}: parents decide first, then each rule set in order may flip the verdict. */
        boolean filterEntry(String entry, boolean partial, String entryBasename) {
            boolean included = true;
            if (parent != null) {
                String parentEntry = basename + "/" + entry;
                String parentBasename = entryBasename != null ? entryBasename : entry;
                included = parent.filterEntry(parentEntry, partial, parentBasename);
                if (!included && !exact) {
                    return false;
                }
            }
            Subjects subjects = null;
            for (String f : ignoreFiles) {
                List<Glob> list = rules.get(f);
                if (list == null) {
                    continue;
                }
                for (Glob rule : list) {
                    if (rule.negate() != included) {
                        if (subjects == null) {
                            subjects = new Subjects(entry, entryBasename);
                        }
                        boolean relativeRule = entryBasename != null && rule.isRelativeRule();
                        boolean match = rule.match(subjects.get(0), false) || rule.match(subjects.get(1), false)
                                || partial && (rule.match(subjects.get(2), false) || rule.match(subjects.get(3), false)
                                || rule.negate() && (rule.match(subjects.get(0), true)
                                || rule.match(subjects.get(1), true))
                                || relativeRule && (rule.match(subjects.get(4), false)
                                || rule.match(subjects.get(5), false)
                                || rule.negate() && (rule.match(subjects.get(6), true)
                                || rule.match(subjects.get(7), true))));
                        if (match) {
                            included = rule.negate();
                        }
                    }
                }
            }
            return included;
        }
    }

    /**
     * The spellings of an entry ignore-walk tries against each rule ({@code /e}, {@code e}, {@code /e/}, {@code e/},
     * and the same for the base name), each split once and only when first needed.
     */
    private static final class Subjects {
        private final String entry;
        private final String base;
        private final Glob.Subject[] split = new Glob.Subject[8];

        Subjects(String entry, String basename) {
            this.entry = entry;
            this.base = basename == null ? "" : basename;
        }

        Glob.Subject get(int i) {
            Glob.Subject s = split[i];
            if (s == null) {
                s = Glob.Subject.of(spelling(i));
                split[i] = s;
            }
            return s;
        }

        private String spelling(int i) {
            return switch (i) {
                case 0 -> "/" + entry;
                case 1 -> entry;
                case 2 -> "/" + entry + "/";
                case 3 -> entry + "/";
                case 4 -> "/" + base + "/";
                case 5 -> base + "/";
                case 6 -> "/" + base;
                default -> base;
            };
        }
    }

    /** node-tar's portable mode: {@code (mode & 07777 | 0600) & ~022}. */
    static int npmMode(Path file, boolean directory) {
        int mode;
        try {
            Object unix = Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            mode = ((Integer) unix) & 07777;
        } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
            mode = posixMode(file, directory);
        }
        mode = (mode | 0600) & ~022;
        if (directory) {
            if ((mode & 0400) != 0) {
                mode |= 0100;
            }
            if ((mode & 040) != 0) {
                mode |= 010;
            }
            if ((mode & 04) != 0) {
                mode |= 01;
            }
        }
        return mode;
    }

    private static int posixMode(Path file, boolean directory) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            int mode = 0;
            for (PosixFilePermission p : perms) {
                mode |= 1 << (8 - p.ordinal());
            }
            return mode;
        } catch (UnsupportedOperationException | IOException e) {
            return directory ? 0755 : 0644;
        }
    }

    private static String join(String rel, String name) {
        return rel.isEmpty() ? name : rel + "/" + name;
    }

    private static String display(String rel) {
        return rel.isEmpty() ? "." : rel;
    }

    /** JavaScript's {@code String.prototype.trim}: also strips the byte order mark and Unicode spaces. */
    static String jsTrim(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isJsSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isJsSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isJsSpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF';
    }
}
