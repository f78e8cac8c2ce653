package org.the1studio.upm.core.fleet;

/**
 * A package name the fleet has seen in a repository, remembered across cache builds so that a package that
 * disappears from every repository but stays on the registry can be reported as orphaned.
 *
 * @param name       package name
 * @param registry   registry it was published to
 * @param repository URL of the repository it was last seen in
 * @param lastSeen   ISO-8601 time of the last build that saw it
 */
public record KnownPackage(String name, String registry, String repository, String lastSeen) {}
