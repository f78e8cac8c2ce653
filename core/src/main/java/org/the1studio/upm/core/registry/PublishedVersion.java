package org.the1studio.upm.core.registry;

import java.net.URI;

/**
 * One version as the registry lists it: what was published (integrity) and where to fetch it.
 *
 * @param version     the semver string
 * @param shasum      hex SHA-1 of the tarball ({@code dist.shasum}), or null
 * @param integrity   Subresource Integrity ({@code dist.integrity}, e.g. {@code sha512-...}), or null on very old
 *                    registries
 * @param tarball     download URL ({@code dist.tarball}), or null
 * @param deprecated  whether the version carries a non-empty deprecation message
 * @param deprecation the deprecation message, or null
 */
public record PublishedVersion(String version, String shasum, String integrity, URI tarball, boolean deprecated,
        String deprecation) {

    /**
     * Whether this version's integrity contains {@code ours}. An integrity may list several hashes separated by
     * spaces; the comparison is exact per hash.
     */
    public boolean hasIntegrity(String ours) {
        if (integrity == null || ours == null) {
            return false;
        }
        for (String theirs : integrity.trim().split("\\s+")) {
            for (String mine : ours.trim().split("\\s+")) {
                if (theirs.equals(mine)) {
                    return true;
                }
            }
        }
        return false;
    }
}
