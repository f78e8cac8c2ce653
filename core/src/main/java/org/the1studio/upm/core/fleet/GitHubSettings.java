package org.the1studio.upm.core.fleet;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.the1studio.upm.core.secret.Secret;

/**
 * How to reach the GitHub REST API.
 *
 * @param apiUrl          API base URL: {@code https://api.github.com}, {@code https://HOST/api/v3} for GitHub
 *                        Enterprise, or a local stand-in in tests
 * @param token           token with {@code repo} scope (or fine-grained contents + pull requests), or {@code null}
 *                        for anonymous access (public repositories only, 60 requests an hour)
 * @param connectTimeout  TCP connect timeout
 * @param requestTimeout  timeout of one request
 * @param maxRateLimitWait longest single wait for a rate limit to reset; a longer one fails with the reset time
 * @param httpCacheDir    folder where answers are kept with their {@code ETag}, so that the next run asks
 *                        conditionally and unchanged answers (304) cost no rate limit; {@code null}: memory only
 */
public record GitHubSettings(URI apiUrl, Secret token, Duration connectTimeout, Duration requestTimeout,
        Duration maxRateLimitWait, Path httpCacheDir) {
    /** The public GitHub API. */
    public static final URI PUBLIC_API = URI.create("https://api.github.com");

    public GitHubSettings {
        Objects.requireNonNull(apiUrl, "apiUrl");
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(30) : requestTimeout;
        maxRateLimitWait = maxRateLimitWait == null ? Duration.ofMinutes(15) : maxRateLimitWait;
    }

    /** Defaults: 10 s connect, 30 s per request, rate-limit waits up to 15 minutes, no disk cache. */
    public static GitHubSettings of(URI apiUrl, Secret token) {
        return new GitHubSettings(apiUrl == null ? PUBLIC_API : apiUrl, token, null, null, null, null);
    }

    public GitHubSettings withHttpCacheDir(Path dir) {
        return new GitHubSettings(apiUrl, token, connectTimeout, requestTimeout, maxRateLimitWait, dir);
    }

    public GitHubSettings withMaxRateLimitWait(Duration d) {
        return new GitHubSettings(apiUrl, token, connectTimeout, requestTimeout, d, httpCacheDir);
    }
}
