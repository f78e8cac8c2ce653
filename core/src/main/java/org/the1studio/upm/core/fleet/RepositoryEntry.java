package org.the1studio.upm.core.fleet;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * One repository of the fleet, as written in {@code repositories.json}.
 *
 * @param url      the repository's https URL on GitHub
 * @param status   whether it is checked ({@code active}), waiting for registration ({@code pending}) or ignored
 * @param branch   the branch packages are published from, or {@code null} for the repository's default branch
 * @param registry registry URL for this repository's packages, or {@code null} for the fleet's registry
 * @param notes    free text for people, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RepositoryEntry(String url, RepoStatus status, String branch, String registry, String notes) {

    public RepositoryEntry {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(status, "status");
        branch = blankToNull(branch);
        registry = blankToNull(registry);
        notes = blankToNull(notes);
    }

    /** The parsed URL (entries of a loaded registry always parse). */
    @JsonIgnore
    public RepoRef ref() {
        return RepoRef.parse(url);
    }

    /** A copy with another status. */
    public RepositoryEntry withStatus(RepoStatus s) {
        return new RepositoryEntry(url, s, branch, registry, notes);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
