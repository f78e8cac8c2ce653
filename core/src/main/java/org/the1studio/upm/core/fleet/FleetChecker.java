package org.the1studio.upm.core.fleet;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.semver4j.Semver;
import org.the1studio.upm.core.version.VersionDecision;
import org.the1studio.upm.core.version.VersionPolicy;

/**
 * Compares the repositories with the registry, from a {@link PackageCache}, and classifies every package
 * ({@link PackageState}).
 *
 * <p>The rules, in order: a manifest that fails validation is {@link PackageState#INVALID_MANIFEST}; a repository
 * version missing from the registry is {@link PackageState#UNPUBLISHED}; a published version higher than the
 * repository's (among releases for a release, among all versions for a prerelease, since previews are often
 * published ahead of the branch) makes it {@link PackageState#BEHIND}; otherwise it is
 * {@link PackageState#UP_TO_DATE}. A name on the registry that no scanned repository has any more is
 * {@link PackageState#ORPHANED}, unless every version is deprecated (properly retired), or the repository it was last
 * seen in could not be read or is not active (then nobody can tell).
 */
public final class FleetChecker {
    private final Clock clock;

    public FleetChecker() {
        this(Clock.systemUTC());
    }

    FleetChecker(Clock clock) {
        this.clock = clock;
    }

    /**
     * Checks {@code cache}; {@code registry} (nullable) tells which repositories still exist and with which status,
     * for the orphan rule.
     */
    public FleetReport check(PackageCache cache, RepositoryRegistry registry) {
        Map<String, PublishedPackage> published = new HashMap<>();
        cache.published().forEach(p -> published.put(p.key(), p));
        List<PackageStatus> statuses = new ArrayList<>();
        List<FleetProblem> errors = new ArrayList<>();
        Set<String> inRepos = new HashSet<>();
        Map<String, String> firstRepoOfName = new LinkedHashMap<>();
        Set<String> reportedRegistryErrors = new HashSet<>();

        for (CachedRepository repo : cache.repositories()) {
            if (!repo.ok()) {
                errors.add(new FleetProblem(repo.url(), null, repo.error()));
                continue;
            }
            for (CachedPackage pkg : repo.packages()) {
                if (pkg.name() != null) {
                    String key = PublishedPackage.key(repo.registry(), pkg.name());
                    inRepos.add(key);
                    String other = firstRepoOfName.putIfAbsent(key, repo.url() + " (" + pkg.manifestPath() + ")");
                    if (other != null) {
                        errors.add(new FleetProblem(repo.url(), pkg.name(), pkg.name() + " is in " + other + " and in "
                                + repo.url() + " (" + pkg.manifestPath() + "): two repositories publish the same"
                                + " name; rename one"));
                    }
                }
                PublishedPackage pub = pkg.name() == null ? null
                        : published.get(PublishedPackage.key(repo.registry(), pkg.name()));
                if (pub != null && pub.error() != null) {
                    if (reportedRegistryErrors.add(pub.key())) {
                        errors.add(new FleetProblem(repo.url(), pkg.name(), pub.error()));
                    }
                    continue;
                }
                statuses.add(classify(repo, pkg, pub));
            }
        }
        statuses.addAll(orphans(cache, registry, inRepos));
        statuses.sort(Comparator.comparing((PackageStatus s) -> !s.state().isProblem())
                .thenComparing(s -> s.state().ordinal())
                .thenComparing(s -> Objects.requireNonNullElse(s.repository(), "~"))
                .thenComparing(s -> Objects.requireNonNullElse(s.name(), "")));
        int active = (int) cache.repositories().stream().filter(r -> r.status() == RepoStatus.ACTIVE).count();
        return new FleetReport(Instant.now(clock).toString(), cache.generated(), cache.registry(), active, statuses, errors);
    }

