package org.the1studio.upm.core.registry;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.the1studio.upm.core.secret.Secret;

/**
 * Everything a {@link RegistryClient} needs: where, with which credential, and how patiently.
 *
 * <p>Use {@link #of(String, Secret)} for the defaults and the {@code with...} methods to change single values.
 *
 * @param registry                registry base URL, normalised to end with {@code /}
 * @param token                   bearer token, {@code null} for anonymous reads (dry runs)
 * @param connectTimeout          TCP/TLS connect timeout
 * @param requestTimeout          time to the response headers of one request; a publish gets this plus the upload
 *                                time at {@code minUploadBytesPerSecond}
 * @param retry                   retry policy for every call
 * @param verifyTimeout           how long {@link RegistryClient#verify} waits for a published version to appear
 * @param verifyInterval          pause between two verify polls
 * @param minUploadBytesPerSecond slowest upload rate tolerated before a publish times out
 * @param maxRequestBytes         largest publish document sent; a bigger one is refused before any byte goes out
 *                                ({@code <= 0} = no limit). Default {@link #NODE_MAX_REQUEST_BYTES}: Verdaccio and the
 *                                npm CLI hold the document in one JavaScript string, and Verdaccio 6 crashes (uncaught
 *                                RangeError) on a larger one, so the default protects the registry; raise it for
 *                                registries that are not Node.js based
 * @param tokenSource             where the token comes from, named in auth hints (e.g. an environment variable)
 * @param userAgent               the {@code User-Agent} header ({@code upm/<version>})
 * @param sleeper                 waits between attempts and polls (tests inject a recorder)
 * @param clock                   "now" for {@code Retry-After} dates
 */
