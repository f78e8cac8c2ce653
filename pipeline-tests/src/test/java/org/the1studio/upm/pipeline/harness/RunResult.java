package org.the1studio.upm.pipeline.harness;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Everything one run of a library step did: the build result, every step call in order, the stages, the console
 * lines written with {@code echo}, the agent and options of the declarative pipeline, and the error that failed it.
 *
 * @param result      final build result
 * @param calls       every step call in order (including the implicit {@code checkout scm} of declarative)
 * @param stages      the declarative stages in order
 * @param log         console lines ({@code echo}, skip notices, failure messages)
 * @param error       the exception that failed the build, or {@code null}
 * @param agent       the declarative {@code agent} as data ({@code any}, {@code none} or a map), or {@code null}
 * @param options     the declarative {@code options}, as calls
 * @param description {@code currentBuild.description} at the end, or {@code null}
 */
public record RunResult(Result result, List<StepCall> calls, List<StageRecord> stages, List<String> log,
                        Throwable error, Object agent, List<StepCall> options, String description) {

    /** The calls of one step, in order. */
    public List<StepCall> calls(String step) {
        return calls.stream().filter(c -> c.name().equals(step)).toList();
    }

    /** The names of all steps called, in order, without {@code echo}. */
    public List<String> stepNames() {
        return calls.stream().map(StepCall::name).filter(n -> !n.equals("echo")).toList();
    }

    /** The names of the stages in declaration order. */
    public List<String> stageNames() {
        return stages.stream().map(StageRecord::name).toList();
    }

    /** The names of the stages whose steps ran. */
    public List<String> ranStages() {
        return stages.stream().filter(StageRecord::ran).map(StageRecord::name).toList();
    }

    /** Stage name to status. */
    public Map<String, StageRecord.Status> stageStatus() {
        return stages.stream().collect(Collectors.toMap(StageRecord::name, StageRecord::status, (a, b) -> b,
                java.util.LinkedHashMap::new));
    }

    /** One stage by name. */
    public StageRecord stage(String name) {
        return stages.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no stage " + name + " in " + stageNames()));
    }

    /** The console as one text. */
    public String logText() {
        return String.join("\n", log);
    }

    /** The named option ({@code timeout}, {@code buildDiscarder}...) or {@code null}. */
    public StepCall option(String name) {
        return options.stream().filter(o -> o.name().equals(name)).findFirst().orElse(null);
    }
}
