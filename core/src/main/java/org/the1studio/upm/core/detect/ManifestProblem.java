package org.the1studio.upm.core.detect;

/**
 * A changed {@code package.json} at head that cannot be used to decide what to publish: malformed JSON, or a Unity
 * manifest without a usable {@code name} or {@code version}.
 *
 * <p>Reported instead of thrown so that one broken manifest does not hide the other packages of the push; the planner
 * turns each into an invalid package outcome.
 *
 * @param manifestPath repository-relative path of the manifest, {@code '/'}-separated ({@code package.json} at the root)
 * @param field        the JSON field at fault ({@code name}, {@code version}), or {@code null} for the whole file
 *                     (for example a JSON syntax error, whose message then names the line and column)
 * @param message      what is wrong and how to fix it
 */
public record ManifestProblem(String manifestPath, String field, String message) {

    /** One line: {@code Packages/a/package.json: field 'version': missing}. */
    public String describe() {
        return manifestPath + (field == null ? "" : ": field '" + field + "'") + ": " + message;
    }
}
