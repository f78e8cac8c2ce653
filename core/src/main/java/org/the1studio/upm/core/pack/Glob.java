package org.the1studio.upm.core.pack;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One ignore rule, matched exactly as npm's {@code ignore-walk} matches it: a port of {@code minimatch} 10 with the
 * options npm-packlist passes ({@code matchBase}, {@code dot}, {@code flipNegate}, {@code nocase}).
 *
 * <p>Why a port and not {@link java.nio.file.PathMatcher}: the file set must be byte-for-byte what {@code npm pack}
 * takes, and the differences are in the details (case-insensitive matching, base-name matching for rules without a
 * slash, brace expansion, extglobs, partial matching of directories, negation). Supported: {@code * ? ** [...]}
 * (with POSIX classes and {@code !}/{@code ^} negation), {@code \} escapes, {@code {a,b}} and {@code {1..3}} brace
 * expansion, the extglobs {@code @() ?() *() +() !()}, and leading {@code !} negation.
 */
final class Glob {
    /** Marker for a {@code **} path part. */
    private static final Predicate<String> GLOBSTAR = s -> true;
    private static final int MAX_GLOBSTAR_RECURSION = 200;
    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    private final String source;
    private boolean negate;
    private boolean comment;
    private boolean empty;
    private final List<List<String>> globParts = new ArrayList<>();
    private final List<List<Predicate<String>>> set = new ArrayList<>();

    Glob(String pattern) {
        this.source = pattern;
        if (pattern.startsWith("#")) {
            comment = true;
            return;
        }
        if (pattern.isEmpty()) {
            empty = true;
            return;
        }
        int offset = 0;
        while (offset < pattern.length() && pattern.charAt(offset) == '!') {
            negate = !negate;
            offset++;
        }
        String body = pattern.substring(offset);
        for (String expanded : new LinkedHashSet<>(braceExpand(body))) {
            globParts.add(levelOneOptimize(slashSplit(expanded)));
        }
        for (List<String> parts : globParts) {
            List<Predicate<String>> compiled = new ArrayList<>(parts.size());
            for (String part : parts) {
                compiled.add(parsePart(part));
            }
            set.add(compiled);
        }
    }

    boolean negate() {
        return negate;
    }

    /** npm's "relative rule": a single path part, optionally followed by a trailing slash. */
    boolean isRelativeRule() {
        for (List<String> part : globParts) {
            String last = part.get(part.size() - 1);
            if (part.size() <= (last.isEmpty() ? 2 : 1)) {
                return true;
            }
        }
        return false;
    }

    boolean match(String f) {
        return match(f, false);
    }

