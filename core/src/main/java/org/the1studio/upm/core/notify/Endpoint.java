package org.the1studio.upm.core.notify;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.the1studio.upm.core.audit.Redactor;
import org.the1studio.upm.core.secret.Secret;

/**
 * A webhook address, checked, with the only part of it that may ever be shown: its host.
 *
 * <p>A webhook URL is a bearer credential (Discord's path holds the token, Slack's path is the token), so the URL, its
 * path and its query are all treated as secrets: {@link #redactor()} masks each of them in any text that might echo
 * them (an exception message, an error body).
 */
final class Endpoint {
    /** URL parts shorter than this ({@code /hooks}, {@code main}) are not masked on their own: they are not credentials. */
    static final int MIN_SECRET_PART = 12;
    private final String label;
    private final Secret url;
    private final URI uri;
    private final String host;
    private final String problem;

    private Endpoint(String label, Secret url, URI uri, String host, String problem) {
        this.label = label;
        this.url = url;
        this.uri = uri;
        this.host = host;
        this.problem = problem;
    }

    /**
     * Parses {@code url}; never throws. An unusable address gives an endpoint whose {@link #problem()} says why, naming
     * the host at most.
     *
     * @param label what the address is for, e.g. {@code "Discord webhook URL"}
     */
    static Endpoint of(String label, Secret url) {
        Objects.requireNonNull(url, "url");
        URI uri;
        try {
            uri = new URI(url.reveal());
        } catch (URISyntaxException e) {
            return new Endpoint(label, url, null, "(invalid URL)", label + " is not a valid URL (check the variable that holds it)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost();
        if (!uri.isAbsolute() || host == null || host.isBlank()) {
            return new Endpoint(label, url, null, "(invalid URL)",
                    label + " is not an absolute http(s) URL with a host (check the variable that holds it)");
        }
        host = host.toLowerCase(Locale.ROOT);
        String problem = null;
        if (uri.getRawUserInfo() != null) {
            problem = label + " (host " + host + ") must not contain user credentials";
        } else if (scheme.equals("http")) {
            if (!isLoopback(host)) {
                problem = label + " (host " + host + ") must use https; plain http is only allowed for 127.0.0.1 and localhost";
            }
        } else if (!scheme.equals("https")) {
            problem = label + " (host " + host + ") must use https";
        }
        return new Endpoint(label, url, problem == null ? uri : null, host, problem);
    }

    private static boolean isLoopback(String host) {
        return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("[::1]") || host.equals("::1");
    }

    /** What the address is for. */
    String label() {
        return label;
    }

    /** The host, safe to print; {@code (invalid URL)} when there is none. */
    String host() {
        return host;
    }

    /** Why the address cannot be used, or {@code null} when it can. Never contains the URL. */
    String problem() {
        return problem;
    }

    /** The address; only call when {@link #problem()} is {@code null}, and never print it. */
    URI uri() {
        if (uri == null) {
            throw new IllegalStateException(problem);
        }
        return uri;
    }

    /** The address with {@code query} (already encoded) appended to any query it has. */
    URI withQuery(String query) {
        URI base = uri();
        String raw = base.toString();
        int hash = raw.indexOf('#');
        if (hash >= 0) {
            raw = raw.substring(0, hash);
        }
        String sep = base.getRawQuery() == null ? "?" : "&";
        return URI.create(raw + sep + query);
    }

    /** Masks the URL, its path, query and token segment, plus {@code more} secrets and every credential shape. */
    Redactor redactor(Secret... more) {
        List<Secret> secrets = new ArrayList<>();
        secrets.add(url);
        String raw = url.reveal();
        int schemeEnd = raw.indexOf("://");
        int pathStart = schemeEnd < 0 ? -1 : raw.indexOf('/', schemeEnd + 3);
        if (pathStart >= 0) {
            String pathAndQuery = raw.substring(pathStart);
            int q = pathAndQuery.indexOf('?');
            String path = q >= 0 ? pathAndQuery.substring(0, q) : pathAndQuery;
            String[] segments = path.split("/");
            addPart(secrets, pathAndQuery);
            addPart(secrets, path);
            addPart(secrets, q >= 0 ? pathAndQuery.substring(q + 1) : null);
            addPart(secrets, segments.length > 0 ? segments[segments.length - 1] : null);
        }
        for (Secret s : more) {
            secrets.add(s);
        }
        return new Redactor(secrets);
    }

    /** Parts of the URL are masked too, but only when long enough to be a credential rather than a common word. */
    private static void addPart(List<Secret> secrets, String part) {
        if (part != null && part.length() >= MIN_SECRET_PART) {
            secrets.add(Secret.of(part));
        }
    }
}
