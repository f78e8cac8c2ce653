package org.the1studio.upm.core.fleet;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One repository as last scanned.
 *
 * @param url      the URL from {@code repositories.json}
 * @param status   its status there
 * @param branch   the branch scanned (the entry's, else the repository's default branch)
 * @param commit   the commit at the tip of that branch, or {@code null} when the scan failed
 * @param registry the registry its packages are published to
 * @param error    why the scan failed, or {@code null}
 * @param notices  things worth knowing that are not failures (ignored manifests, ...)
 * @param packages the Unity packages found
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CachedRepository(String url, RepoStatus status, String branch, String commit, String registry,
        String error, List<String> notices, List<CachedPackage> packages) {
    public CachedRepository {
        notices = notices == null ? List.of() : List.copyOf(notices);
        packages = packages == null ? List.of() : List.copyOf(packages);
    }

    /** True when the scan succeeded. */
    public boolean ok() {
        return error == null;
    }
}
