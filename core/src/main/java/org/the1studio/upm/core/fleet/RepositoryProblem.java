package org.the1studio.upm.core.fleet;

/**
 * One thing wrong with {@code repositories.json}, precise enough to fix without reading code: which entry (by
 * position and URL), which field, what is wrong.
 *
 * @param index   position of the entry in {@code repositories} (0-based), or {@code -1} for the whole file
 * @param url     the entry's URL as written, or {@code null}
 * @param field   the field at fault ({@code url}, {@code status}, ...), or {@code null}
 * @param message what is wrong and, where it helps, what to write instead
 */
public record RepositoryProblem(int index, String url, String field, String message) {

    /** {@code repositories[2] (https://github.com/a/b): field 'status': ...}. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        if (index >= 0) {
            sb.append("repositories[").append(index).append(']');
            if (url != null && !url.isBlank()) {
                sb.append(" (").append(url).append(')');
            }
        }
        if (field != null) {
            sb.append(sb.length() > 0 ? ": " : "").append("field '").append(field).append('\'');
        }
        sb.append(sb.length() > 0 ? ": " : "").append(message);
        return sb.toString();
    }

    @Override
    public String toString() {
        return describe();
    }
}
