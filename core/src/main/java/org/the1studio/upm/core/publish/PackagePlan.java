package org.the1studio.upm.core.publish;

import java.util.List;
import org.the1studio.upm.core.detect.PackageChange;
import org.the1studio.upm.core.manifest.ManifestIssue;
import org.the1studio.upm.core.manifest.PackageManifest;
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
 */
public record PackagePlan(
        PackageChange change,
        PackageManifest manifest,
        PlanAction action,
        BumpKind bump,
        String distTag,
        String reason,
        List<ManifestIssue> issues,
        String shasum) {

    public PackagePlan {
        issues = List.copyOf(issues);
    }

    /** {@code name@version} as detected. */
    public String id() {
        return change.name() + "@" + change.newVersion();
    }
}
