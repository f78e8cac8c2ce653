package org.the1studio.upm.core.fleet;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A GitHub repository named by its https URL, e.g. {@code https://github.com/acme/tools}.
 *
 * <p>GitHub treats owner and repository names case-insensitively and accepts a trailing {@code .git}, so two URLs
 * that differ only there name the same repository: {@link #key()} is the form used to find duplicates.
 *
 * @param host  the web host ({@code github.com}, or a GitHub Enterprise host)
 * @param owner user or organisation
 * @param name  repository name, without {@code .git}
 */
public record RepoRef(String host, String owner, String name) {
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_.-]+");

    /**
     * Parses {@code https://host/owner/name[.git][/]}.
     *
     * @throws IllegalArgumentException saying what is wrong and what a good URL looks like
     */
    public static RepoRef parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("is empty; write the repository's https URL, e.g. https://github.com/acme/tools");
        }
        String u = url.strip();
        if (u.startsWith("git@") || u.startsWith("ssh://")) {
            throw new IllegalArgumentException("'" + u + "' is an ssh URL; write the https form, e.g. https://github.com/"
                    + guessPath(u));
        }
        URI uri;
        try {
            uri = new URI(u);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + u + "' is not a URL: " + e.getReason());
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("'" + u + "' must start with https://");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("'" + u + "' has no host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new IllegalArgumentException("'" + uri.getHost() + "/...' must not contain credentials;"
                    + " the GitHub token is passed in an environment variable");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getPort() != -1) {
            throw new IllegalArgumentException("'" + u + "' must be the plain repository URL https://host/owner/name");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String[] parts = path.startsWith("/") ? path.substring(1).split("/", -1) : new String[0];
        if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new IllegalArgumentException("'" + u + "' must name exactly an owner and a repository,"
                    + " e.g. https://github.com/acme/tools");
        }
        String owner = parts[0];
        String name = parts[1].toLowerCase(Locale.ROOT).endsWith(".git")
                ? parts[1].substring(0, parts[1].length() - 4) : parts[1];
        if (!SEGMENT.matcher(owner).matches() || !SEGMENT.matcher(name).matches() || name.isEmpty()) {
            throw new IllegalArgumentException("'" + u + "' has characters GitHub does not allow in owner or repository names");
        }
        return new RepoRef(uri.getHost().toLowerCase(Locale.ROOT), owner, name);
    }

    private static String guessPath(String ssh) {
        String s = ssh.replaceFirst("^ssh://", "").replaceFirst("^git@[^:/]+[:/]", "");
        return s.endsWith(".git") ? s.substring(0, s.length() - 4) : s;
    }

    /** {@code owner/name} as GitHub's API spells it. */
    public String fullName() {
        return owner + "/" + name;
    }

    /** Case-insensitive identity: {@code host/owner/name} in lowercase. */
    public String key() {
        return (host + "/" + owner + "/" + name).toLowerCase(Locale.ROOT);
    }

    /** The canonical web URL, without {@code .git}. */
    public String url() {
        return "https://" + host + "/" + owner + "/" + name;
    }

    @Override
    public String toString() {
        return url();
    }
}
