package org.the1studio.upm.core.version;

/** How a version moved, as shown in notifications and reports. */
public enum BumpKind {
    /** First version of the package. */
    NEW,
    MAJOR,
    MINOR,
    PATCH,
    /** Target is a prerelease, or only the prerelease part changed. */
    PRERELEASE,
    /** Same version (a moved package) or lower (a refused rollback). */
    NONE;

    /** Lower-case label, e.g. {@code minor}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
