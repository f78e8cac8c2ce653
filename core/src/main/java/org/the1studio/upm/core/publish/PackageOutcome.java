package org.the1studio.upm.core.publish;

import java.time.Duration;
import org.the1studio.upm.core.version.BumpKind;

/**
 * What happened to one package in a run; the unit of the report, the audit log and notifications.
 *
 * @param name          package name
 * @param path          repository-relative folder
 * @param oldVersion    version before the push, or {@code null} for a new package
 * @param newVersion    version at head
 * @param bump          kind of version change
 * @param action        the planner's decision
 * @param outcome       the result
 * @param reason        one human sentence saying why (never contains a secret)
 * @param distTag       dist-tag used or planned, or {@code null}
 * @param shasum        tarball SHA-1, or {@code null} if not packed
 * @param integrity     tarball SRI sha512, or {@code null} if not packed
 * @param tarballSize   tarball bytes, 0 if not packed
 * @param changelogPath repository-relative changelog written for this version, or {@code null}
 * @param duration      wall time spent on this package
 */
public record PackageOutcome(
        String name,
        String path,
        String oldVersion,
        String newVersion,
        BumpKind bump,
        PlanAction action,
        Outcome outcome,
        String reason,
        String distTag,
        String shasum,
        String integrity,
        long tarballSize,
        String changelogPath,
        Duration duration) implements java.io.Serializable {

    /** {@code name@newVersion}. */
    public String id() {
        return name + "@" + newVersion;
    }
}
