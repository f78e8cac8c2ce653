package org.the1studio.upm.core.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.time.ZoneOffset;
import org.the1studio.upm.core.changelog.ChangelogEntry;
import org.the1studio.upm.core.changelog.ChangelogMode;
import org.the1studio.upm.core.changelog.ChangelogService;
import org.the1studio.upm.core.changelog.ChangelogWrite;
import org.the1studio.upm.core.manifest.ManifestReader;
import org.the1studio.upm.core.manifest.PackageManifest;
import org.the1studio.upm.core.pack.PackResult;
import org.the1studio.upm.core.pack.Packer;
import org.the1studio.upm.core.registry.RegistryClient;
import org.the1studio.upm.core.registry.RegistryException;

/**
 * Publishes one planned package: changelog entry (so the tarball carries it), pack, upload, verify.
 *
 * <p>A failure at any step leaves nothing behind: the changelog file is restored and the registry either has the
 * complete version (verified) or none of it. The changelog never makes a publish fail.
 */
final class PackagePublisher {
    private final PublishRequest request;
    private final RegistryClient registry;
    private final ChangelogService changelog;
    private final Path scratch;
    private final PublishListener listener;
    private final String headCommit;

    PackagePublisher(PublishRequest request, RegistryClient registry, ChangelogService changelog, Path scratch,
            PublishListener listener, String headCommit) {
        this.request = request;
        this.registry = registry;
        this.changelog = changelog;
        this.scratch = scratch;
        this.listener = listener;
        this.headCommit = headCommit;
    }

    PackageOutcome publish(PackagePlan plan) {
        long start = System.nanoTime();
        PackageManifest manifest = plan.manifest();
        String id = manifest.id();
        Path dir = manifest.directory();
        Path changelogFile = dir.resolve("CHANGELOG.md");
        byte[] originalChangelog = null;
        boolean changelogExisted = Files.exists(changelogFile);
        Path changelogMeta = dir.resolve("CHANGELOG.md.meta");
        boolean metaExisted = Files.exists(changelogMeta);
        String changelogPath = null;
        PackResult packed = null;
        try {
            if (changelogExisted) {
                originalChangelog = Files.readAllBytes(changelogFile);
            }
            changelogPath = writeChangelog(plan, changelogFile);
            Path tarball = scratch.resolve(Packer.tarballFileName(manifest.name(), manifest.version()));
            Packer packer = packer(request.workTree(), request.auditDir(), dir);
            // the planner's file selection still holds unless the changelog step may have written into the package
            packed = request.changelogMode() == ChangelogMode.OFF && !plan.files().isEmpty()
                    ? packer.pack(plan.files(), tarball, n -> { })
                    : packer.pack(dir, tarball);
            listener.info("packed " + id + ": " + packed.files().size() + " files, " + packed.size() + " bytes, "
                    + packed.integrity());
            PackageManifest current = ManifestReader.read(dir.resolve("package.json"), plan.change().manifestPath());
            registry.publish(current.json(), packed, plan.distTag(), (sent, total) -> listener.progress(id, sent, total));
            registry.verify(manifest.name(), manifest.version(), packed.integrity());
            listener.info("published " + id + " with dist-tag " + plan.distTag() + " and verified it on the registry");
            return outcome(plan, Outcome.PUBLISHED, "published and verified (" + plan.reason() + ")", packed,
                    changelogPath, start);
        } catch (RegistryException e) {
            restore(changelogFile, changelogExisted, originalChangelog);
            restore(changelogMeta, metaExisted, null);
            return outcome(plan, Outcome.FAILED, "publish failed: " + Planner.describe(e), packed, null, start);
        } catch (Exception e) {
            restore(changelogFile, changelogExisted, originalChangelog);
            restore(changelogMeta, metaExisted, null);
            return outcome(plan, Outcome.FAILED, "publish failed: " + e.getMessage(), packed, null, start);
        }
    }

    private String writeChangelog(PackagePlan plan, Path changelogFile) {
        if (request.changelogMode() == ChangelogMode.OFF) {
            return null;
        }
        PackageManifest m = plan.manifest();
        try {
            ChangelogEntry entry = changelog.prepare(request.workTree(), plan.change().path(), m.name(),
                    plan.change().oldVersion(), m.version(), headCommit, LocalDate.now(ZoneOffset.UTC));
            if (entry.fallbackReason() != null) {
                listener.warn("changelog for " + m.id() + " written by the conventional writer: " + entry.fallbackReason());
            }
            ChangelogWrite written = changelog.write(changelogFile, entry);
            writeMetaIfUnityExpectsOne(m, changelogFile);
            String rel = plan.change().path().isEmpty() ? "CHANGELOG.md" : plan.change().path() + "/CHANGELOG.md";
            listener.info(written.changed() ? "wrote the " + m.version() + " entry in " + rel
                    : rel + " already has an entry for " + m.version());
            return rel;
        } catch (Exception e) {
            listener.warn("no changelog entry for " + m.id() + " (publishing anyway): " + e.getMessage());
            return null;
        }
    }

    /**
     * A package whose assets carry Unity {@code .meta} files needs one for a new CHANGELOG.md too: in a consumer's
     * read-only package cache Unity cannot create it and warns on every import. The guid is derived from the package
     * name, so every run writes the same file.
     */
    static void writeMetaIfUnityExpectsOne(PackageManifest m, Path changelogFile) throws IOException {
        Path meta = changelogFile.resolveSibling(changelogFile.getFileName() + ".meta");
        if (Files.exists(meta) || !Files.exists(changelogFile.resolveSibling("package.json.meta"))) {
            return;
        }
        String guid = java.util.HexFormat.of().formatHex(md5(m.name() + "/CHANGELOG.md"));
        Files.writeString(meta, "fileFormatVersion: 2\nguid: " + guid + "\nTextScriptImporter:\n  externalObjects: {}\n"
                + "  userData: \n  assetBundleName: \n  assetBundleVariant: \n");
    }

    private static byte[] md5(String text) {
        try {
            return java.security.MessageDigest.getInstance("MD5").digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every JVM", e);
        }
    }

    /** A packer that leaves out the audit folder when it lies inside the package (a package at the repository root). */
    static Packer packer(Path workTree, Path auditDir, Path packageDir) {
        if (auditDir == null) {
            return new Packer();
        }
        Path audit = workTree.resolve(auditDir).toAbsolutePath().normalize();
        Path pkg = packageDir.toAbsolutePath().normalize();
        if (!audit.startsWith(pkg) || audit.equals(pkg)) {
            return new Packer();
        }
        return new Packer(List.of(pkg.relativize(audit).toString().replace('\\', '/')));
    }

    private static void restore(Path file, boolean existed, byte[] original) {
        try {
            if (existed) {
                if (original != null) {
                    Files.write(file, original);
                }
            } else {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // the work tree is the CI checkout; a leftover entry is idempotent on the next run
        }
    }

    private static PackageOutcome outcome(PackagePlan plan, Outcome outcome, String reason, PackResult packed,
            String changelogPath, long start) {
        return new PackageOutcome(plan.change().name(), plan.change().path(), plan.change().oldVersion(),
                plan.change().newVersion(), plan.bump(), plan.action(), outcome, reason, plan.distTag(),
                packed == null ? null : packed.shasum(), packed == null ? null : packed.integrity(),
                packed == null ? 0 : packed.size(), changelogPath, Duration.ofNanos(System.nanoTime() - start));
    }
}