    private static PackageStatus classify(CachedRepository repo, CachedPackage pkg, PublishedPackage pub) {
        String name = pkg.name() != null ? pkg.name() : pkg.manifestPath();
        List<String> versions = pub == null ? List.of() : pub.versions();
        String highest = highest(versions, false);
        String latest = pub == null ? null : pub.distTags().get("latest");
        if (!pkg.valid()) {
            return status(repo, pkg, name, highest, latest, PackageState.INVALID_MANIFEST,
                    String.join("; ", pkg.issues()) + (pkg.issues().isEmpty() ? "name or version missing" : ""));
        }
        if (!versions.contains(pkg.version())) {
            String detail;
            if (versions.isEmpty()) {
                detail = pkg.version() + " is not on the registry" + (pub != null && pub.found() ? "" : " (the package"
                        + " has never been published)") + "; 'upm fleet republish' publishes it from the commit that set it";
            } else {
                VersionDecision d = VersionPolicy.decide(pkg.version(), null, versions);
                detail = pkg.version() + " is not on the registry (highest there: " + highest + ")"
                        + (d.verdict() == VersionDecision.Verdict.ROLLBACK
                                ? "; it would be refused as a rollback: " + d.reason()
                                : "; 'upm fleet republish' publishes it from the commit that set it");
            }
            return status(repo, pkg, name, highest, latest, PackageState.UNPUBLISHED, detail);
        }
        Semver mine = Semver.parse(pkg.version());
        boolean prerelease = mine != null && !mine.getPreRelease().isEmpty();
        String newer = highest(versions, !prerelease);
        if (mine != null && newer != null && Semver.parse(newer).isGreaterThan(mine)) {
            return status(repo, pkg, name, newer, latest, PackageState.BEHIND, "the registry has " + newer
                    + " but " + repo.branch() + " is at " + pkg.version() + ": a version was rolled back or a commit was"
                    + " lost; restore the newer manifest or bump above " + newer);
        }
        return status(repo, pkg, name, highest, latest, PackageState.UP_TO_DATE, pkg.version() + " is published");
    }

    private static PackageStatus status(CachedRepository repo, CachedPackage pkg, String name, String highest,
            String latest, PackageState state, String detail) {
        return new PackageStatus(repo.url(), pkg.path(), name, pkg.version(), repo.registry(), highest, latest, state,
                detail, repo.commit());
    }

    private static List<PackageStatus> orphans(PackageCache cache, RepositoryRegistry registry, Set<String> inRepos) {
        Map<String, KnownPackage> known = new HashMap<>();
        cache.known().forEach(k -> known.put(PublishedPackage.key(k.registry(), k.name()), k));
        Map<String, CachedRepository> scanned = new HashMap<>();
        cache.repositories().forEach(r -> scanned.put(RepoRef.parse(r.url()).key(), r));
        List<PackageStatus> out = new ArrayList<>();
        for (PublishedPackage p : cache.published()) {
            if (!p.found() || p.versions().isEmpty() || p.error() != null || inRepos.contains(p.key())) {
                continue;
            }
            if (p.deprecated().containsAll(p.versions())) {
                continue; // retired on purpose
            }
            KnownPackage k = known.get(p.key());
            String detail;
            String repoUrl = null;
            if (k != null) {
                repoUrl = k.repository();
                String repoKey = RepoRef.parse(k.repository()).key();
                CachedRepository r = scanned.get(repoKey);
                Optional<RepositoryEntry> entry = registry == null ? Optional.empty() : registry.find(k.repository());
                if (r != null && !r.ok()) {
                    continue; // its repository could not be read this time: not known to be gone
                }
                if (entry.isPresent() && entry.get().status() != RepoStatus.ACTIVE) {
                    continue; // its repository is pending or disabled: not checked
                }
                detail = "last seen in " + k.repository() + " at " + k.lastSeen() + (entry.isEmpty() && registry != null
                        ? " (that repository is no longer in repositories.json)" : "; it is no longer there")
                        + "; deprecate it on the registry if it is retired, or restore it";
            } else {
                detail = "on the registry but in no repository of the fleet; register its repository"
                        + " ('upm repos register URL') or deprecate it";
            }
            out.add(new PackageStatus(repoUrl, null, p.name(), null, p.registry(), highest(p.versions(), false),
                    p.distTags().get("latest"), PackageState.ORPHANED, detail, null));
        }
        return out;
    }

    /** Highest version by semver precedence ({@code releasesOnly}: ignore prereleases); invalid strings ignored. */
    static String highest(List<String> versions, boolean releasesOnly) {
        return versions.stream().map(Semver::parse).filter(Objects::nonNull)
                .filter(v -> !releasesOnly || v.getPreRelease().isEmpty())
                .max(Comparator.naturalOrder()).map(Semver::getVersion).orElse(null);
    }
}
