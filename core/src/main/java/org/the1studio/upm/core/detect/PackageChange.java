package org.the1studio.upm.core.detect;

/**
 * One Unity package whose version changed between two commits.
 *
 * @param path       repository-relative folder of the package at head ('' for the root), '/'-separated
 * @param oldPath    folder at base, or {@code null} when the package is new
 * @param name       package name at head
 * @param oldVersion version at base, or {@code null} when the package is new
 * @param newVersion version at head
 * @param kind       what happened
 */
public record PackageChange(String path, String oldPath, String name, String oldVersion, String newVersion, Kind kind) {

    /** What happened to the manifest between base and head. */
    public enum Kind {
        /** The package did not exist at base. */
        ADDED,
        /** Same folder, different version. */
        VERSION_CHANGED,
        /** The package moved to another folder (and may also have a new version). */
        MOVED
    }

    /** The manifest path relative to the repository root. */
    public String manifestPath() {
        return path.isEmpty() ? "package.json" : path + "/package.json";
    }
}
