package org.the1studio.upm.core.publish;

import java.util.List;

/**
 * What a run will do: the run context, one {@link PackagePlan} per detected package, and the notices worth showing.
 * Building it performs no write anywhere; {@code upm plan} prints it.
 */
public record PublishPlan(RunInfo run, List<PackagePlan> packages, List<String> notices) {
    public PublishPlan {
        packages = List.copyOf(packages);
        notices = List.copyOf(notices);
    }

    /** The packages that will be published. */
    public List<PackagePlan> toPublish() {
        return packages.stream().filter(p -> p.action() == PlanAction.PUBLISH).toList();
    }
}
