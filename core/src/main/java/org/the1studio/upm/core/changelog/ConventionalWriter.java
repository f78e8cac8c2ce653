package org.the1studio.upm.core.changelog;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The deterministic writer: Conventional Commits grouped into Keep a Changelog 1.1.0 sections.
 *
 * <p>It is the baseline and the fallback of the AI writer, so it never fails and the same commits always give the
 * same text: sections in Keep a Changelog order, bullets in commit order (oldest first), duplicates dropped.
 *
 * <p>Mapping: {@code feat} -> Added; {@code fix} -> Fixed ({@code fix(security)} -> Security); {@code perf},
 * {@code refactor} -> Changed; {@code deprecate} -> Deprecated; {@code remove}, {@code revert} (and git's
 * {@code Revert "..."}) -> Removed; {@code security} -> Security; {@code !} or a {@code BREAKING CHANGE:} footer ->
 * a Changed bullet starting with <b>Breaking:</b>, listed first; {@code chore}, {@code ci}, {@code test},
 * {@code style}, {@code build}, {@code docs} -> left out; anything else, including free-form subjects, -> Changed.
 * When every commit was left out the body is a single "Maintenance release." bullet.
 */
final class ConventionalWriter {
    static final String MAINTENANCE = "Maintenance release.";
    static final int MAX_BULLET_CHARS = 300;

    private static final Set<String> OMITTED = Set.of("chore", "ci", "test", "tests", "style", "build", "docs", "doc",
            "release");
    private static final Map<String, Section> TYPES = Map.ofEntries(
            Map.entry("feat", Section.ADDED), Map.entry("feature", Section.ADDED), Map.entry("add", Section.ADDED),
            Map.entry("fix", Section.FIXED), Map.entry("bugfix", Section.FIXED), Map.entry("hotfix", Section.FIXED),
            Map.entry("perf", Section.CHANGED), Map.entry("refactor", Section.CHANGED),
            Map.entry("change", Section.CHANGED), Map.entry("update", Section.CHANGED),
            Map.entry("deprecate", Section.DEPRECATED), Map.entry("deprecated", Section.DEPRECATED),
            Map.entry("deprecation", Section.DEPRECATED),
            Map.entry("remove", Section.REMOVED), Map.entry("removed", Section.REMOVED),
            Map.entry("removal", Section.REMOVED), Map.entry("revert", Section.REMOVED),
            Map.entry("security", Section.SECURITY), Map.entry("sec", Section.SECURITY));
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    /** Control characters and bidi embedding/override/isolate marks (they can make a line read differently). */
    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cntrl}\\u202A-\\u202E\\u2066-\\u2069]");
    /** A markdown link whose target is a script or data URL: {@code [x](javascript:...)}. */
    private static final Pattern SCRIPT_LINK = Pattern.compile("\\]\\((?=\\s*<?\\s*(?i:javascript|data|vbscript|file):)");
    private static final Pattern TAG_OPEN = Pattern.compile("<(?=[A-Za-z/!?])");

    private ConventionalWriter() {
    }

    /** The body (headings and bullets, no trailing newline) for these commits, oldest first. */
    static String write(List<CommitInfo> commits) {
        Map<Section, Set<String>> sections = new EnumMap<>(Section.class);
        List<String> breaking = new ArrayList<>();
        for (CommitInfo c : commits) {
            ConventionalCommit cc = ConventionalCommit.parse(c.subject(), c.body());
            if (cc.breaking()) {
                String text = cc.type() != null && !TYPES.containsKey(cc.type()) && !OMITTED.contains(cc.type())
                        ? clean(c.subject()) : describe(cc);
                if (cc.breakingNote() != null && !cc.breakingNote().equalsIgnoreCase(cc.description())) {
                    text = text + " — " + oneLine(cc.breakingNote());
                }
                breaking.add("- **Breaking:** " + cap(text));
                continue;
            }
            if (cc.type() == null) {
                add(sections, Section.CHANGED, bullet(clean(c.subject())));
                continue;
            }
            if (OMITTED.contains(cc.type())) {
                continue;
            }
            Section section = TYPES.get(cc.type());
            if (section == null) {
                add(sections, Section.CHANGED, bullet(clean(c.subject())));
                continue;
            }
            if (section == Section.FIXED && cc.scope() != null && cc.scope().toLowerCase(Locale.ROOT).equals("security")) {
                section = Section.SECURITY;
            }
            add(sections, section, bullet(describe(cc)));
        }
        if (!breaking.isEmpty()) {
            Set<String> changed = new LinkedHashSet<>(breaking);
            changed.addAll(sections.getOrDefault(Section.CHANGED, Set.of()));
            sections.put(Section.CHANGED, changed);
        }
        if (sections.isEmpty()) {
            return Section.CHANGED.heading() + "\n\n- " + MAINTENANCE;
        }
        return render(sections);
    }

    /** Renders sections in Keep a Changelog order: heading, blank line, bullets, blank line between sections. */
    static String render(Map<Section, ? extends Iterable<String>> sections) {
        StringBuilder sb = new StringBuilder();
        for (Section s : Section.values()) {
            Iterable<String> lines = sections.get(s);
            if (lines == null || !lines.iterator().hasNext()) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append("\n\n");
            }
            sb.append(s.heading()).append('\n');
            for (String line : lines) {
                sb.append('\n').append(line);
            }
        }
        return sb.toString();
    }

    private static void add(Map<Section, Set<String>> sections, Section s, String bullet) {
        sections.computeIfAbsent(s, k -> new LinkedHashSet<>()).add(bullet);
    }

    private static String describe(ConventionalCommit cc) {
        String d = clean(cc.description());
        return cc.scope() == null ? d : "**" + oneLine(cc.scope()) + ":** " + d;
    }

    private static String bullet(String text) {
        return "- " + cap(text);
    }

    /**
     * One line, no HTML tag openers. The case is kept as written: upper-casing the first letter would turn
     * {@code iOS} into {@code IOS} and {@code npm} into {@code Npm}.
     */
    static String clean(String text) {
        return oneLine(text);
    }

    /** One line, no control or bidi override characters, no script links, no HTML tag openers (escaped as {@code \\<}). */
    private static String oneLine(String text) {
        String t = WHITESPACE.matcher(text == null ? "" : text).replaceAll(" ");
        t = INVISIBLE.matcher(t).replaceAll("").strip();
        t = SCRIPT_LINK.matcher(t).replaceAll("]\\\\(");
        return TAG_OPEN.matcher(t).replaceAll("\\\\<");
    }

    private static String cap(String text) {
        if (text.codePointCount(0, text.length()) <= MAX_BULLET_CHARS) {
            return text;
        }
        int end = text.offsetByCodePoints(0, MAX_BULLET_CHARS - 1);
        return text.substring(0, end).stripTrailing() + "…";
    }
}
