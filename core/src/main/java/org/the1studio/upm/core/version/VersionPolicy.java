package org.the1studio.upm.core.version;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.semver4j.Semver;

/**
 * Which versions may be published, and under which dist-tag.
 *
 * <p>A release line is a major version: a studio may ship 1.4.1 as a hotfix after 2.0.0, but never 1.4.0 after 1.4.1.
 * Ordering is Semantic Versioning precedence, so 1.3.0-beta.1 &gt; 1.2.0 and 1.2.0 &gt; 1.2.0-rc.1. The dist-tag keeps
 * {@code latest} pointing at the newest release: a release of the newest line gets {@code latest}, a release of an
 * older line gets {@code latest-<major>} (npm would otherwise move {@code latest} backwards), and a prerelease gets its
 * first identifier ({@code beta}, {@code rc}; {@code next} when that is numeric).
 */
public final class VersionPolicy {

    private VersionPolicy() {}

    /**
     * Decides for {@code candidate} given the versions already on the registry.
     *
     * @param candidate  the version in the manifest (valid semver)
     * @param previous   the version before the push in the repository, or {@code null} for a new package
     * @param published  every version on the registry (invalid strings are ignored)
     */
    public static VersionDecision decide(String candidate, String previous, Collection<String> published) {
        Semver next = Semver.parse(candidate);
        Objects.requireNonNull(next, () -> "not a semver version: " + candidate);
        BumpKind bump = bump(previous, candidate);
        List<Semver> all = published.stream().map(Semver::parse).filter(Objects::nonNull).toList();
        if (all.stream().anyMatch(v -> v.getVersion().equals(next.getVersion()))) {
            return new VersionDecision(VersionDecision.Verdict.EXISTS, null, bump, candidate,
                    candidate + " is already on the registry");
        }
        Semver highestInLine = all.stream().filter(v -> v.getMajor() == next.getMajor())
                .max(Comparator.naturalOrder()).orElse(null);
        if (highestInLine != null && next.isLowerThan(highestInLine)) {
            return new VersionDecision(VersionDecision.Verdict.ROLLBACK, null, bump, highestInLine.getVersion(),
                    candidate + " is lower than " + highestInLine.getVersion() + ", already published in the "
                            + next.getMajor() + ".x line; bump the version above it");
        }
        return new VersionDecision(VersionDecision.Verdict.NEW, distTag(next, all), bump,
                highestInLine == null ? null : highestInLine.getVersion(),
                highestInLine == null ? "new release line " + next.getMajor() + ".x"
                        : candidate + " > " + highestInLine.getVersion());
    }

    /** The dist-tag for a new version given what is published. */
    static String distTag(Semver next, List<Semver> published) {
        if (!next.getPreRelease().isEmpty()) {
            String id = next.getPreRelease().get(0);
            return id.chars().allMatch(Character::isDigit) ? "next" : id.toLowerCase(java.util.Locale.ROOT);
        }
        Semver highestRelease = published.stream().filter(v -> v.getPreRelease().isEmpty())
                .max(Comparator.naturalOrder()).orElse(null);
        if (highestRelease == null || next.isGreaterThan(highestRelease)) {
            return "latest";
        }
        return "latest-" + next.getMajor();
    }

    /** The kind of change from {@code previous} to {@code next} ({@link BumpKind#NEW} when there was none). */
    public static BumpKind bump(String previous, String next) {
        Semver to = Semver.parse(next);
        Semver from = previous == null ? null : Semver.parse(previous);
        if (from == null || to == null) {
            return previous == null ? BumpKind.NEW : BumpKind.NONE;
        }
        if (!to.isGreaterThan(from)) {
            return BumpKind.NONE;
        }
        if (!to.getPreRelease().isEmpty()) {
            return BumpKind.PRERELEASE;
        }
        if (to.getMajor() != from.getMajor()) {
            return BumpKind.MAJOR;
        }
        if (to.getMinor() != from.getMinor()) {
            return BumpKind.MINOR;
        }
        if (to.getPatch() != from.getPatch()) {
            return BumpKind.PATCH;
        }
        return BumpKind.PRERELEASE; // 1.2.0-rc.1 -> 1.2.0: only the prerelease part changed
    }
}
