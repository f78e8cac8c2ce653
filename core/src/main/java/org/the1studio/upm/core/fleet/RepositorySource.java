package org.the1studio.upm.core.fleet;

import java.util.List;

/**
 * Where the packages of a repository are read from: the GitHub API ({@link GitHubSource}) or local clones
 * ({@link LocalCloneSource}). Implementations are called from several threads at once.
 */
public interface RepositorySource {

    /** What a scan found. */
    record Scan(String branch, String commit, List<CachedPackage> packages, List<String> notices) {}

    /** {@code github} or {@code clones}, written into the cache. */
    String name();

    /**
     * The branch and its tip commit only; cheap (one conditional request on GitHub), so that an unchanged
     * repository's packages can be reused from the previous cache.
     */
    Scan tip(RepositoryEntry entry) throws FleetSourceException;

    /** Every Unity package at {@code tip.commit()}. */
    Scan scan(RepositoryEntry entry, Scan tip) throws FleetSourceException;
}
