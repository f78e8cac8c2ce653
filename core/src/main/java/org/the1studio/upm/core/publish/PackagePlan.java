package org.the1studio.upm.core.publish;

import java.util.List;
import org.the1studio.upm.core.detect.PackageChange;
import org.the1studio.upm.core.manifest.ManifestIssue;
import org.the1studio.upm.core.manifest.PackageManifest;
import org.the1studio.upm.core.pack.PackEntry;
import org.the1studio.upm.core.version.BumpKind;

/**
 * The planner's decision for one detected package, made before anything is written.
 *
 * @param change   what the detector saw
 * @param manifest the manifest at head, or {@code null} when it could not be read
 * @param action   what to do
 * @param bump     kind of version change
 * @param distTag  dist-tag to publish under, for {@link PlanAction#PUBLISH}
 * @param reason   one sentence saying why
 * @param issues   validation issues, for {@link PlanAction#INVALID}
 * @param shasum   shasum of the tarball when the planner had to pack (existing versions), else {@code null}
 * @param files    the files the tarball will hold as selected while planning, for {@link PlanAction#PUBLISH}; empty
 *                 otherwise (packing reuses them when nothing in the package is written in between)
 */
public record PackagePlan(
        PackageChange change,
        PackageManifest manifest,
        PlanAction action,
        BumpKind bump,
        String distTag,
        String reason,
        List<ManifestIssue> issues,
        String shasum,
        List<PackEntry> files) {

    public PackagePlan {
        issues = List.copyOf(issues);
        files = List.copyOf(files);
    }

    /** A plan without a file selection. */
    public PackagePlan(PackageChange change, PackageManifest manifest, PlanAction action, BumpKind bump, String distTag,
            String reason, List<ManifestIssue> issues, String shasum) {
        this(change, manifest, action, bump, distTag, reason, issues, shasum, List.of());
    }

    /** {@code name@version} as detected. */
    public String id() {
        return change.name() + "@" + change.newVersion();
    }
}
