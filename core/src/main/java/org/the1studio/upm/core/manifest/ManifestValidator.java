package org.the1studio.upm.core.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.semver4j.Semver;

/**
 * The rules a Unity package manifest must follow before it may be published.
 *
 * <p>Names follow both npm (at most 214 characters, URL-safe, lowercase, no leading dot or underscore) and Unity
 * (reverse-domain notation, at least three segments, no scope). Versions are strict Semantic Versioning 2.0.0:
 * Unity resolves exact versions, so ranges and a leading {@code v} are refused. {@code unity} is {@code YYYY.N} and
 * {@code unityRelease} is like {@code 0f1}.
 */
public final class ManifestValidator {
    private static final int MAX_NAME = 214;
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*(\\.[a-z0-9_-]+){2,}");
    private static final Pattern UNITY = Pattern.compile("\\d{4}\\.\\d+");
    private static final Pattern UNITY_RELEASE = Pattern.compile("\\d+[abfpx]\\d+");

    private ManifestValidator() {}

    /** Every issue of the manifest; empty when it may be published. {@code file} names it in messages. */
    public static List<ManifestIssue> validate(PackageManifest m, String file) {
        List<ManifestIssue> issues = new ArrayList<>();
        checkName(m.name(), file, "name", issues);
        checkVersion(m.version(), file, "version", issues);
        if (m.unity() == null) {
            issues.add(new ManifestIssue(file, "unity", "is missing",
                    "a Unity package names its minimum editor version, e.g. \"unity\": \"2021.3\""));
        } else if (!UNITY.matcher(m.unity()).matches()) {
            issues.add(new ManifestIssue(file, "unity", "'" + m.unity() + "' is not a Unity version of the form YYYY.N",
                    "e.g. \"2022.3\"; put the patch part in \"unityRelease\""));
        }
        if (m.unityRelease() != null && !UNITY_RELEASE.matcher(m.unityRelease()).matches()) {
            issues.add(new ManifestIssue(file, "unityRelease", "'" + m.unityRelease() + "' is not a Unity release",
                    "e.g. \"0f1\" or \"12f1\""));
        }
        for (Map.Entry<String, String> dep : m.dependencies().entrySet()) {
            String field = "dependencies." + dep.getKey();
            if (!isValidNpmName(dep.getKey())) {
                issues.add(new ManifestIssue(file, field, "'" + dep.getKey() + "' is not a valid package name", null));
            }
            if (!isSemver(dep.getValue()) && !dep.getValue().startsWith("file:") && !dep.getValue().startsWith("git")
                    && !dep.getValue().startsWith("https:")) {
                issues.add(new ManifestIssue(file, field, "'" + dep.getValue() + "' is not an exact version",
                        "Unity dependencies name exact versions such as \"1.2.3\", not ranges"));
            }
        }
        return issues;
    }

    /** True when {@code version} is a strict Semantic Versioning 2.0.0 version. */
    public static boolean isSemver(String version) {
        return version != null && !version.startsWith("v") && Semver.isValid(version);
    }

    private static void checkName(String name, String file, String field, List<ManifestIssue> issues) {
        if (name == null || name.isEmpty()) {
            issues.add(new ManifestIssue(file, field, "is missing", "e.g. \"name\": \"com.yourcompany.feature\""));
            return;
        }
        if (name.length() > MAX_NAME) {
            issues.add(new ManifestIssue(file, field, "is " + name.length() + " characters long; npm allows " + MAX_NAME,
                    null));
        }
        if (name.startsWith("@")) {
            issues.add(new ManifestIssue(file, field, "'" + name + "' is scoped; Unity packages are not",
                    "use reverse-domain notation such as com.yourcompany.feature"));
            return;
        }
        if (!name.equals(name.toLowerCase(java.util.Locale.ROOT))) {
            issues.add(new ManifestIssue(file, field, "'" + name + "' has uppercase letters",
                    "npm and Unity need lowercase: \"" + name.toLowerCase(java.util.Locale.ROOT) + "\""));
            return;
        }
        if (!NAME.matcher(name).matches()) {
            issues.add(new ManifestIssue(file, field, "'" + name + "' is not in reverse-domain notation",
                    "use lowercase letters, digits, '-', '_' in at least three dot-separated parts, e.g. com.yourcompany.feature"));
        }
    }

    private static void checkVersion(String version, String file, String field, List<ManifestIssue> issues) {
        if (version == null || version.isEmpty()) {
            issues.add(new ManifestIssue(file, field, "is missing", "e.g. \"version\": \"1.0.0\""));
        } else if (!isSemver(version)) {
            String hint = version.startsWith("v") ? "drop the leading 'v': \"" + version.substring(1) + "\""
                    : "use MAJOR.MINOR.PATCH with an optional -prerelease, e.g. \"1.2.0\" or \"1.3.0-beta.1\"";
            issues.add(new ManifestIssue(file, field, "'" + version + "' is not a Semantic Versioning 2.0.0 version", hint));
        }
    }

    private static boolean isValidNpmName(String name) {
        return name.length() <= MAX_NAME && name.equals(name.toLowerCase(java.util.Locale.ROOT))
                && name.matches("(@[a-z0-9~][a-z0-9._~-]*/)?[a-z0-9~][a-z0-9._~-]*");
    }
}
