package org.the1studio.upm.core.registry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A package document ("packument") as the registry serves it, reduced to what publishing decides on: which versions
 * exist with which integrity, and the dist-tags.
 *
 * @param name     the package name
 * @param distTags tag -> version
 * @param versions version -> published version, in the registry's order (insertion-ordered, unmodifiable)
 * @param modified when the document last changed (ISO-8601 text as served), or null
 */
public record Packument(String name, Map<String, String> distTags, Map<String, PublishedVersion> versions,
        String modified) {

    public Packument {
        Objects.requireNonNull(name, "name");
        distTags = Collections.unmodifiableMap(new LinkedHashMap<>(distTags));
        versions = Collections.unmodifiableMap(new LinkedHashMap<>(versions));
    }

    /** The version, when published. */
    public Optional<PublishedVersion> version(String version) {
        return Optional.ofNullable(versions.get(version));
    }

    /** The {@code latest} dist-tag, or null. */
    public String latest() {
        return distTags.get("latest");
    }
}
