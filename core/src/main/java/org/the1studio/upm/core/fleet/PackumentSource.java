package org.the1studio.upm.core.fleet;

import java.util.Collection;
import java.util.List;

/**
 * What registries hold. The real one is {@link RegistryPackuments} (the engine's {@code RegistryClient}); the
 * interface lets the benchmark and the builder's own tests count calls.
 */
public interface PackumentSource extends AutoCloseable {

    /** The registry's answer for {@code name}; failures are captured in {@link PublishedPackage#error()}. */
    PublishedPackage lookup(String registry, String name);

    /**
     * Every package name the registry lists (npm search API), for finding packages no repository mentions; empty
     * when the registry cannot list them.
     */
    default Collection<String> catalog(String registry) throws FleetSourceException {
        return List.of();
    }

    @Override
    default void close() {}
}
