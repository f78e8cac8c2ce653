package org.the1studio.upm.core.fleet;

/**
 * One line of the fleet report.
 *
 * @param repository repository URL ({@code null} for an orphan no repository ever had)
 * @param path       package folder in the repository ({@code null} for orphans)
 * @param name       package name (the manifest path when the name is unreadable)
 * @param version    version in the repository ({@code null} for orphans)
 * @param registry   registry URL
 * @param highest    highest version on the registry, or {@code null}
 * @param latest     the registry's {@code latest} dist-tag, or {@code null}
 * @param state      the classification
 * @param detail     one sentence: why, and what to do
 * @param commit     the repository commit that was checked, or {@code null}
 */
public record PackageStatus(String repository, String path, String name, String version, String registry,
        String highest, String latest, PackageState state, String detail, String commit) {}
