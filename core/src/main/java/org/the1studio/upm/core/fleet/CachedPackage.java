package org.the1studio.upm.core.fleet;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One Unity package found in a repository at the tip of its branch.
 *
 * @param path         the package folder, repository-relative with {@code /} ({@code ""} for the root)
 * @param manifestPath the manifest, repository-relative ({@code Packages/com.acme.x/package.json})
 * @param name         package name as written, or {@code null} when the manifest could not be read
 * @param version      version as written, or {@code null}
 * @param issues       what {@code ManifestValidator} (or the JSON reader) found wrong; empty when publishable
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record CachedPackage(String path, String manifestPath, String name, String version, List<String> issues) {
    public CachedPackage {
        path = path == null ? "" : path;
        issues = issues == null ? List.of() : List.copyOf(issues);
    }

    /** True when the manifest passes validation. */
    public boolean valid() {
        return issues.isEmpty() && name != null && version != null;
    }
}
