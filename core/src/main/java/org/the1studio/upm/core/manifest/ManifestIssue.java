package org.the1studio.upm.core.manifest;

/**
 * One thing wrong with a package manifest, precise enough to fix without reading code.
 *
 * @param file    the manifest path as the user knows it (repository-relative when possible)
 * @param field   the JSON field ({@code name}, {@code dependencies.com.x.y}, ...) or {@code null} for the whole file
 * @param message what is wrong
 * @param hint    how to fix it, or {@code null}
 */
public record ManifestIssue(String file, String field, String message, String hint) {

    /** One line: {@code Packages/a/package.json: field 'version': ... (hint: ...)}. */
    public String describe() {
        StringBuilder sb = new StringBuilder(file);
        if (field != null) {
            sb.append(": field '").append(field).append('\'');
        }
        sb.append(": ").append(message);
        if (hint != null) {
            sb.append(" (hint: ").append(hint).append(')');
        }
        return sb.toString();
    }
}
