package org.the1studio.upm.core.detect;

import java.util.List;

/**
 * What changed between two commits, as far as publishing is concerned.
 *
 * @param baseCommit full id of the base commit, or {@code null} when the base is the empty tree (first commit)
 * @param headCommit full id of the head commit
 * @param changes    Unity packages whose version must be considered for publishing, ordered by path
 * @param problems   changed manifests that cannot be read (malformed JSON, missing name or version), ordered by path
 * @param notices    things worth telling the user that need no action (ignored non-Unity package.json files, deleted
 *                   packages, moves without a version change, ...)
 */
public record Detection(String baseCommit, String headCommit, List<PackageChange> changes,
        List<ManifestProblem> problems, List<String> notices) {

    public Detection {
        changes = List.copyOf(changes);
        problems = List.copyOf(problems);
        notices = List.copyOf(notices);
    }

    /** True when there is nothing to publish and nothing to report as a problem. */
    public boolean isEmpty() {
        return changes.isEmpty() && problems.isEmpty();
    }
}
