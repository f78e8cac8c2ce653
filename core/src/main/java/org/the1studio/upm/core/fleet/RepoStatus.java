package org.the1studio.upm.core.fleet;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where a repository stands in the fleet: {@code active} repositories are checked and re-published, {@code pending}
 * ones wait for their registration pull request to be merged, {@code disabled} ones are kept on file but ignored.
 */
public enum RepoStatus {
    ACTIVE,
    PENDING,
    DISABLED;

    /** The spelling used in {@code repositories.json}. */
    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses the JSON spelling (case-insensitive); throws with the allowed values on anything else. */
    @JsonCreator
    public static RepoStatus parse(String value) {
        for (RepoStatus s : values()) {
            if (s.json().equalsIgnoreCase(value == null ? "" : value.strip())) {
                return s;
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not a status; use one of " + allowed());
    }

    /** {@code active, pending, disabled}. */
    public static String allowed() {
        return Arrays.stream(values()).map(RepoStatus::json).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return json();
    }
}
