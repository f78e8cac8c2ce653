package org.the1studio.upm.core.publish;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.the1studio.upm.core.detect.Detection;
import org.the1studio.upm.core.detect.ManifestProblem;
import org.the1studio.upm.core.detect.PackageChange;
import org.the1studio.upm.core.manifest.ManifestException;
import org.the1studio.upm.core.manifest.ManifestIssue;
import org.the1studio.upm.core.manifest.ManifestReader;
import org.the1studio.upm.core.manifest.ManifestValidator;
import org.the1studio.upm.core.manifest.PackageManifest;
import org.the1studio.upm.core.pack.PackEntry;
import org.the1studio.upm.core.pack.PackException;
import org.the1studio.upm.core.pack.PackFileSelector;
import org.the1studio.upm.core.pack.PackResult;
import org.the1studio.upm.core.pack.Packer;
import org.the1studio.upm.core.registry.Packument;
import org.the1studio.upm.core.registry.PublishedVersion;
import org.the1studio.upm.core.registry.RegistryClient;
import org.the1studio.upm.core.registry.RegistryException;
import org.the1studio.upm.core.secret.Secret;
import org.the1studio.upm.core.version.BumpKind;
import org.the1studio.upm.core.version.VersionDecision;
import org.the1studio.upm.core.version.VersionPolicy;

/**
 * Turns detected changes into decisions without writing anything: validation, name uniqueness, registry state,
 * rollback refusal, and for versions that already exist, whether ours is the same release.
 */
final class Planner {
    private static final Set<String> IGNORED_WHEN_COMPARING = Set.of("package/CHANGELOG.md");

    private final Path workTree;
    private final RegistryClient registry;
    private final Path auditDir;
    private final Secret token;
    private final Path scratch;

    Planner(Path workTree, RegistryClient registry, Secret token, Path scratch, Path auditDir) {
        this.auditDir = auditDir;
        this.workTree = workTree;
        this.registry = registry;
        this.token = token;
        this.scratch = scratch;
    }

    List<PackagePlan> plan(Detection detection, List<String> manifestPathsAtHead, List<String> selected,
            List<String> notices) {
        Map<String, List<String>> pathsByName = namesAtHead(manifestPathsAtHead);
        List<PackagePlan> plans = new ArrayList<>();
        for (ManifestProblem p : detection.problems()) {
            PackageChange change = new PackageChange(parent(p.manifestPath()), null, "(unreadable)", null, null,
                    PackageChange.Kind.VERSION_CHANGED);
            ManifestIssue issue = new ManifestIssue(p.manifestPath(), p.field(), p.message(), null);
            plans.add(new PackagePlan(change, null, PlanAction.INVALID, BumpKind.NONE, null, issue.describe(),
                    List.of(issue), null));
        }
        Set<String> unmatched = new LinkedHashSet<>(selected);
        for (PackageChange change : detection.changes()) {
            unmatched.remove(change.name());
            if (!selected.isEmpty() && !selected.contains(change.name())) {
                plans.add(new PackagePlan(change, null, PlanAction.NOT_SELECTED, VersionPolicy.bump(change.oldVersion(),
                        change.newVersion()), null, "not in the requested packages", List.of(), null));
                continue;
            }
            plans.add(planOne(change, pathsByName, notices));
        }
        unmatched.forEach(n -> notices.add("requested package " + n + " has no version change in this range"));
        return plans;
    }

