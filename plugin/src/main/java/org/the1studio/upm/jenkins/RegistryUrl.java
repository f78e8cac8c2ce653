package org.the1studio.upm.jenkins;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import org.the1studio.upm.core.config.UpmConfig;

/**
 * Checks a registry URL typed into Jenkins (global configuration or a step argument) and says what is wrong in the
 * words of the Jenkins user; the public-registry rule itself is core's ({@link UpmConfig#isPublicNpm}).
 */
final class RegistryUrl {
    private RegistryUrl() {}

    /**
     * The URL with a trailing slash.
     *
     * @throws IllegalArgumentException with a message naming the problem and the fix
     */
    static String parse(String value, boolean allowPublicRegistry) {
        String v = value == null ? "" : value.strip();
        URI uri;
        try {
            uri = new URI(v.endsWith("/") ? v : v + "/");
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + v + "' is not a URL: " + e.getReason()
                    + " (e.g. https://npm.yourstudio.com/)");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new IllegalArgumentException("the registry must be an http(s) URL with a host, e.g. https://npm.yourstudio.com/");
        }
        if (uri.getUserInfo() != null) {
            throw new IllegalArgumentException("the registry URL must not contain credentials: put the token in a"
                    + " Secret text credential and select it as the registry token");
        }
        if (UpmConfig.isPublicNpm(uri) && !allowPublicRegistry) {
            throw new IllegalArgumentException("refusing the public npm registry " + uri + ": Unity packages of a studio"
                    + " are private; tick 'Allow the public npm registry' in the UPM Publisher configuration if you mean it");
        }
        return uri.toString();
    }
}
