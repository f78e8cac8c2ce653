package org.the1studio.upm.cli;

import java.net.URI;
import java.util.Map;
import org.the1studio.upm.core.config.UpmConfig;
import org.the1studio.upm.core.config.UpmException;
import picocli.CommandLine.Option;

/**
 * The registry flags of every command that talks to the registry ({@code publish}, {@code plan} and the fleet
 * commands), resolved the same way everywhere: flag, then environment, then {@code upm.json}.
 */
public final class RegistryOptions {
    @Option(names = "--registry", description = "Registry URL (else UPM_REGISTRY, else upm.json 'registry').")
    String registry;

    @Option(names = "--token-env", description = "Variable holding the registry token (default: UPM_REGISTRY_TOKEN).")
    String tokenEnv;

    @Option(names = "--allow-public-registry", description = "Allow registry.npmjs.org (refused by default).")
    boolean allowPublicRegistry;

    /** The registry URL; the public npm registry only when allowed by flag or {@code upm.json}. */
    public URI url(UpmConfig config, Map<String, String> env) throws UpmException {
        return config.resolveRegistry(registry, env, allowPublicRegistry);
    }

    /** The name of the variable that holds the token: flag, then {@code upm.json}, then UPM_REGISTRY_TOKEN. */
    public String tokenVariable(UpmConfig config) {
        return UpmConfig.pick(tokenEnv, config.tokenEnv(), "UPM_REGISTRY_TOKEN");
    }

    /** Whether the public npm registry is allowed: by the flag or by {@code upm.json}. */
    public boolean allowPublic(UpmConfig config) {
        return allowPublicRegistry || Boolean.TRUE.equals(config.allowPublicRegistry());
    }
}
