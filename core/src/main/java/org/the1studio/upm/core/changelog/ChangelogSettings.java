package org.the1studio.upm.core.changelog;

import java.time.Duration;
import org.the1studio.upm.core.secret.Secret;

/**
 * How changelog entries are written for one run.
 *
 * <p>Why a record of its own: the CLI, the Jenkins plugin and the publish engine each build it from their own
 * configuration sources, and the AI writer needs nothing else (the key stays a {@link Secret} until the header is set).
 *
 * @param mode           AI, conventional or off ({@code null}: conventional)
 * @param geminiKey      Gemini API key, or {@code null} (then mode AI falls back to the conventional writer)
 * @param geminiModel    Gemini model id ({@code null} or blank: {@link #DEFAULT_MODEL})
 * @param geminiEndpoint Gemini API base URL ({@code null} or blank: {@link #DEFAULT_ENDPOINT}); a test stand-in or a proxy
 * @param timeout        per-request timeout of the Gemini call ({@code null} or not positive: 30 s)
 * @param maxAttempts    attempts of the Gemini call on 429/5xx/network errors (at least 1; {@code 0}: 3)
 * @param repositoryUrl  {@code https://github.com/o/r} (a trailing {@code .git} or {@code /} is dropped) for compare
 *                       links, or {@code null}: no links
 */
public record ChangelogSettings(ChangelogMode mode, Secret geminiKey, String geminiModel, String geminiEndpoint,
        Duration timeout, int maxAttempts, String repositoryUrl) {

    /** The Gemini model used when none is configured. */
    public static final String DEFAULT_MODEL = "gemini-2.5-flash";
    /** Google's Gemini API base URL. */
    public static final String DEFAULT_ENDPOINT = "https://generativelanguage.googleapis.com";

    public ChangelogSettings {
        mode = mode == null ? ChangelogMode.CONVENTIONAL : mode;
        geminiModel = geminiModel == null || geminiModel.isBlank() ? DEFAULT_MODEL : geminiModel.strip();
        geminiEndpoint = geminiEndpoint == null || geminiEndpoint.isBlank() ? DEFAULT_ENDPOINT
                : stripTrailingSlash(geminiEndpoint.strip());
        timeout = timeout == null || timeout.isZero() || timeout.isNegative() ? Duration.ofSeconds(30) : timeout;
        maxAttempts = maxAttempts <= 0 ? 3 : maxAttempts;
        repositoryUrl = normalizeRepositoryUrl(repositoryUrl);
    }

    /** Conventional entries, no AI, no links: what a preview without configuration uses. */
    public static ChangelogSettings conventional() {
        return new ChangelogSettings(ChangelogMode.CONVENTIONAL, null, null, null, null, 0, null);
    }

    private static String stripTrailingSlash(String s) {
        String out = s;
        while (out.endsWith("/")) {
            out = out.substring(0, out.length() - 1);
        }
        return out;
    }

    /** {@code https://host/o/r} without {@code .git}, trailing slash or credentials; anything else gives {@code null}. */
    static String normalizeRepositoryUrl(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        String u = stripTrailingSlash(url.strip());
        if (u.endsWith(".git")) {
            u = stripTrailingSlash(u.substring(0, u.length() - 4));
        }
        if (!u.startsWith("https://")) {
            return null;
        }
        int at = u.indexOf('@');
        int slash = u.indexOf('/', "https://".length());
        if (at >= 0 && (slash < 0 || at < slash)) {
            u = "https://" + u.substring(at + 1);
        }
        return u.matches("https://[^/\\s]+/[^\\s]+") ? u : null;
    }
}
