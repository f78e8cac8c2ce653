package org.the1studio.upm.core.manifest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A Unity package manifest ({@code package.json} with a {@code unity} field) as read from disk.
 *
 * <p>The typed fields are what the engine reasons about; {@link #json()} is the whole document, kept so that
 * the published metadata carries every field the author wrote (npm does the same).
 *
 * @param file         the manifest file, for error messages
 * @param name         package name, e.g. {@code com.company.feature}
 * @param version      semver version string
 * @param unity        minimum Unity version, {@code YYYY.N}, or {@code null} when absent
 * @param unityRelease Unity release suffix such as {@code 0f1}, or {@code null}
 * @param displayName  human name, or {@code null}
 * @param description  description, or {@code null}
 * @param dependencies name to version
 * @param files        the {@code files} allow-list, or {@code null} when the field is absent
 * @param json         the full parsed document (a defensive copy)
 */
public record PackageManifest(
        Path file,
        String name,
        String version,
        String unity,
        String unityRelease,
        String displayName,
        String description,
        Map<String, String> dependencies,
        List<String> files,
        ObjectNode json) {

    public PackageManifest {
        dependencies = Map.copyOf(dependencies);
        files = files == null ? null : List.copyOf(files);
        json = json.deepCopy();
    }

    /** The package folder (the manifest's parent). */
    public Path directory() {
        return file.toAbsolutePath().getParent();
    }

    /** {@code name@version}, the way npm names a version. */
    public String id() {
        return name + "@" + version;
    }

    @Override
    public ObjectNode json() {
        return json.deepCopy();
    }
}
