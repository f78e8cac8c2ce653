package org.the1studio.upm.core.changelog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.semver4j.Semver;
import org.the1studio.upm.core.io.AtomicFile;

/**
 * Merges a version section into a Keep a Changelog 1.1.0 file.
 *
 * <ul>
 *   <li>A missing (or empty) file is created with the standard header and an {@code ## [Unreleased]} section.</li>
 *   <li>The new {@code ## [x.y.z] - YYYY-MM-DD} section goes right under {@code ## [Unreleased]}, which is kept and
 *       emptied: what was written under it by hand is promoted into the new version, merged section by section with
 *       the generated bullets (hand-written first, duplicates dropped).</li>
 *   <li>A version older than one already in the file (a hotfix of an older line) goes in semver order below the
 *       newer ones, and {@code [Unreleased]} is left alone (its items belong to the newer line).</li>
 *   <li>Idempotent: a file that already has a {@code ## [x.y.z]} heading is not touched.</li>
 *   <li>With a repository URL, link reference definitions at the bottom: {@code [x.y.z]} compares the commit that
 *       set the previous version with the released commit ({@code /compare/<old>...<new>}; commit ids, because
 *       nothing in the publish flow creates tags), a first release links the package folder at the released commit,
 *       and {@code [Unreleased]} compares the released commit with {@code HEAD}.</li>
 *   <li>Nothing else is changed: other sections, their order, the line endings (CRLF or LF) and a UTF-8 BOM are kept.</li>
 * </ul>
 */
final class ChangelogFile {
    static final String HEADER = String.join("\n",
            "# Changelog",
            "",
            "All notable changes to this package will be documented in this file.",
            "",
            "The format is based on [Keep a Changelog](https://keepachangelog.com/en/1.1.0/),",
            "and this project adheres to [Semantic Versioning](https://semver.org/spec/v2.0.0.html).",
            "");
    static final String UNRELEASED = "## [Unreleased]";

    private static final Pattern H2 = Pattern.compile("^##(?!#)\\s*(.*?)\\s*$");
    private static final Pattern H2_LABEL = Pattern.compile("^\\[?\\s*([^\\]\\s()\\[]+)");
    private static final Pattern H3 = Pattern.compile("^###(?!#)\\s*(.*?)\\s*$");
    private static final Pattern LINK_DEF = Pattern.compile("^ {0,3}\\[([^\\]]+)\\]:\\s*\\S.*$");

    private ChangelogFile() {
    }

    static ChangelogWrite write(Path file, ChangelogEntry entry, String repositoryUrl) throws IOException {
        String text;
        boolean bom = false;
        boolean crlf = false;
        byte[] raw = Files.exists(file) ? Files.readAllBytes(file) : null;
        String existing = raw == null ? null : decode(file, raw);
        if (existing == null || existing.replace("\uFEFF", "").isBlank()) {
            text = HEADER + "\n" + UNRELEASED + "\n";
        } else {
            bom = existing.startsWith("\uFEFF");
            text = bom ? existing.substring(1) : existing;
            crlf = text.contains("\r\n");
            text = text.replace("\r\n", "\n");
        }
        String merged = merge(text, entry, ChangelogSettings.normalizeRepositoryUrl(repositoryUrl));
        if (merged == null) {
            return new ChangelogWrite(file, false);
        }
        if (crlf) {
            merged = merged.replace("\n", "\r\n");
        }
        if (bom) {
            merged = "\uFEFF" + merged;
        }
        AtomicFile.write(file, merged.getBytes(StandardCharsets.UTF_8));
        return new ChangelogWrite(file, true);
    }

