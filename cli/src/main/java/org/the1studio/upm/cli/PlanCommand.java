package org.the1studio.upm.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.the1studio.upm.core.publish.PackagePlan;
import org.the1studio.upm.core.publish.PlanAction;
import org.the1studio.upm.core.publish.PublishEngine;
import org.the1studio.upm.core.publish.PublishPlan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code upm plan}: what publish would do, with no writes anywhere (the registry is only read). */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Show what publish would do: detected packages and the decision for each. Writes nothing.")
final class PlanCommand implements Callable<Integer> {
    @ParentCommand UpmCommand parent;
    @Spec CommandSpec spec;
    @Mixin RunOptions options;

    @Override
    public Integer call() throws Exception {
        ConsoleListener listener = new ConsoleListener(spec.commandLine().getErr(), !options.json);
        PublishPlan plan = new PublishEngine().plan(options.toRequest(parent.env(), true, false), listener);
        PrintWriter out = spec.commandLine().getOut();
        if (options.json) {
            out.println(Summary.planJson(plan));
        } else {
            Summary.print(plan, out);
        }
        boolean blocked = plan.packages().stream().anyMatch(p -> p.action() != PlanAction.PUBLISH
                && p.action() != PlanAction.SKIP_IDENTICAL && p.action() != PlanAction.NOT_SELECTED);
        return blocked ? 1 : 0;
    }

    static String describe(PackagePlan p) {
        return p.action().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
