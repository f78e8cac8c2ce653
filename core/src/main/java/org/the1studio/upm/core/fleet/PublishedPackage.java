package org.the1studio.upm.core.fleet;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * What a registry holds for one package name.
 *
 * @param registry   the registry URL
 * @param name       package name
 * @param found      false when the registry does not know the name (404)
 * @param versions   published versions in the registry's order
 * @param deprecated versions marked deprecated
 * @param distTags   tag to version
 * @param error      why the registry could not be asked, or {@code null}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PublishedPackage(String registry, String name, boolean found, List<String> versions,
        List<String> deprecated, Map<String, String> distTags, String error) {
    public PublishedPackage {
        versions = versions == null ? List.of() : List.copyOf(versions);
        deprecated = deprecated == null ? List.of() : List.copyOf(deprecated);
        distTags = distTags == null ? Map.of() : Map.copyOf(distTags);
    }

    /** Lookup key: registry and name. */
    public String key() {
        return key(registry, name);
    }

    static String key(String registry, String name) {
        return registry + " " + name;
    }
}
