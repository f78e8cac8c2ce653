package org.the1studio.upm.core.version;

/**
 * The publish policy's verdict on a candidate version.
 *
 * @param verdict what to do
 * @param distTag dist-tag to publish under (for {@link Verdict#NEW})
 * @param bump    kind of change relative to the previous version in the repository
 * @param highestInLine the highest published version of the candidate's release line, or {@code null}
 * @param reason  one sentence for the report
 */
public record VersionDecision(Verdict verdict, String distTag, BumpKind bump, String highestInLine, String reason) {

    /** What the policy decided. */
    public enum Verdict {
        /** Not on the registry and greater than everything published in its line. */
        NEW,
        /** Exactly this version is already on the registry. */
        EXISTS,
        /** Lower than the highest published version of its release line. */
        ROLLBACK
    }
}