    /** minimatch {@code match} with {@code flipNegate}: true when the pattern (without its negation) matches. */
    boolean match(String f, boolean partial) {
        if (comment) {
            return false;
        }
        if (empty) {
            return f.isEmpty();
        }
        if (f.equals("/") && partial) {
            return true;
        }
        List<String> ff = slashSplit(f);
        String filename = ff.get(ff.size() - 1);
        for (int i = ff.size() - 2; filename.isEmpty() && i >= 0; i--) {
            filename = ff.get(i);
        }
        for (List<Predicate<String>> pattern : set) {
            List<String> file = ff;
            if (pattern.size() == 1) {
                file = List.of(filename);
            }
            if (matchOne(file, pattern, partial)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return source;
    }

    // ---------------------------------------------------------------- matching

    private boolean matchOne(List<String> file, List<Predicate<String>> pattern, boolean partial) {
        if (pattern.contains(GLOBSTAR)) {
            return matchGlobstar(file, pattern, partial, 0, 0);
        }
        return matchParts(file, pattern, partial, 0, 0);
    }

    private boolean matchGlobstar(List<String> file, List<Predicate<String>> pattern, boolean partial,
                                  int fileIndex, int patternIndex) {
        int firstgs = indexOfGlobstar(pattern, patternIndex);
        int lastgs = pattern.lastIndexOf(GLOBSTAR);
        List<Predicate<String>> head = slice(pattern, patternIndex, firstgs);
        List<Predicate<String>> body = partial ? slice(pattern, firstgs + 1, pattern.size())
                : slice(pattern, firstgs + 1, lastgs);
        List<Predicate<String>> tail = partial ? List.of() : slice(pattern, lastgs + 1, pattern.size());
        if (!head.isEmpty()) {
            List<String> fileHead = slice(file, fileIndex, fileIndex + head.size());
            if (!matchParts(fileHead, head, partial, 0, 0)) {
                return false;
            }
            fileIndex += head.size();
        }
        int fileTailMatch = 0;
        if (!tail.isEmpty()) {
            if (tail.size() + fileIndex > file.size()) {
                return false;
            }
            int tailStart = file.size() - tail.size();
            if (matchParts(file, tail, partial, tailStart, 0)) {
                fileTailMatch = tail.size();
            } else {
                if (!file.get(file.size() - 1).isEmpty() || fileIndex + tail.size() == file.size()) {
                    return false;
                }
                tailStart--;
                if (!matchParts(file, tail, partial, tailStart, 0)) {
                    return false;
                }
                fileTailMatch = tail.size() + 1;
            }
        }
        if (body.isEmpty()) {
            boolean sawSome = fileTailMatch != 0;
            for (int i = fileIndex; i < file.size() - fileTailMatch; i++) {
                String f = file.get(i);
                sawSome = true;
                if (f.equals(".") || f.equals("..")) {
                    return false;
                }
            }
            return partial || sawSome;
        }
        List<List<Predicate<String>>> sections = new ArrayList<>();
        List<Integer> after = new ArrayList<>();
        List<Integer> nonGsPartsSums = new ArrayList<>();
        nonGsPartsSums.add(0);
        List<Predicate<String>> current = new ArrayList<>();
        sections.add(current);
        int nonGsParts = 0;
        for (Predicate<String> b : body) {
            if (b == GLOBSTAR) {
                nonGsPartsSums.add(nonGsParts);
                current = new ArrayList<>();
                sections.add(current);
            } else {
                current.add(b);
                nonGsParts++;
            }
        }
        int i = sections.size() - 1;
        int fileLength = file.size() - fileTailMatch;
        for (List<Predicate<String>> section : sections) {
            after.add(fileLength - (nonGsPartsSums.get(i--) + section.size()));
        }
        Boolean r = matchBodySections(file, sections, after, fileIndex, 0, partial, 0, fileTailMatch != 0);
        return r != null && r;
    }

    private Boolean matchBodySections(List<String> file, List<List<Predicate<String>>> sections, List<Integer> after,
                                      int fileIndex, int bodyIndex, boolean partial, int depth, boolean sawTail) {
        if (bodyIndex >= sections.size()) {
            for (int i = fileIndex; i < file.size(); i++) {
                sawTail = true;
                String f = file.get(i);
                if (f.equals(".") || f.equals("..")) {
                    return false;
                }
            }
            return sawTail;
        }
        List<Predicate<String>> body = sections.get(bodyIndex);
        int last = after.get(bodyIndex);
        while (fileIndex <= last) {
            boolean m = matchParts(slice(file, 0, fileIndex + body.size()), body, partial,
                    fileIndex, 0);
            if (m && depth < MAX_GLOBSTAR_RECURSION) {
                Boolean sub = matchBodySections(file, sections, after, fileIndex + body.size(), bodyIndex + 1,
                        partial, depth + 1, sawTail);
                if (sub == null || sub) {
                    return sub;
                }
            }
            if (fileIndex < file.size()) {
                String f = file.get(fileIndex);
                if (f.equals(".") || f.equals("..")) {
                    return false;
                }
            }
            fileIndex++;
        }
        return partial ? Boolean.TRUE : null;
    }

    private static boolean matchParts(List<String> file, List<Predicate<String>> pattern, boolean partial,
                                      int fileIndex, int patternIndex) {
        int fi = fileIndex;
        int pi = patternIndex;
        int fl = file.size();
        int pl = pattern.size();
        for (; fi < fl && pi < pl; fi++, pi++) {
            Predicate<String> p = pattern.get(pi);
            if (p == GLOBSTAR || !p.test(file.get(fi))) {
                return false;
            }
        }
        if (fi == fl && pi == pl) {
            return true;
        } else if (fi == fl) {
            return partial;
        } else if (pi == pl) {
            return fi == fl - 1 && file.get(fi).isEmpty();
        }
        return false;
    }

    /** JavaScript's {@code Array.prototype.slice} for non-negative indexes: clamps instead of throwing. */
    private static <T> List<T> slice(List<T> list, int from, int to) {
        int end = Math.min(to, list.size());
        int start = Math.min(from, end);
        return list.subList(start, end);
    }

    private static int indexOfGlobstar(List<Predicate<String>> pattern, int from) {
        for (int i = from; i < pattern.size(); i++) {
            if (pattern.get(i) == GLOBSTAR) {
                return i;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- pattern preparation

    private static List<String> slashSplit(String p) {
        return new ArrayList<>(List.of(p.split("/+", -1)));
    }

    private static List<String> levelOneOptimize(List<String> parts) {
        List<String> out = new ArrayList<>();
        for (String part : parts) {
            String prev = out.isEmpty() ? null : out.get(out.size() - 1);
            if (part.equals("**") && "**".equals(prev)) {
                continue;
            }
            if (part.equals("..") && prev != null && !prev.equals("..") && !prev.equals(".") && !prev.equals("**")) {
                out.remove(out.size() - 1);
                continue;
            }
            out.add(part);
        }
        if (out.isEmpty()) {
            out.add("");
        }
        return out;
    }

    private static final Pattern STAR = Pattern.compile("^\\*+$");
    private static final Pattern STAR_DOT_EXT = Pattern.compile("^\\*+([^+@!?*\\[(]*)$");
    private static final Pattern QMARKS = Pattern.compile("^\\?+([^+@!?*\\[(]*)?$");
    private static final Pattern STAR_DOT_STAR = Pattern.compile("^\\*+\\.\\*+$");
    private static final Pattern DOT_STAR = Pattern.compile("^\\.\\*+$");

    /** minimatch {@code parse} of one path part (no '/'), including its fast paths for common shapes. */
    private static Predicate<String> parsePart(String part) {
        if (part.equals("**")) {
            return GLOBSTAR;
        }
        if (part.isEmpty()) {
            return String::isEmpty;
        }
        java.util.regex.Matcher m;
        if (STAR.matcher(part).matches()) {
            return f -> !f.isEmpty() && !f.equals(".") && !f.equals("..");
        }
        if ((m = STAR_DOT_EXT.matcher(part)).matches()) {
            String ext = lower(m.group(1));
            return f -> lower(f).endsWith(ext);
        }
        if ((m = QMARKS.matcher(part)).matches()) {
            int len = part.length();
            String ext = m.group(1) == null ? "" : lower(m.group(1));
            return f -> f.length() == len && !f.equals(".") && !f.equals("..")
                    && (ext.isEmpty() || lower(f).endsWith(ext));
        }
        if (STAR_DOT_STAR.matcher(part).matches()) {
            return f -> !f.equals(".") && !f.equals("..") && f.contains(".");
        }
        if (DOT_STAR.matcher(part).matches()) {
            return f -> !f.equals(".") && !f.equals("..") && f.startsWith(".");
        }
        Pattern re = Pattern.compile(SegmentRegex.of(part), FLAGS);
        return f -> re.matcher(f).matches();
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    // ---------------------------------------------------------------- brace expansion (npm brace-expansion 5)

    static List<String> braceExpand(String pattern) {
        if (!Pattern.compile("\\{(?:(?!\\{).)*\\}").matcher(pattern).find()) {
            return List.of(pattern);
        }
        return BraceExpansion.expand(pattern);
    }
}
