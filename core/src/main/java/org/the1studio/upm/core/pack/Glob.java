package org.the1studio.upm.core.pack;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
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
    private boolean relative;
    private final List<List<String>> globParts = new ArrayList<>();
    private final List<List<Predicate<String>>> set = new ArrayList<>();
    /** For each pattern of {@link #set} with a {@code **}: its full-match plan; null otherwise. */
    private final List<Plan> plans = new ArrayList<>();
    /** The same for partial matching (directories), also made once: matching is the hot loop of file selection. */
    private final List<Plan> partialPlans = new ArrayList<>();

    /** A path to match, split once and reused for every rule (matching is the hot loop of file selection). */
    static final class Subject {
        final String raw;
        final List<String> parts;
        final List<String> base;

        private Subject(String raw) {
            this.raw = raw;
            this.parts = slashSplit(raw);
            String filename = parts.get(parts.size() - 1);
            for (int i = parts.size() - 2; filename.isEmpty() && i >= 0; i--) {
                filename = parts.get(i);
            }
            this.base = List.of(filename);
        }

        static Subject of(String f) {
            return new Subject(f);
        }
    }

    /** minimatch's globstar split of a pattern: head ** body-sections ** tail. */
    private record Plan(List<Predicate<String>> head, List<List<Predicate<String>>> sections, int[] nonGsPartsSums,
                        List<Predicate<String>> tail) {
        static Plan of(List<Predicate<String>> pattern, int patternIndex, boolean partial) {
            int firstgs = indexOfGlobstar(pattern, patternIndex);
            int lastgs = pattern.lastIndexOf(GLOBSTAR);
            List<Predicate<String>> head = slice(pattern, patternIndex, firstgs);
            List<Predicate<String>> body = partial ? slice(pattern, firstgs + 1, pattern.size())
                    : slice(pattern, firstgs + 1, lastgs);
            List<Predicate<String>> tail = partial ? List.of() : slice(pattern, lastgs + 1, pattern.size());
            List<List<Predicate<String>>> sections = new ArrayList<>();
            List<Integer> sums = new ArrayList<>();
            sums.add(0);
            if (!body.isEmpty()) {
                List<Predicate<String>> current = new ArrayList<>();
                sections.add(current);
                int nonGsParts = 0;
                for (Predicate<String> b : body) {
                    if (b == GLOBSTAR) {
                        sums.add(nonGsParts);
                        current = new ArrayList<>();
                        sections.add(current);
                    } else {
                        current.add(b);
                        nonGsParts++;
                    }
                }
            }
            return new Plan(head, sections, sums.stream().mapToInt(Integer::intValue).toArray(), tail);
        }
    }

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
            boolean globstar = compiled.contains(GLOBSTAR);
            plans.add(globstar ? Plan.of(compiled, 0, false) : null);
            partialPlans.add(globstar ? Plan.of(compiled, 0, true) : null);
            String last = parts.get(parts.size() - 1);
            if (parts.size() <= (last.isEmpty() ? 2 : 1)) {
                relative = true;
            }
        }
    }

    boolean negate() {
        return negate;
    }

    /** npm's "relative rule": a single path part, optionally followed by a trailing slash. */
    boolean isRelativeRule() {
        return relative;
    }

    boolean match(String f) {
        return match(Subject.of(f), false);
    }

    boolean match(String f, boolean partial) {
        return match(Subject.of(f), partial);
    }

    /** minimatch {@code match} with {@code flipNegate}: true when the pattern (without its negation) matches. */
    boolean match(Subject f, boolean partial) {
        if (comment) {
            return false;
        }
        if (empty) {
            return f.raw.isEmpty();
        }
        if (partial && f.raw.equals("/")) {
            return true;
        }
        for (int i = 0; i < set.size(); i++) {
            List<Predicate<String>> pattern = set.get(i);
            List<String> file = pattern.size() == 1 ? f.base : f.parts;
            Plan plan = plans.get(i);
            boolean hit = plan == null ? matchParts(file, file.size(), pattern, partial, 0, 0)
                    : matchGlobstar(file, partial ? partialPlans.get(i) : plan, partial, 0);
            if (hit) {
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

    private boolean matchGlobstar(List<String> file, Plan plan, boolean partial, int fileIndex) {
        List<Predicate<String>> head = plan.head();
        List<Predicate<String>> tail = plan.tail();
        if (!head.isEmpty()) {
            // minimatch matches file.slice(fileIndex, fileIndex + head.length): the same bounds, without the copy
            int headEnd = Math.min(fileIndex + head.size(), file.size());
            if (!matchParts(file, headEnd, head, partial, Math.min(fileIndex, headEnd), 0)) {
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
            if (matchParts(file, file.size(), tail, partial, tailStart, 0)) {
                fileTailMatch = tail.size();
            } else {
                if (!file.get(file.size() - 1).isEmpty() || fileIndex + tail.size() == file.size()) {
                    return false;
                }
                tailStart--;
                if (!matchParts(file, file.size(), tail, partial, tailStart, 0)) {
                    return false;
                }
                fileTailMatch = tail.size() + 1;
            }
        }
        List<List<Predicate<String>>> sections = plan.sections();
        if (sections.isEmpty()) {
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
        int[] after = new int[sections.size()];
        int i = sections.size() - 1;
        int fileLength = file.size() - fileTailMatch;
        for (int s = 0; s < sections.size(); s++) {
            after[s] = fileLength - (plan.nonGsPartsSums()[i--] + sections.get(s).size());
        }
        Boolean r = matchBodySections(file, sections, after, fileIndex, 0, partial, 0, fileTailMatch != 0);
        return r != null && r;
    }

    private Boolean matchBodySections(List<String> file, List<List<Predicate<String>>> sections, int[] after,
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
        int last = after[bodyIndex];
        while (fileIndex <= last) {
            boolean m = matchParts(file, Math.min(fileIndex + body.size(), file.size()), body, partial, fileIndex, 0);
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

    /** Matches the parts of {@code file} before {@code fileEnd} (the end of minimatch's slice) against the pattern. */
    private static boolean matchParts(List<String> file, int fileEnd, List<Predicate<String>> pattern, boolean partial,
                                      int fileIndex, int patternIndex) {
        int fi = fileIndex;
        int pi = patternIndex;
        int fl = fileEnd;
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

    /** {@code p.split(/\/+/)}: runs of '/' separate parts; leading and trailing empty parts are kept. */
    private static List<String> slashSplit(String p) {
        List<String> parts = new ArrayList<>(4);
        int start = 0;
        int i = 0;
        while (i < p.length()) {
            if (p.charAt(i) == '/') {
                parts.add(p.substring(start, i));
                while (i < p.length() && p.charAt(i) == '/') {
                    i++;
                }
                start = i;
            } else {
                i++;
            }
        }
        parts.add(p.substring(start));
        return parts;
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
            String ext = m.group(1);
            return f -> endsWithIgnoreCase(f, ext);
        }
        if ((m = QMARKS.matcher(part)).matches()) {
            int len = part.length();
            String ext = m.group(1) == null ? "" : m.group(1);
            return f -> f.length() == len && !f.equals(".") && !f.equals("..")
                    && (ext.isEmpty() || endsWithIgnoreCase(f, ext));
        }
        if (STAR_DOT_STAR.matcher(part).matches()) {
            return f -> !f.equals(".") && !f.equals("..") && f.contains(".");
        }
        if (DOT_STAR.matcher(part).matches()) {
            return f -> !f.equals(".") && !f.equals("..") && f.startsWith(".");
        }
        if (part.chars().noneMatch(c -> "*?[\\(".indexOf(c) >= 0)) {
            return f -> f.equalsIgnoreCase(part); // no magic: minimatch compares case-insensitively
        }
        if (part.chars().noneMatch(c -> "?[\\(".indexOf(c) >= 0)) {
            return starsOnly(part); // literal text and '*' only: the regex would be lit[^/]*?lit..., anchored
        }
        Pattern re = Pattern.compile(SegmentRegex.of(part), FLAGS);
        return f -> re.matcher(f).matches();
    }

    /** Case-insensitive match of literal chunks separated by '*' within one path part. */
    private static Predicate<String> starsOnly(String part) {
        String[] chunks = part.split("\\*+", -1);
        String first = chunks[0];
        String last = chunks[chunks.length - 1];
        return f -> {
            if (f.length() < first.length() + last.length()
                    || !f.regionMatches(true, 0, first, 0, first.length()) || !endsWithIgnoreCase(f, last)) {
                return false;
            }
            int from = first.length();
            int end = f.length() - last.length();
            for (int i = 1; i < chunks.length - 1; i++) {
                String chunk = chunks[i];
                int at = indexOfIgnoreCase(f, chunk, from, end);
                if (at < 0) {
                    return false;
                }
                from = at + chunk.length();
            }
            return true;
        };
    }

    private static int indexOfIgnoreCase(String f, String chunk, int from, int end) {
        for (int i = from; i + chunk.length() <= end; i++) {
            if (f.regionMatches(true, i, chunk, 0, chunk.length())) {
                return i;
            }
        }
        return -1;
    }

    private static boolean endsWithIgnoreCase(String f, String suffix) {
        int offset = f.length() - suffix.length();
        return offset >= 0 && f.regionMatches(true, offset, suffix, 0, suffix.length());
    }

    // ---------------------------------------------------------------- brace expansion (npm brace-expansion 5)

    static List<String> braceExpand(String pattern) {
        if (!Pattern.compile("\\{(?:(?!\\{).)*\\}").matcher(pattern).find()) {
            return List.of(pattern);
        }
        return BraceExpansion.expand(pattern);
    }
}
