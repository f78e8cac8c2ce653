package org.the1studio.upm.core.changelog;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A commit message read as a Conventional Commit ({@code type(scope)!: description} plus a {@code BREAKING CHANGE:}
 * footer). A subject that does not follow the convention gives type {@code null} and the whole subject as description.
 *
 * @param type           lower-case type ({@code feat}, {@code fix}, ...), or {@code null} for a free-form subject
 * @param scope          the scope, or {@code null}
 * @param breaking       {@code !} after the type/scope or a {@code BREAKING CHANGE:} footer
 * @param description    the description (the subject for a free-form message)
 * @param breakingNote   the text of the {@code BREAKING CHANGE:} footer, or {@code null}
 */
record ConventionalCommit(String type, String scope, boolean breaking, String description, String breakingNote) {

    private static final Pattern HEADER = Pattern.compile(
            "^(?<type>[A-Za-z][A-Za-z0-9-]*)(?:\\((?<scope>[^()\\r\\n]*)\\))?(?<bang>!)?:\\s+(?<desc>\\S.*)$");
    private static final Pattern BREAKING_FOOTER = Pattern.compile(
            "^BREAKING[ -]CHANGE:\\s*(?<note>.*)$", Pattern.MULTILINE);
    private static final Pattern REVERT = Pattern.compile("^Revert \"(?<subject>.+)\"$");

    static ConventionalCommit parse(String subject, String body) {
        String s = subject == null ? "" : subject.strip();
        String note = null;
        boolean footer = false;
        if (body != null) {
            Matcher f = BREAKING_FOOTER.matcher(body);
            if (f.find()) {
                footer = true;
                note = f.group("note").strip();
                note = note.isEmpty() ? null : note;
            }
        }
        Matcher revert = REVERT.matcher(s);
        if (revert.matches()) {
            return new ConventionalCommit("revert", null, footer, "revert \"" + revert.group("subject") + "\"", note);
        }
        Matcher m = HEADER.matcher(s);
        if (!m.matches()) {
            return new ConventionalCommit(null, null, footer, s, note);
        }
        String scope = m.group("scope");
        scope = scope == null || scope.isBlank() ? null : scope.strip();
        return new ConventionalCommit(m.group("type").toLowerCase(Locale.ROOT), scope,
                m.group("bang") != null || footer, m.group("desc").strip(), note);
    }
}