public record RegistrySettings(URI registry, Secret token, Duration connectTimeout, Duration requestTimeout,
        RetryPolicy retry, Duration verifyTimeout, Duration verifyInterval, long minUploadBytesPerSecond,
        long maxRequestBytes, String tokenSource, String userAgent, Sleeper sleeper, Clock clock) {

    /** Named in auth hints when nothing more specific is known. */
    public static final String DEFAULT_TOKEN_SOURCE = "UPM_REGISTRY_TOKEN";

    /**
     * The longest string Node.js (V8) can build, 2^29 - 24 characters: the largest publish document Verdaccio or the
     * npm CLI can handle, i.e. a tarball of about 383 MiB once base64-encoded.
     */
    public static final long NODE_MAX_REQUEST_BYTES = (1L << 29) - 24;

    public RegistrySettings {
        registry = normalise(Objects.requireNonNull(registry, "registry"));
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(verifyTimeout, "verifyTimeout");
        Objects.requireNonNull(verifyInterval, "verifyInterval");
        retry = retry == null ? RetryPolicy.defaults() : retry;
        if (minUploadBytesPerSecond <= 0) {
            throw new IllegalArgumentException("minUploadBytesPerSecond must be positive");
        }
        tokenSource = tokenSource == null || tokenSource.isBlank() ? DEFAULT_TOKEN_SOURCE : tokenSource;
        userAgent = userAgent == null || userAgent.isBlank() ? defaultUserAgent() : userAgent;
        sleeper = sleeper == null ? Sleeper.SYSTEM : sleeper;
        clock = clock == null ? Clock.systemUTC() : clock;
    }

    /** Defaults: connect 10 s, request 60 s, {@link RetryPolicy#defaults()}, verify for 60 s every 500 ms. */
    public static RegistrySettings of(URI registry, Secret token) {
        return new RegistrySettings(registry, token, Duration.ofSeconds(10), Duration.ofSeconds(60),
                RetryPolicy.defaults(), Duration.ofSeconds(60), Duration.ofMillis(500), 256 * 1024,
                NODE_MAX_REQUEST_BYTES, DEFAULT_TOKEN_SOURCE, null, Sleeper.SYSTEM, Clock.systemUTC());
    }

    /** {@link #of(URI, Secret)} from a URL string. */
    public static RegistrySettings of(String registryUrl, Secret token) {
        Objects.requireNonNull(registryUrl, "registryUrl");
        try {
            return of(new URI(registryUrl.strip()), token);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("registry URL is not a URL: " + e.getMessage(), e);
        }
    }

    public RegistrySettings withToken(Secret t) {
        return new RegistrySettings(registry, t, connectTimeout, requestTimeout, retry, verifyTimeout, verifyInterval,
                minUploadBytesPerSecond, maxRequestBytes, tokenSource, userAgent, sleeper, clock);
    }

    public RegistrySettings withRetry(RetryPolicy r) {
        return new RegistrySettings(registry, token, connectTimeout, requestTimeout, r, verifyTimeout, verifyInterval,
                minUploadBytesPerSecond, maxRequestBytes, tokenSource, userAgent, sleeper, clock);
    }

    public RegistrySettings withTimeouts(Duration connect, Duration request) {
        return new RegistrySettings(registry, token, connect, request, retry, verifyTimeout, verifyInterval,
                minUploadBytesPerSecond, maxRequestBytes, tokenSource, userAgent, sleeper, clock);
    }

    public RegistrySettings withVerify(Duration timeout, Duration interval) {
        return new RegistrySettings(registry, token, connectTimeout, requestTimeout, retry, timeout, interval,
                minUploadBytesPerSecond, maxRequestBytes, tokenSource, userAgent, sleeper, clock);
    }

    public RegistrySettings withMinUploadBytesPerSecond(long rate) {
        return new RegistrySettings(registry, token, connectTimeout, requestTimeout, retry, verifyTimeout,
                verifyInterval, rate, maxRequestBytes, tokenSource, userAgent, sleeper, clock);
    }

    public RegistrySettings withMaxRequestBytes(long max) {
        return new RegistrySettings(registry, token, connectTimeout, requestTimeout, retry, verifyTimeout,
                verifyInterval, minUploadBytesPerSecond, max, tokenSource, userAgent, sleeper, clock);
    }

    public RegistrySettings withTokenSource(String source) {
        return new RegistrySettings(registry, token, connectTimeout, requestTimeout, retry, verifyTimeout,
                verifyInterval, minUploadBytesPerSecond, maxRequestBytes, source, userAgent, sleeper, clock);
    }

    public RegistrySettings withUserAgent(String agent) {
        return new RegistrySettings(registry, token, connectTimeout, requestTimeout, retry, verifyTimeout,
                verifyInterval, minUploadBytesPerSecond, maxRequestBytes, tokenSource, agent, sleeper, clock);
    }

    public RegistrySettings withSleeper(Sleeper s) {
        return new RegistrySettings(registry, token, connectTimeout, requestTimeout, retry, verifyTimeout,
                verifyInterval, minUploadBytesPerSecond, maxRequestBytes, tokenSource, userAgent, s, clock);
    }

    public RegistrySettings withClock(Clock c) {
        return new RegistrySettings(registry, token, connectTimeout, requestTimeout, retry, verifyTimeout,
                verifyInterval, minUploadBytesPerSecond, maxRequestBytes, tokenSource, userAgent, sleeper, c);
    }

    /** {@code upm/<version>} from the jar manifest ({@code upm/dev} when run from classes). */
    public static String defaultUserAgent() {
        String v = RegistrySettings.class.getPackage().getImplementationVersion();
        return "upm/" + (v == null || v.isBlank() ? "dev" : v);
    }

    private static URI normalise(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("registry URL must be an http(s) URL with a host: " + safe(uri));
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("registry URL must not contain credentials (use the token): "
                    + safe(uri));
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("registry URL must not have a query or fragment: " + safe(uri));
        }
        String s = uri.toString();
        return s.endsWith("/") ? uri : URI.create(s + "/");
    }

    private static String safe(URI uri) {
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (URISyntaxException e) {
            return "(unparseable URL)";
        }
    }
}
