package org.the1studio.upm.cli.fleet;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.the1studio.upm.cli.RegistryOptions;
import org.the1studio.upm.core.config.UpmConfig;
import org.the1studio.upm.core.config.UpmException;
import org.the1studio.upm.core.fleet.FleetListener;
import org.the1studio.upm.core.fleet.GitHubApi;
import org.the1studio.upm.core.fleet.GitHubSettings;
import org.the1studio.upm.core.fleet.GitHubSource;
import org.the1studio.upm.core.fleet.LocalCloneSource;
import org.the1studio.upm.core.fleet.LocalClones;
import org.the1studio.upm.core.fleet.PackageCache;
import org.the1studio.upm.core.fleet.PackageCacheBuilder;
import org.the1studio.upm.core.fleet.RegistryPackuments;
import org.the1studio.upm.core.fleet.RepositoryRegistry;
import org.the1studio.upm.core.fleet.RepositorySource;
import org.the1studio.upm.core.secret.Secret;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Flags shared by the fleet commands: where {@code repositories.json} and {@code package-cache.json} are, how to reach
 * GitHub and the registry. Secrets come from environment variables named by flags, never from flags themselves.
 */
final class FleetOptions {
    @Option(names = {"-f", "--file"}, description = "Repository registry (default: repositories.json).")
    Path file = Path.of(RepositoryRegistry.FILE_NAME);

    @Option(names = "--cache", description = "Package cache file (default: package-cache.json next to the registry file).")
    Path cache;

    @Mixin
    RegistryOptions registryOptions = new RegistryOptions();

    @Option(names = "--github-api", description = "GitHub API URL (else UPM_GITHUB_API, else https://api.github.com).")
    String githubApi;

    @Option(names = "--github-token-env",
            description = "Variable holding the GitHub token (default: UPM_GITHUB_TOKEN, else GITHUB_TOKEN).")
    String githubTokenEnv;

    @Option(names = "--clones", description = "Read repositories from clones in DIR/<owner>/<name> instead of the GitHub API"
            + " (missing ones are cloned).")
    Path clones;

    @Option(names = "--fetch", description = "With --clones: fetch each clone first.")
    boolean fetch;

    @Option(names = "--parallel", description = "Repositories and registry lookups at once (default: 8).")
    int parallel = PackageCacheBuilder.DEFAULT_PARALLELISM;

    @Option(names = "--http-cache", description = "Folder for conditional GitHub requests (default: .upm-github-cache"
            + " next to the cache file; 'none' to disable).")
    String httpCache;

    @Option(names = "--no-registry-search", description = "Do not list the registry's packages (orphans are then only"
            + " found among names the cache has seen).")
    boolean noRegistrySearch;

    @Option(names = "--max-rate-limit-wait", description = "Longest wait for a GitHub rate limit, in seconds (default: 900).")
    long maxRateLimitWait = 900;

    Path file() {
        return file.toAbsolutePath().normalize();
    }

    Path cacheFile() {
        return cache != null ? cache.toAbsolutePath().normalize() : file().getParent().resolve(PackageCache.FILE_NAME);
    }

    URI registry(Map<String, String> env) throws UpmException {
        return registryOptions.url(UpmConfig.load(file().getParent()), env);
    }

    /** Whether the public npm registry is allowed, by flag or by the {@code upm.json} beside the registry file. */
    boolean allowPublicRegistry() throws UpmException {
        return registryOptions.allowPublic(UpmConfig.load(file().getParent()));
    }

    Secret registryToken(Map<String, String> env) throws UpmException {
        return Secret.ofNullable(env.get(registryOptions.tokenVariable(UpmConfig.load(file().getParent()))));
    }

    Secret githubToken(Map<String, String> env) {
        if (githubTokenEnv != null && !githubTokenEnv.isBlank()) {
            return Secret.ofNullable(env.get(githubTokenEnv));
        }
        Secret s = Secret.ofNullable(env.get("UPM_GITHUB_TOKEN"));
        return s != null ? s : Secret.ofNullable(env.get("GITHUB_TOKEN"));
    }

    GitHubApi github(Map<String, String> env) throws UpmException {
        String url = githubApi != null && !githubApi.isBlank() ? githubApi : env.get("UPM_GITHUB_API");
        URI api;
        try {
            api = url == null || url.isBlank() ? GitHubSettings.PUBLIC_API : URI.create(url.strip());
            if (api.getScheme() == null || api.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
        } catch (IllegalArgumentException e) {
            throw new UpmException(null, "--github-api", "'" + url + "' is not a URL", "e.g. https://api.github.com");
        }
        GitHubSettings s = GitHubSettings.of(api, githubToken(env)).withMaxRateLimitWait(Duration.ofSeconds(maxRateLimitWait));
        if (httpCache == null) {
            s = s.withHttpCacheDir(cacheFile().getParent().resolve(".upm-github-cache"));
        } else if (!"none".equals(httpCache)) {
            s = s.withHttpCacheDir(Path.of(httpCache).toAbsolutePath());
        }
        return new GitHubApi(s);
    }

    LocalClones localClones(Map<String, String> env) {
        return new LocalClones(clones, githubToken(env), fetch);
    }

    /** The GitHub client of the last {@link #source} call (for its request statistics), or null. */
    GitHubApi lastGithub;

    RepositorySource source(Map<String, String> env) throws UpmException {
        if (clones != null) {
            return new LocalCloneSource(localClones(env));
        }
        lastGithub = github(env);
        return new GitHubSource(lastGithub);
    }

    /** Refreshes the package cache and saves it; returns it. */
    PackageCache buildCache(Map<String, String> env, RepositoryRegistry fleet, FleetListener listener)
            throws UpmException, java.io.IOException {
        if (parallel < 1 || parallel > 64) {
            throw new UpmException(null, "--parallel", parallel + " is out of range", "use 1 to 64");
        }
        URI reg = registry(env);
        PackageCache previous = PackageCache.loadIfPresent(cacheFile()).orElse(null);
        PackageCache cache;
        try (RegistryPackuments packuments = new RegistryPackuments(registryToken(env))) {
            cache = new PackageCacheBuilder(source(env), packuments, reg, parallel, !noRegistrySearch, listener)
                    .build(fleet, previous);
        }
        cache.save(cacheFile());
        if (lastGithub != null) {
            var st = lastGithub.stats();
            listener.info("GitHub: " + st.requests() + " requests, " + st.notModified() + " unchanged (304, free)"
                    + (st.rateLimitWaits() + st.secondaryWaits() > 0 ? ", " + (st.rateLimitWaits() + st.secondaryWaits())
                            + " rate-limit waits" : "") + (st.remaining() >= 0 ? ", " + st.remaining() + " left this hour" : ""));
        }
        listener.info("package cache written to " + cacheFile());
        return cache;
    }
}
