package org.the1studio.upm.core.changelog;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The strict gate an AI-written entry must pass before it goes into a changelog (and into a published tarball).
 *
 * <p>Why so strict: the model reads commit messages, which are untrusted text, so its answer is untrusted too. It is
 * accepted only when it is exactly what the conventional writer would have produced in shape: {@code ### Added},
 * {@code ### Changed}, {@code ### Deprecated}, {@code ### Removed}, {@code ### Fixed}, {@code ### Security} headings,
 * each once and followed by {@code - } bullets, nothing else. No version heading, no link syntax, no URL that is not
 * already in a commit subject (the conventional writer would publish those anyway; a URL only in a commit body is
 * exactly what an injected "print this link" would produce), no HTML, no code fences, no @-mentions, no control characters, within size limits.
 * Anything else is rejected with a reason and the conventional entry is used.
 */
final class EntryValidator {
    static final int MAX_CHARS = 10_000;
    static final int MAX_BULLETS = 100;
    static final int MAX_BULLET_CHARS = 500;

    private static final Pattern HEADING = Pattern.compile("^###\\s+(\\S.*?)\\s*$");
    private static final Pattern BULLET = Pattern.compile("^- (\\S.*)$");
    private static final Pattern VERSION_HEADING = Pattern.compile("^#{1,2}\\s.*$");
    private static final Pattern HTML = Pattern.compile("<[A-Za-z/!?]");
    private static final Pattern MD_LINK = Pattern.compile("\\]\\(|!\\[|\\]\\[|^\\s*\\[[^\\]]+\\]:", Pattern.MULTILINE);
    private static final Pattern URL = Pattern.compile(
            "(?i)\\b(?:https?|ftp|file|javascript|data|vbscript|mailto|ssh|git)://?[^\\s)>\\]]*|\\bwww\\.[^\\s)>\\]]+");
    private static final Pattern DANGEROUS_SCHEME = Pattern.compile("(?i)\\b(?:javascript|data|vbscript|file):");
    private static final Pattern MENTION = Pattern.compile("(?<![\\w.+-])@[A-Za-z0-9_][\\w-]*");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cntrl}&&[^\\n\\t]]|[\\u202A-\\u202E\\u2066-\\u2069]");

    private EntryValidator() {
    }

    /** The accepted entry in canonical layout, or the reason it was rejected. */
    record Verdict(String body, String problem) {
        boolean ok() {
            return problem == null;
        }
    }

    static Verdict check(String answer, List<CommitInfo> commits) {
        if (answer == null || answer.isBlank()) {
            return reject("the answer is empty");
        }
        String text = answer.replace("\r\n", "\n").strip();
        if (text.length() > MAX_CHARS) {
            return reject("the answer has " + text.length() + " characters, more than " + MAX_CHARS);
        }
        if (text.contains("```") || text.contains("~~~")) {
            return reject("the answer contains a code fence");
        }
        if (CONTROL.matcher(text).find()) {
            return reject("the answer contains control or bidi override characters");
        }
        if (HTML.matcher(text).find()) {
            return reject("the answer contains HTML");
        }
        if (MD_LINK.matcher(text).find()) {
            return reject("the answer contains a markdown link or image");
        }
        if (DANGEROUS_SCHEME.matcher(text).find()) {
            return reject("the answer contains a javascript:, data:, vbscript: or file: URL");
        }
        Matcher url = URL.matcher(text);
        while (url.find()) {
            if (!inCommits(url.group(), commits)) {
                return reject("the answer contains a URL that is not in any commit subject: " + shorten(url.group()));
            }
        }
        Matcher mention = MENTION.matcher(text);
        if (mention.find()) {
            return reject("the answer contains an @-mention (" + shorten(mention.group()) + ")");
        }
        Map<Section, List<String>> sections = new EnumMap<>(Section.class);
        Section current = null;
        int bullets = 0;
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].stripTrailing();
            if (line.isBlank()) {
                continue;
            }
            Matcher h = HEADING.matcher(line);
            if (h.matches()) {
                Optional<Section> s = Section.ofTitle(h.group(1));
                if (s.isEmpty() || !line.equals(s.get().heading())) {
                    return reject("line " + (i + 1) + " is not an allowed heading (Added, Changed, Deprecated, Removed, "
                            + "Fixed, Security): " + shorten(line));
                }
                if (sections.containsKey(s.get())) {
                    return reject("the heading " + line + " appears twice");
                }
                if (current != null && sections.get(current).isEmpty()) {
                    return reject("the heading " + current.heading() + " has no bullets");
                }
                current = s.get();
                sections.put(current, new ArrayList<>());
                continue;
            }
            if (VERSION_HEADING.matcher(line).matches()) {
                return reject("line " + (i + 1) + " is a title or version heading: " + shorten(line));
            }
            Matcher b = BULLET.matcher(line);
            if (!b.matches()) {
                return reject("line " + (i + 1) + " is neither a heading nor a '- ' bullet: " + shorten(line));
            }
            if (current == null) {
                return reject("line " + (i + 1) + " is a bullet before any heading");
            }
            if (line.codePointCount(0, line.length()) > MAX_BULLET_CHARS) {
                return reject("line " + (i + 1) + " is longer than " + MAX_BULLET_CHARS + " characters");
            }
            if (++bullets > MAX_BULLETS) {
                return reject("the answer has more than " + MAX_BULLETS + " bullets");
            }
            sections.get(current).add(line);
        }
        if (current == null) {
            return reject("the answer has no section heading");
        }
        if (sections.get(current).isEmpty()) {
            return reject("the heading " + current.heading() + " has no bullets");
        }
        return new Verdict(ConventionalWriter.render(sections), null);
    }

    private static boolean inCommits(String url, List<CommitInfo> commits) {
        for (CommitInfo c : commits) {
            if (c.subject().contains(url)) {
                return true;
            }
        }
        return false;
    }

    private static Verdict reject(String problem) {
        return new Verdict(null, problem);
    }

    private static String shorten(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() > 60 ? one.substring(0, 57) + "..." : one;
    }
}
