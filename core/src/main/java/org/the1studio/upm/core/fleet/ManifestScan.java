package org.the1studio.upm.core.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.the1studio.upm.core.detect.ChangeDetector;
import org.the1studio.upm.core.io.Json;
import org.the1studio.upm.core.manifest.ManifestException;
import org.the1studio.upm.core.manifest.ManifestIssue;
import org.the1studio.upm.core.manifest.ManifestReader;
import org.the1studio.upm.core.manifest.ManifestValidator;
import org.the1studio.upm.core.manifest.PackageManifest;

/**
 * Which files of a repository are Unity package manifests, and what is wrong with them: the same rules as
 * publishing ({@link ChangeDetector} skips the same folders and needs the same {@code unity} field;
 * {@link ManifestValidator} judges), so the fleet check never disagrees with the publish job.
 */
final class ManifestScan {

    private ManifestScan() {}

    /** True for a {@code package.json} path that may be a package of the repository itself. */
    static boolean candidate(String repoPath) {
        return (repoPath.equals("package.json") || repoPath.endsWith("/package.json"))
                && !ChangeDetector.isIgnoredPath(repoPath);
    }

    /**
     * The package a manifest describes, or empty when it is not a Unity package (valid JSON without a {@code unity}
     * field: a Node tool's folder, for example). Unreadable JSON is reported as an invalid package: it may well be
     * a Unity package that someone broke.
     */
    static Optional<CachedPackage> read(String manifestPath, byte[] bytes, List<String> notices) {
        String folder = manifestPath.contains("/") ? manifestPath.substring(0, manifestPath.lastIndexOf('/')) : "";
        JsonNode tree = null;
        try {
            tree = Json.readTree(bytes);
        } catch (IOException e) {
            // the reader below reports it with line and column
        }
        if (tree != null && (!tree.isObject() || !tree.has("unity"))) {
            notices.add(manifestPath + " has no \"unity\" field: not a Unity package manifest, ignored");
            return Optional.empty();
        }
        try {
            PackageManifest m = ManifestReader.parse(bytes, Path.of(manifestPath), manifestPath);
            List<String> issues = ManifestValidator.validate(m, manifestPath).stream().map(ManifestIssue::describe).toList();
            return Optional.of(new CachedPackage(folder, manifestPath, m.name(), m.version(), issues));
        } catch (ManifestException e) {
            String name = tree != null && tree.path("name").isTextual() ? tree.path("name").asText() : null;
            String version = tree != null && tree.path("version").isTextual() ? tree.path("version").asText() : null;
            return Optional.of(new CachedPackage(folder, manifestPath, name, version,
                    e.issues().stream().map(ManifestIssue::describe).toList()));
        }
    }
}
