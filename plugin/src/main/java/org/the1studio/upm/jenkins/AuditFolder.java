package org.the1studio.upm.jenkins;

/**
 * The audit folder must stay inside the workspace: its files are archived with the build and a path leaving the
 * workspace would write the records somewhere nobody archives (or overwrite something else).
 */
final class AuditFolder {
    private AuditFolder() {}

    /** The folder, '/'-separated; throws with a message saying what is wrong. */
    static String check(String value) {
        String v = value == null ? "" : value.strip().replace('\\', '/');
        if (v.isEmpty()) {
            throw new IllegalArgumentException("the audit folder is empty (default: "
                    + UpmPublisherConfiguration.DEFAULT_AUDIT_FOLDER + ")");
        }
        if (v.startsWith("/") || v.matches("^[A-Za-z]:.*")) {
            throw new IllegalArgumentException("the audit folder must be relative to the workspace, not " + v);
        }
        for (String segment : v.split("/")) {
            if (segment.equals("..")) {
                throw new IllegalArgumentException("the audit folder must stay inside the workspace: no '..' in " + v);
            }
        }
        return v;
    }
}
