package org.the1studio.upm.core.fleet;

/** How a package of the fleet compares with the registry. */
public enum PackageState {
    /** The repository's version is on the registry and nothing newer is. */
    UP_TO_DATE("up to date"),
    /** The repository's version is missing from the registry: a publish failed or never ran. */
    UNPUBLISHED("unpublished"),
    /** The registry has a newer version than the repository: a rollback, or a commit lost from the branch. */
    BEHIND("behind"),
    /** The manifest fails validation, so the publish job refuses it. */
    INVALID_MANIFEST("invalid manifest"),
    /** On the registry but in no repository any more. */
    ORPHANED("orphaned");

    private final String label;

    PackageState(String label) {
        this.label = label;
    }

    /** Lowercase words for reports. */
    public String label() {
        return label;
    }

    /** Everything but {@link #UP_TO_DATE} needs a look. */
    public boolean isProblem() {
        return this != UP_TO_DATE;
    }
}
