package org.the1studio.upm.core.notify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.the1studio.upm.core.publish.Outcome;
import org.the1studio.upm.core.publish.PackageOutcome;
import org.the1studio.upm.core.publish.PlanAction;
import org.the1studio.upm.core.publish.PublishReport;
import org.the1studio.upm.core.publish.RunInfo;
import org.the1studio.upm.core.publish.SideEffect;
import org.the1studio.upm.core.version.BumpKind;

/** Publish reports for notification tests. */
final class Reports {
    static final String RUN_ID = "6f1c2a9e-4b7d-4c1e-9a55-0c2b7e3d9f10";
    static final String COMMIT = "3f9a1c2b7d4e5f60718293a4b5c6d7e8f9012345";
    static final Instant STARTED = Instant.parse("2025-03-14T09:26:53Z");

    private Reports() {}

    static RunInfo run(String message, String author) {
        return new RunInfo("https://github.com/acme/unity-tools.git", COMMIT, "0000000000000000000000000000000000000001",
                author, message, "main", "http://127.0.0.1:4873/", "https://ci.acme.test/job/unity-tools/42/");
    }

    static PackageOutcome published(String name, String oldVersion, String newVersion, BumpKind bump) {
        String dir = "Packages/" + name;
        return new PackageOutcome(name, dir, oldVersion, newVersion, bump, PlanAction.PUBLISH, Outcome.PUBLISHED,
                "published and verified", "latest", "a".repeat(40), "sha512-xyz", 1234, dir + "/CHANGELOG.md",
                Duration.ofSeconds(2));
    }

    static PackageOutcome skipped(String name, String version) {
        return new PackageOutcome(name, "Packages/" + name, version, version, BumpKind.NONE, PlanAction.SKIP_IDENTICAL,
                Outcome.SKIPPED, "already published, identical", null, "b".repeat(40), null, 0, null, Duration.ZERO);
    }

    static PackageOutcome failed(String name, String oldVersion, String newVersion, PlanAction action, String reason) {
        return new PackageOutcome(name, "Packages/" + name, oldVersion, newVersion, BumpKind.PATCH, action,
                Outcome.FAILED, reason, null, null, null, 0, null, Duration.ofMillis(300));
    }

    static PublishReport report(RunInfo run, List<PackageOutcome> packages, List<SideEffect> effects) {
        return new PublishReport(RUN_ID, run, false, packages, List.of(), effects, STARTED, Duration.ofSeconds(42));
    }

    static PublishReport report(List<PackageOutcome> packages) {
        return report(run("feat: faster importer", "Jane Doe"), packages, List.of());
    }

    /** {@code count} packages, every fifth failed, each with a {@code reasonLength}-character reason. */
    static PublishReport many(int count, int reasonLength) {
        List<PackageOutcome> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = "com.acme.package-with-a-rather-long-name-number-" + i;
            String reason = ("reason " + i + " ").repeat(reasonLength / 8 + 1).substring(0, reasonLength);
            PackageOutcome p = i % 5 == 4
                    ? failed(name, "1.0." + i, "1.0." + (i + 1), PlanAction.CONFLICT, reason)
                    : new PackageOutcome(name, "Packages/" + name, "1.0." + i, "1.1.0", BumpKind.MINOR, PlanAction.PUBLISH,
                            Outcome.PUBLISHED, reason, "latest", null, null, 0, "Packages/" + name + "/CHANGELOG.md",
                            Duration.ZERO);
            list.add(p);
        }
        return report(run("chore: bump everything", "Bot"), list, List.of());
    }
}
