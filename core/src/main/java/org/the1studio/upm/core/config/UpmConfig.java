package org.the1studio.upm.core.config;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.the1studio.upm.core.io.Json;

/**
 * The optional {@code upm.json} at a repository's root: defaults a team commits once instead of repeating flags.
 *
 * <p>It names environment variables, never secret values: a secret in a committed file is a leaked secret.
 * Every field is optional; command-line flags win over environment variables, which win over this file.
 *
 * @param registry            registry URL
 * @param allowPublicRegistry allow registry.npmjs.org
 * @param tokenEnv            variable holding the registry token
 * @param changelog           {@code ai}, {@code conventional} or {@code off}
 * @param geminiModel         Gemini model id
 * @param geminiKeyEnv        variable holding the Gemini API key
 * @param discordWebhookEnv   variable holding the Discord webhook URL
 * @param discordThreadId     Discord thread to post in
 * @param slackWebhookEnv     variable holding the Slack webhook URL
 * @param webhookEnv          variable holding a generic webhook URL
 * @param webhookSecretEnv    variable holding the generic webhook's HMAC secret
 * @param botName             author name of changelog commits
 * @param botEmail            author email of changelog commits
 * @param auditDir            audit folder, relative to the repository root
 */
@JsonIgnoreProperties(value = {"$schema"})
public record UpmConfig(
        String registry,
        Boolean allowPublicRegistry,
        String tokenEnv,
        String changelog,
        String geminiModel,
        String geminiKeyEnv,
        String discordWebhookEnv,
        String discordThreadId,
        String slackWebhookEnv,
        String webhookEnv,
        String webhookSecretEnv,
        String botName,
        String botEmail,
        String auditDir) {

    /** File name looked up at the repository root. */
    public static final String FILE_NAME = "upm.json";

    /** Made when a file is first read: most repositories have none, and a mapper costs start-up time. */
    private static final class Reader {
        static final ObjectReader CONFIG = Json.MAPPER.readerFor(UpmConfig.class)
                .with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    /** No file: every field {@code null}. */
    public static UpmConfig empty() {
        return new UpmConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Reads {@code upm.json} from {@code root}; a missing file is an empty configuration. */
    public static UpmConfig load(Path root) throws UpmException {
        Path file = root.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return empty();
        }
        try {
            UpmConfig config = Reader.CONFIG.readValue(Json.withoutBom(Files.readString(file, StandardCharsets.UTF_8)));
            return config == null ? empty() : config;
        } catch (UnrecognizedPropertyException e) {
            String known = e.getKnownPropertyIds().stream().map(Object::toString).sorted()
                    .collect(Collectors.joining(", "));
            throw new UpmException(FILE_NAME, e.getPropertyName(), "unknown setting", "known settings: " + known, e);
        } catch (MismatchedInputException e) {
            String field = e.getPath().stream().map(r -> r.getFieldName()).filter(f -> f != null)
                    .collect(Collectors.joining("."));
            throw new UpmException(FILE_NAME, field.isEmpty() ? null : field,
                    "wrong type: " + e.getOriginalMessage().split("\n")[0], null, e);
        } catch (JsonProcessingException e) {
            throw new UpmException(FILE_NAME, null, "malformed JSON" + Json.position(e) + ": " + e.getOriginalMessage(),
                    null, e);
        } catch (IOException e) {
            throw new UpmException(FILE_NAME, null, "cannot read: " + e.getMessage(), null, e);
        }
    }

    /**
     * The registry to use: {@code flag}, else {@code UPM_REGISTRY}, else this file. Refuses the public npm registry
     * unless allowed (by flag or file): private packages must not leak.
     */
    public URI resolveRegistry(String flag, Map<String, String> env, boolean allowPublicFlag) throws UpmException {
        String source;
        String value;
        if (flag != null && !flag.isBlank()) {
            source = "--registry";
            value = flag;
        } else if (env.get("UPM_REGISTRY") != null && !env.get("UPM_REGISTRY").isBlank()) {
            source = "UPM_REGISTRY";
            value = env.get("UPM_REGISTRY");
        } else if (registry != null && !registry.isBlank()) {
            source = FILE_NAME + " field 'registry'";
            value = registry;
        } else {
            throw new UpmException(null, null, "no registry configured",
                    "pass --registry URL, set UPM_REGISTRY, or add \"registry\" to " + FILE_NAME);
        }
        URI uri = parseRegistry(value.strip(), source);
        boolean allowPublic = allowPublicFlag || Boolean.TRUE.equals(allowPublicRegistry);
        if (isPublicNpm(uri) && !allowPublic) {
            throw new UpmException(null, null, "refusing to publish to the public npm registry " + uri
                    + " (from " + source + ")", "Unity packages of a studio are private; if you really mean it,"
                    + " pass --allow-public-registry or set \"allowPublicRegistry\": true in " + FILE_NAME);
        }
        return uri;
    }

    private static URI parseRegistry(String value, String source) throws UpmException {
        try {
            URI uri = new URI(value.endsWith("/") ? value : value + "/");
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new URISyntaxException(value, "must be an http(s) URL with a host");
            }
            if (uri.getUserInfo() != null) {
                throw new UpmException(null, null, "the registry URL from " + source + " contains credentials",
                        "remove them from the URL and pass the token in the variable named by --token-env");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new UpmException(null, null, "the registry URL from " + source + " is not valid: " + e.getReason(),
                    "e.g. https://npm.yourstudio.com/", e);
        }
    }

    /** True for the public npm registry's hosts. */
    public static boolean isPublicNpm(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(java.util.Locale.ROOT);
        return host.equals("registry.npmjs.org") || host.equals("registry.npmjs.com") || host.equals("npmjs.org")
                || host.equals("www.npmjs.com") || host.equals("registry.yarnpkg.com");
    }

    /** {@code flag} if given, else this file's value, else {@code fallback}. */
    public static String pick(String flag, String fromFile, String fallback) {
        if (flag != null && !flag.isBlank()) {
            return flag;
        }
        return fromFile != null && !fromFile.isBlank() ? fromFile : fallback;
    }
}
