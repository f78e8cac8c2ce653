package org.the1studio.upm.core.secret;

import java.io.Serializable;
import java.util.Objects;

/**
 * A credential (registry token, webhook URL, API key) that never prints its value.
 *
 * <p>Every output path of the engine (logs, audit records, notifications, exceptions) only ever sees
 * {@link #toString()}, which is a fixed mask. The plain value is obtained with {@link #reveal()} at the
 * last moment, right where it goes on the wire. {@link #redact(String)} scrubs a text that might contain
 * the value (for example an error body echoed by a server).
 */
public final class Secret implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final String MASK = "****";

    private final String value;

    private Secret(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** Wraps a value; {@code null} or blank gives {@code null} so that "unset" stays distinguishable. */
    public static Secret ofNullable(String value) {
        return value == null || value.isBlank() ? null : new Secret(value.strip());
    }

    /** Wraps a value that must be present. */
    public static Secret of(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("secret value is empty");
        }
        return new Secret(value.strip());
    }

    /** The plain value, for the single place that puts it on the wire. */
    public String reveal() {
        return value;
    }

    /** Replaces every occurrence of this secret in {@code text} with the mask. */
    public String redact(String text) {
        if (text == null || value.length() < 4) {
            return text;
        }
        return text.replace(value, MASK);
    }

    @Override
    public String toString() {
        return MASK;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