    private static String decode(Path file, byte[] raw) throws IOException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw new IOException(file + " is not UTF-8 text: the changelog entry was not written (convert the file to "
                    + "UTF-8)", e);
        }
    }

    /**
     * The file text with the entry merged in ({@code \n} line ends in and out, ending with one newline), or
     * {@code null} when the file already has a section for the version.
     */
    static String merge(String text, ChangelogEntry entry, String repositoryUrl) {
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        int footer = footerStart(lines);
        List<Integer> headings = new ArrayList<>();
        int unreleased = -1;
        for (int i = 0; i < footer; i++) {
            Optional<String> label = h2Label(lines.get(i));
            if (label.isEmpty()) {
                continue;
            }
            if (sameVersion(label.get(), entry.version())) {
                return null;
            }
            if (label.get().equalsIgnoreCase("unreleased")) {
                unreleased = unreleased < 0 ? i : unreleased;
            } else {
                headings.add(i);
            }
        }
        boolean newest = headings.stream().noneMatch(i -> greater(h2Label(lines.get(i)).orElse(""), entry.version()));
        List<String> result = new ArrayList<>();
        String heading = ChangelogEntry.heading(entry.version(), entry.date());
        if (unreleased >= 0 && newest) {
            int end = nextHeading(lines, unreleased, footer);
            List<String> body = mergeBodies(lines.subList(unreleased + 1, end), lines(entry.body()));
            result.addAll(lines.subList(0, unreleased + 1));
            result.add("");
            result.add(heading);
            result.add("");
            result.addAll(body);
            appendSeparated(result, lines.subList(end, lines.size()));
        } else {
            int insertAt = footer;
            for (int i : headings) {
                if (!greater(h2Label(lines.get(i)).orElse(""), entry.version())) {
                    insertAt = i;
                    break;
                }
            }
            List<String> before = new ArrayList<>(lines.subList(0, insertAt));
            trimTrailingBlanks(before);
            result.addAll(before);
            if (!result.isEmpty()) {
                result.add("");
            }
            result.add(heading);
            result.add("");
            result.addAll(lines(entry.body()));
            appendSeparated(result, lines.subList(insertAt, lines.size()));
        }
        trimTrailingBlanks(result);
        if (repositoryUrl != null && entry.headCommit() != null) {
            links(result, entry, repositoryUrl, newest && (unreleased >= 0));
        }
        return String.join("\n", result) + "\n";
    }

    /** Appends {@code rest} after exactly one blank line (if it has anything but blank lines). */
    private static void appendSeparated(List<String> result, List<String> rest) {
        int start = 0;
        while (start < rest.size() && rest.get(start).isBlank()) {
            start++;
        }
        if (start == rest.size()) {
            return;
        }
        trimTrailingBlanks(result);
        result.add("");
        result.addAll(rest.subList(start, rest.size()));
    }

    private static void trimTrailingBlanks(List<String> lines) {
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
    }

    /** The first line of the trailing block of link definitions and blank lines. */
    private static int footerStart(List<String> lines) {
        int footer = lines.size();
        while (footer > 0 && (lines.get(footer - 1).isBlank() || LINK_DEF.matcher(lines.get(footer - 1)).matches())) {
            footer--;
        }
        return footer;
    }

    private static int nextHeading(List<String> lines, int after, int footer) {
        for (int i = after + 1; i < footer; i++) {
            if (h2Label(lines.get(i)).isPresent() || H2.matcher(lines.get(i)).matches()) {
                return i;
            }
        }
        return footer;
    }

    /** The label of a {@code ## } heading: {@code Unreleased}, {@code 1.2.0} (from {@code ## [v1.2.0] - date}). */
    private static Optional<String> h2Label(String line) {
        Matcher h = H2.matcher(line);
        if (!h.matches()) {
            return Optional.empty();
        }
        Matcher l = H2_LABEL.matcher(h.group(1));
        return l.find() ? Optional.of(l.group(1)) : Optional.empty();
    }

    private static String stripV(String label) {
        return label.length() > 1 && (label.charAt(0) == 'v' || label.charAt(0) == 'V')
                && Character.isDigit(label.charAt(1)) ? label.substring(1) : label;
    }

    private static boolean sameVersion(String label, String version) {
        return stripV(label).equals(stripV(version));
    }

    /** Whether the heading label is a semver version greater than {@code version}; unparseable labels are older. */
    private static boolean greater(String label, String version) {
        Semver a = Semver.parse(stripV(label));
        Semver b = Semver.parse(stripV(version));
        return a != null && b != null && a.compareTo(b) > 0;
    }

    private static List<String> lines(String body) {
        return body == null || body.isBlank() ? List.of() : List.of(body.strip().split("\n"));
    }

    /** Hand-written content of {@code [Unreleased]} first, then generated bullets it does not already have. */
    static List<String> mergeBodies(List<String> unreleased, List<String> generated) {
        Parsed hand = Parsed.of(unreleased);
        if (hand.isEmpty()) {
            return new ArrayList<>(generated);
        }
        Parsed gen = Parsed.of(generated);
        if (gen.isMaintenanceOnly()) {
            gen = Parsed.of(List.of());
        }
        List<String> titles = new ArrayList<>();
        for (Section s : Section.values()) {
            if (hand.sections.containsKey(s.title()) || gen.sections.containsKey(s.title())) {
                titles.add(s.title());
            }
        }
        for (String t : hand.sections.keySet()) {
            if (!titles.contains(t)) {
                titles.add(t);
            }
        }
        for (String t : gen.sections.keySet()) {
            if (!titles.contains(t)) {
                titles.add(t);
            }
        }
        List<String> out = new ArrayList<>(hand.preamble);
        for (String t : titles) {
            if (!out.isEmpty()) {
                out.add("");
            }
            out.add(hand.headings.getOrDefault(t, "### " + t));
            out.add("");
            List<String> mine = hand.sections.getOrDefault(t, List.of());
            out.addAll(mine);
            for (String line : gen.sections.getOrDefault(t, List.of())) {
                if (mine.stream().noneMatch(m -> m.strip().equals(line.strip()))) {
                    out.add(line);
                }
            }
        }
        return out;
    }

    /** A section body split into the text before the first {@code ###} heading and the {@code ###} sections. */
    private static final class Parsed {
        final List<String> preamble = new ArrayList<>();
        final Map<String, List<String>> sections = new LinkedHashMap<>();
        final Map<String, String> headings = new LinkedHashMap<>();

        static Parsed of(List<String> lines) {
            Parsed p = new Parsed();
            List<String> current = p.preamble;
            for (String line : lines) {
                Matcher h = H3.matcher(line);
                if (h.matches()) {
                    String title = Section.ofTitle(h.group(1)).map(Section::title).orElse(h.group(1));
                    current = p.sections.computeIfAbsent(title, k -> new ArrayList<>());
                    p.headings.putIfAbsent(title, line.strip());
                    continue;
                }
                current.add(line);
            }
            trim(p.preamble);
            p.sections.values().forEach(Parsed::trim);
            return p;
        }

        private static void trim(List<String> lines) {
            while (!lines.isEmpty() && lines.get(0).isBlank()) {
                lines.remove(0);
            }
            trimTrailingBlanks(lines);
        }

        boolean isEmpty() {
            return preamble.isEmpty() && sections.values().stream().allMatch(List::isEmpty);
        }

        boolean isMaintenanceOnly() {
            return preamble.isEmpty() && sections.size() == 1
                    && sections.getOrDefault(Section.CHANGED.title(), List.of())
                            .equals(List.of("- " + ConventionalWriter.MAINTENANCE));
        }
    }

    /** Adds or updates the link reference definitions of the new version (and of {@code [Unreleased]}). */
    private static void links(List<String> lines, ChangelogEntry entry, String repositoryUrl, boolean moveUnreleased) {
        boolean gitlab = repositoryUrl.toLowerCase(Locale.ROOT).contains("gitlab");
        String prefix = repositoryUrl + (gitlab ? "/-" : "");
        String versionUrl = entry.previousCommit() != null
                ? prefix + "/compare/" + entry.previousCommit() + "..." + entry.headCommit()
                : prefix + "/tree/" + entry.headCommit()
                        + (entry.packagePath() == null || entry.packagePath().isEmpty() ? "" : "/" + entry.packagePath());
        String unreleasedUrl = prefix + "/compare/" + entry.headCommit() + "...HEAD";
        int footer = footerStart(lines);
        int unreleasedDef = -1;
        int ownDef = -1;
        int firstLowerDef = -1;
        int lastDef = -1;
        for (int i = footer; i < lines.size(); i++) {
            Matcher d = LINK_DEF.matcher(lines.get(i));
            if (!d.matches()) {
                continue;
            }
            lastDef = i;
            String label = d.group(1).strip();
            if (label.equalsIgnoreCase("unreleased")) {
                unreleasedDef = i;
            } else if (sameVersion(label, entry.version())) {
                ownDef = i;
            } else if (firstLowerDef < 0 && Semver.parse(stripV(label)) != null
                    && !greater(label, entry.version())) {
                firstLowerDef = i;
            }
        }
        String own = "[" + entry.version() + "]: " + versionUrl;
        if (lastDef < 0) {
            lines.add("");
            if (moveUnreleased) {
                lines.add("[Unreleased]: " + unreleasedUrl);
            }
            lines.add(own);
            return;
        }
        if (moveUnreleased) {
            if (unreleasedDef >= 0) {
                Matcher d = LINK_DEF.matcher(lines.get(unreleasedDef));
                String label = d.matches() ? d.group(1).strip() : "Unreleased";
                lines.set(unreleasedDef, "[" + label + "]: " + unreleasedUrl);
            } else {
                int at = firstLowerDef >= 0 ? firstLowerDef : lastDef + 1;
                lines.add(at, "[Unreleased]: " + unreleasedUrl);
                unreleasedDef = at;
                firstLowerDef = firstLowerDef >= 0 ? firstLowerDef + 1 : -1;
                lastDef++;
                ownDef = ownDef >= at ? ownDef + 1 : ownDef;
            }
        }
        if (ownDef >= 0) {
            lines.set(ownDef, own);
        } else if (firstLowerDef >= 0) {
            lines.add(firstLowerDef, own);
        } else {
            lines.add(lastDef + 1, own);
        }
    }
}