    /** Starts the registry lookup of {@code name} on another thread (the caller checks the file set meanwhile). */
    private CompletableFuture<Optional<Packument>> startLookup(String name) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return registry.packument(name);
            } catch (RegistryException e) {
                throw new CompletionException(e);
            }
        });
    }

    /** The lookup's answer; registry failures as {@link RegistryException}, anything else as it was thrown. */
    private static Optional<Packument> answer(CompletableFuture<Optional<Packument>> lookup) throws RegistryException {
        try {
            return lookup.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RegistryException re) {
                throw re;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    private PackagePlan planOne(PackageChange change, Map<String, List<String>> pathsByName, List<String> notices) {
        String file = change.manifestPath();
        BumpKind bump = VersionPolicy.bump(change.oldVersion(), change.newVersion());
        PackageManifest manifest;
        try {
            manifest = ManifestReader.read(workTree.resolve(file), file);
        } catch (ManifestException e) {
            return invalid(change, null, bump, e.issues());
        }
        List<ManifestIssue> issues = new ArrayList<>(ManifestValidator.validate(manifest, file));
        List<String> samePaths = pathsByName.getOrDefault(manifest.name(), List.of());
        if (samePaths.size() > 1) {
            issues.add(new ManifestIssue(file, "name", "'" + manifest.name() + "' is also the name of "
                    + String.join(", ", samePaths.stream().filter(p -> !p.equals(file)).toList()),
                    "every package in a repository needs its own name"));
        }
        if (!issues.isEmpty()) {
            return invalid(change, manifest, bump, issues);
        }
        // the registry answers while the file set is checked here; every lookup started is waited for
        CompletableFuture<Optional<Packument>> lookup = startLookup(manifest.name());
        List<PackEntry> files;
        try {
            files = PackagePublisher.packer(workTree, auditDir, manifest.directory()).select(manifest.directory());
        } catch (PackException e) {
            lookup.exceptionally(failure -> Optional.empty()).join();
            return invalid(change, manifest, bump, List.of(new ManifestIssue(change.manifestPath(), null,
                    "cannot be packed: " + e.getMessage(), null)));
        }
        Optional<Packument> packument;
        try {
            packument = answer(lookup);
        } catch (RegistryException e) {
            return new PackagePlan(change, manifest, PlanAction.REGISTRY_ERROR, bump, null,
                    "cannot read " + manifest.name() + " from the registry: " + describe(e), List.of(), null);
        }
        List<String> published = packument.map(p -> List.copyOf(p.versions().keySet())).orElse(List.of());
        VersionDecision decision = VersionPolicy.decide(manifest.version(), change.oldVersion(), published);
        return switch (decision.verdict()) {
            case NEW -> publishable(change, manifest, bump, decision, files, notices);
            case ROLLBACK -> new PackagePlan(change, manifest, PlanAction.REJECT_ROLLBACK, bump, null,
                    "rollback refused: " + decision.reason(), List.of(), null);
            case EXISTS -> existing(change, manifest, bump, files,
                    packument.orElseThrow().versions().get(manifest.version()));
        };
    }

    /** A new version to publish, with a notice when its file set leaves out {@code .meta} files Unity expects. */
    private PackagePlan publishable(PackageChange change, PackageManifest manifest, BumpKind bump,
            VersionDecision decision, List<PackEntry> files, List<String> notices) {
        // only .meta files that exist beside the package but a "files" pattern or ignore rule leaves out
        List<String> missing = PackFileSelector.missingMetaFiles(files).stream()
                .filter(meta -> Files.isRegularFile(manifest.directory().resolve(meta))).toList();
        if (!missing.isEmpty()) {
            List<String> shown = missing.stream().limit(5).toList();
            notices.add(manifest.id() + ": the tarball will lack " + missing.size() + " .meta file(s) Unity expects ("
                    + String.join(", ", shown) + (missing.size() > shown.size() ? ", ..." : "")
                    + " exist but are left out); check the \"files\" field and .npmignore of " + change.manifestPath());
        }
        return new PackagePlan(change, manifest, PlanAction.PUBLISH, bump, decision.distTag(), decision.reason(),
                List.of(), null, files);
    }

    /** Same version on the registry: the same release (skip) or a different one (conflict)? */
    private PackagePlan existing(PackageChange change, PackageManifest manifest, BumpKind bump, List<PackEntry> files,
            PublishedVersion there) {
        Path tarball = scratch.resolve("existing-" + Packer.tarballFileName(manifest.name(), manifest.version()));
        try {
            PackResult ours = new Packer().pack(files, tarball, n -> { });
            if (ours.shasum().equalsIgnoreCase(there.shasum())) {
                return new PackagePlan(change, manifest, PlanAction.SKIP_IDENTICAL, bump, null,
                        "already published, identical (shasum " + ours.shasum() + ")", List.of(), ours.shasum());
            }
            Set<String> diff;
            try (InputStream theirs = download(there)) {
                diff = TarballDiff.differences(tarball, theirs, IGNORED_WHEN_COMPARING);
            }
            if (diff.isEmpty()) {
                return new PackagePlan(change, manifest, PlanAction.SKIP_IDENTICAL, bump, null,
                        "already published, identical apart from CHANGELOG.md", List.of(), ours.shasum());
            }
            List<String> shown = diff.stream().limit(5).toList();
            return new PackagePlan(change, manifest, PlanAction.CONFLICT, bump, null, manifest.id()
                    + " is already on the registry with different content (" + String.join(", ", shown)
                    + (diff.size() > shown.size() ? " and " + (diff.size() - shown.size()) + " more" : "")
                    + " differ); a published version never changes: bump \"version\" in " + change.manifestPath(),
                    List.of(), ours.shasum());
        } catch (PackException e) {
            return invalid(change, manifest, bump, List.of(new ManifestIssue(change.manifestPath(), null,
                    e.getMessage(), null)));
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return new PackagePlan(change, manifest, PlanAction.REGISTRY_ERROR, bump, null, manifest.id()
                    + " exists on the registry but its tarball could not be compared: " + e.getMessage(), List.of(), null);
        } finally {
            try {
                Files.deleteIfExists(tarball);
            } catch (IOException ignored) {
                // scratch space is deleted with the run
            }
        }
    }

    private InputStream download(PublishedVersion there) throws IOException, InterruptedException {
        HttpRequest.Builder req = HttpRequest.newBuilder(there.tarball()).timeout(Duration.ofMinutes(5)).GET();
        if (token != null) {
            req.header("Authorization", "Bearer " + token.reveal());
        }
        HttpResponse<InputStream> res = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build()
                .send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (res.statusCode() != 200) {
            res.body().close();
            throw new IOException("GET " + there.tarball() + " answered HTTP " + res.statusCode());
        }
        return res.body();
    }

    private Map<String, List<String>> namesAtHead(List<String> paths) {
        Map<String, List<String>> byName = new HashMap<>();
        for (String path : paths) {
            try {
                PackageManifest m = ManifestReader.read(workTree.resolve(path), path);
                if (m.unity() != null && m.name() != null) {
                    byName.computeIfAbsent(m.name(), k -> new ArrayList<>()).add(path);
                }
            } catch (ManifestException e) {
                // unreadable manifests of unchanged packages are not this run's business
            }
        }
        return byName;
    }

    private static PackagePlan invalid(PackageChange change, PackageManifest m, BumpKind bump, List<ManifestIssue> issues) {
        String reason = "invalid manifest: " + String.join("; ", issues.stream().map(ManifestIssue::describe).toList());
        return new PackagePlan(change, m, PlanAction.INVALID, bump, null, reason, issues, null);
    }

    static String describe(RegistryException e) {
        String hint = e.hint();
        return e.getMessage() + (hint == null || hint.isBlank() ? "" : " (hint: " + hint + ")");
    }

    private static String parent(String manifestPath) {
        int slash = manifestPath.lastIndexOf('/');
        return slash < 0 ? "" : manifestPath.substring(0, slash);
    }
}
