package org.the1studio.upm.core.audit;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.the1studio.upm.core.secret.Secret;

/**
 * The last guard before text leaves the engine: masks known secret values and anything shaped like a credential.
 *
 * <p>Known values come from the run's {@link Secret}s. Shapes catch what we were never told about: npm tokens,
 * Discord and Slack webhook URLs, bearer headers, credentials embedded in URLs, Google API keys.
 */
public final class Redactor {
    private static final String MASK = "****";
    private static final List<Pattern> SHAPES = List.of(
            Pattern.compile("https://(?:[a-z]+\\.)?discord(?:app)?\\.com/api/webhooks/[^\\s\"']+", Pattern.CASE_INSENSITIVE),
            Pattern.compile("https://hooks\\.slack\\.com/[^\\s\"']+", Pattern.CASE_INSENSITIVE),
            Pattern.compile("npm_[A-Za-z0-9]{20,}"),
            Pattern.compile("AIza[0-9A-Za-z_-]{30,}"),
            Pattern.compile("(?i)(bearer\\s+)[A-Za-z0-9._~+/=-]{8,}"),
            Pattern.compile("(?i)(_authToken=)[^\\s\"']+"),
            Pattern.compile("(?<=://)[^/\\s:@\"']+:[^/\\s@\"']+(?=@)"));

    private final List<Secret> secrets;

    public Redactor(Collection<Secret> secrets) {
        this.secrets = new ArrayList<>(secrets.stream().filter(Objects::nonNull).toList());
    }

    /** A redactor that only knows the credential shapes. */
    public static Redactor shapesOnly() {
        return new Redactor(List.of());
    }

    /** {@code text} with every known secret and credential-shaped substring masked; {@code null} stays {@code null}. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (Secret s : secrets) {
            out = s.redact(out);
        }
        for (Pattern p : SHAPES) {
            out = p.matcher(out).replaceAll(m -> m.groupCount() > 0 && m.group(1) != null
                    ? java.util.regex.Matcher.quoteReplacement(m.group(1) + MASK) : MASK);
        }
        return out;
    }
}
