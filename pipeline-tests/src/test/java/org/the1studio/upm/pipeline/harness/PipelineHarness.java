package org.the1studio.upm.pipeline.harness;

import groovy.lang.Binding;
import groovy.lang.Closure;
import groovy.lang.GString;
import groovy.lang.GroovyClassLoader;
import groovy.lang.Script;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.runtime.InvokerInvocationException;

/**
 * Runs the shared library's {@code vars/*.groovy} the way Jenkins runs them, with every step recorded and answered
 * by a stand-in: a small, strict replacement for JenkinsPipelineUnit, whose Maven Central release (1.1) predates
 * declarative pipelines and Groovy 3+.
 *
 * <p>What it models: library classes from {@code src/} on the class path and {@code resources/} for
 * {@code libraryResource}; {@code env}, {@code currentBuild} (result only gets worse), {@code params}; the
 * declarative {@code pipeline} block (agent, options, stages with {@code when}, stage and pipeline {@code post}
 * conditions, skipped stages after a failure, the implicit {@code checkout scm}); block steps; unknown steps fail as
 * in Jenkins. What it does not model: CPS serialization and the script-security sandbox (the library is written
 * for both; {@code LibraryLintTest} checks the usual CPS pitfalls statically).
 */
public final class PipelineHarness {

    private static final Map<Path, GroovyClassLoader> LOADERS = new ConcurrentHashMap<>();
    private static final Map<Path, Class<?>> SCRIPTS = new ConcurrentHashMap<>();
    private static final ThreadLocal<CurrentBuild> RUNNING = new ThreadLocal<>();

    private final Path root;
    private final Map<String, Object> env = new LinkedHashMap<>();
    private final Map<String, StepHandler> handlers = new LinkedHashMap<>();
    private final Map<String, String> workspace = new LinkedHashMap<>();
    private Function<String, String> shell = script -> "";
    private boolean hasScm = true;

    /** A harness for the library at {@code root} (the directory holding {@code vars/}, {@code src/}, {@code resources/}). */
    public PipelineHarness(Path root) {
        this.root = root.toAbsolutePath().normalize();
        env.put("JOB_NAME", "The1Studio/com.acme.tools/main");
        env.put("BUILD_NUMBER", "7");
        env.put("BUILD_URL", "https://jenkins.example.com/job/The1Studio/job/com.acme.tools/job/main/7/");
        defaults();
    }

    /** The library of this repository ({@code -Dupm.repo.root}, set by the module's pom). */
    public static PipelineHarness forRepository() {
        return new PipelineHarness(repositoryRoot());
    }

    /** The repository root: {@code -Dupm.repo.root}, else the parent of the working directory. */
    public static Path repositoryRoot() {
        String p = System.getProperty("upm.repo.root");
        return (p != null ? Path.of(p) : Path.of("..")).toAbsolutePath().normalize();
    }

    /** Sets an environment variable ({@code null} removes it). */
    public PipelineHarness env(String name, String value) {
        if (value == null) {
            env.remove(name);
        } else {
            env.put(name, value);
        }
        return this;
    }

    /** Makes a step answer with {@code handler}. */
    public PipelineHarness onStep(String name, StepHandler handler) {
        handlers.put(name, handler);
        return this;
    }

    /** Makes a step return {@code value}. */
    public PipelineHarness returning(String name, Object value) {
        return onStep(name, (call, body) -> value);
    }

    /** Makes a step fail with {@code message}, as a failing plugin step does. */
    public PipelineHarness failing(String name, String message) {
        return onStep(name, (call, body) -> {
            throw new PipelineError(message);
        });
    }

    /** What {@code sh(returnStdout: true)} prints, by script. */
    public PipelineHarness shell(Function<String, String> stdoutByScript) {
        this.shell = stdoutByScript;
        return this;
    }

    /** Makes this a job without SCM (an inline pipeline script): {@code scm} is then undefined, as in Jenkins. */
    public PipelineHarness withoutScm() {
        hasScm = false;
        return this;
    }

    /** A file in the build's workspace, for {@code readFile}/{@code fileExists}. */
    public PipelineHarness workspaceFile(String path, String text) {
        workspace.put(path, text);
        return this;
    }

    /**
     * The build of the run in progress, for step handlers that set the build result as the real plugin steps do
     * (e.g. {@code upmPublishPackages} marks the build FAILURE when a package failed, without throwing).
     */
    public static CurrentBuild currentBuild() {
        CurrentBuild b = RUNNING.get();
        if (b == null) {
            throw new IllegalStateException("no run in progress");
        }
        return b;
    }

    /** Runs {@code vars/<name>.groovy}'s {@code call(args)} and returns what happened. */
    public RunResult run(String varName, Map<String, Object> args) {
        return execute(run -> {
            Script script = instantiate(varName, run);
            if (args == null) {
                script.invokeMethod("call", new Object[0]);
            } else {
                script.invokeMethod("call", new Object[] {args});
            }
        });
    }

    /**
     * Runs a pipeline script (a Jenkinsfile, or the script of a job) with the library on its class path, as
     * {@code @Library('upm') _} makes it available.
     *
     * @param name a name for the script's class, e.g. {@code Jenkinsfile}
     * @param text the script; an {@code @Library(...) _} line is dropped (the library is always loaded here)
     */
    public RunResult runScript(String name, String text) {
        String body = text.replaceAll("(?m)^\\s*@Library\\([^)]*\\)\\s*_\\s*$", "");
        return execute(run -> {
            Class<?> type = loader().parseClass(body, name.replaceAll("\\W", "_") + ".groovy");
            Script script = bind((Script) type.getDeclaredConstructor().newInstance(), run);
            script.run();
        });
    }

    private interface Body {
        void run(Execution run) throws Exception;
    }

    private RunResult execute(Body body) {
        Execution run = new Execution();
        Throwable error = null;
        RUNNING.set(run.build);
        try {
            body.run(run);
        } catch (Throwable t) {
            error = unwrap(t);
            run.log.add("ERROR: " + error.getMessage());
            run.build.worsen(Result.FAILURE);
        } finally {
            RUNNING.remove();
        }
        if (error == null) {
            error = run.failure;
        }
        return new RunResult(run.build.result(), List.copyOf(run.calls), List.copyOf(run.stages),
                List.copyOf(run.log), error, run.agent, List.copyOf(run.options), run.build.getDescription());
    }

    private Script instantiate(String varName, Execution run) throws Exception {
        Path file = root.resolve("vars").resolve(varName + ".groovy");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no library step " + file);
        }
        Class<?> type = SCRIPTS.computeIfAbsent(file, f -> {
            try {
                return loader().parseClass(f.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return bind((Script) type.getDeclaredConstructor().newInstance(), run);
    }

    private Script bind(Script script, Execution run) {
        Binding binding = new Binding();
        binding.setVariable(PipelineScript.HARNESS, run);
        binding.setVariable("steps", new Dsl(run));
        binding.setVariable("env", run.env);
        binding.setVariable("currentBuild", run.build);
        binding.setVariable("params", new LinkedHashMap<String, Object>());
        if (hasScm) {
            binding.setVariable("scm", Map.of("$class", "GitSCM"));
        }
        script.setBinding(binding);
        return script;
    }

    private GroovyClassLoader loader() {
        return LOADERS.computeIfAbsent(root, r -> {
            CompilerConfiguration config = new CompilerConfiguration();
            config.setScriptBaseClass(PipelineScript.class.getName());
            config.setSourceEncoding("UTF-8");
            GroovyClassLoader gcl = new GroovyClassLoader(PipelineHarness.class.getClassLoader(), config);
            gcl.addClasspath(r.resolve("src").toString());
            return gcl;
        });
    }

    static Throwable unwrap(Throwable t) {
        while ((t instanceof InvokerInvocationException || t instanceof java.lang.reflect.InvocationTargetException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** GStrings become Strings and collections are copied, as Jenkins coerces step arguments. */
    static Object plain(Object o) {
        if (o instanceof GString g) {
            return g.toString();
        }
        if (o instanceof Map<?, ?> m) {
            Map<String, Object> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
            return copy;
        }
        if (o instanceof List<?> l) {
            List<Object> copy = new ArrayList<>();
            l.forEach(v -> copy.add(plain(v)));
            return copy;
        }
        return o;
    }

    private void defaults() {
        handlers.put("echo", (c, b) -> null);
        handlers.put("error", (c, b) -> {
            throw new PipelineError(String.valueOf(c.first()));
        });
        handlers.put("archiveArtifacts", (c, b) -> null);
        handlers.put("checkout", (c, b) -> Map.of("GIT_COMMIT", "0123456789abcdef0123456789abcdef01234567"));
        handlers.put("git", (c, b) -> null);
        handlers.put("isUnix", (c, b) -> true);
        handlers.put("libraryResource", (c, b) -> {
            String name = c.first() instanceof String s ? s : String.valueOf(c.arg("resource"));
            Path f = root.resolve("resources").resolve(name);
            if (!Files.isRegularFile(f)) {
                throw new PipelineError("No such library resource " + name + " could be found.");
            }
            return Files.readString(f, StandardCharsets.UTF_8);
        });
        // block steps run their body
        for (String block : List.of("timeout", "timestamps", "dir", "withEnv", "withCredentials", "container",
                "node", "stage", "ansiColor", "lock")) {
            handlers.put(block, (c, b) -> b == null ? null : b.call());
        }
    }

    /**
     * The {@code steps} global of Jenkins ({@code org.jenkinsci.plugins.workflow.cps.DSL}): steps only, never library
     * variables, which is how a var calls the plugin step it shadows ({@code steps.upmFleetCheck(...)}).
     */
    public static final class Dsl extends groovy.lang.GroovyObjectSupport {
        private final Execution run;

        Dsl(Execution run) {
            this.run = run;
        }

        @Override
        public Object invokeMethod(String name, Object args) {
            if (!run.knowsStep(name)) {
                throw run.noSuchStep(name);
            }
            return run.step(name, org.codehaus.groovy.runtime.InvokerHelper.asArray(args));
        }
    }

    /** The state of one run: what the script sees as its environment, and what was recorded. */
    public final class Execution {
        final List<StepCall> calls = new ArrayList<>();
        final List<String> log = new ArrayList<>();
        final List<StageRecord> stages = new ArrayList<>();
        final List<StepCall> options = new ArrayList<>();
        final Map<String, Object> env = new LinkedHashMap<>(PipelineHarness.this.env);
        final CurrentBuild build = new CurrentBuild(7);
        final Map<String, String> files = new LinkedHashMap<>(workspace);
        Object agent;
        String stage;
        Throwable failure;
        boolean pipelineSeen;

        Map<String, Object> env() {
            return env;
        }

        boolean isLibraryVariable(String name) {
            return Files.isRegularFile(root.resolve("vars").resolve(name + ".groovy"));
        }

        Object callVariable(String name, Object[] args) {
            try {
                Script other = instantiate(name, this);
                return other.invokeMethod("call", args);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        boolean knowsStep(String name) {
            return name.equals("pipeline") || name.equals("sh") || name.equals("writeFile") || name.equals("readFile")
                    || name.equals("fileExists") || name.equals("unstable") || name.equals("catchError") || name.equals("script") || handlers.containsKey(name);
        }

        NoSuchMethodError noSuchStep(String name) {
            return new NoSuchMethodError("No such DSL method '" + name + "' found among steps "
                    + new TreeSet<>(handlers.keySet()));
        }

        Object step(String name, Object[] raw) {
            if (name.equals("pipeline")) {
                if (raw.length != 1 || !(raw[0] instanceof Closure<?> body)) {
                    throw new IllegalArgumentException("pipeline takes one block");
                }
                runPipeline(body);
                return null;
            }
            Closure<?> body = raw.length > 0 && raw[raw.length - 1] instanceof Closure<?> c ? c : null;
            if (name.equals("script")) {
                // declarative syntax, not a step: the block just runs
                return body == null ? null : body.call();
            }
            List<Object> args = new ArrayList<>();
            for (int i = 0; i < (body == null ? raw.length : raw.length - 1); i++) {
                args.add(plain(raw[i]));
            }
            StepCall call = new StepCall(stage, name, args);
            calls.add(call);
            try {
                return switch (name) {
                    case "echo" -> {
                        log.add(String.valueOf(call.first()));
                        yield handlers.get(name).handle(call, body);
                    }
                    case "sh" -> handlers.containsKey("sh") ? handlers.get("sh").handle(call, body) : sh(call);
                    case "unstable" -> {
                        build.worsen(Result.UNSTABLE);
                        log.add("WARNING: " + (call.first() instanceof String s ? s : call.arg("message")));
                        yield null;
                    }
                    case "writeFile" -> {
                        files.put(String.valueOf(call.arg("file")), String.valueOf(call.arg("text")));
                        yield null;
                    }
                    case "readFile" -> {
                        String f = call.first() instanceof String s ? s : String.valueOf(call.arg("file"));
                        if (!files.containsKey(f)) {
                            throw new PipelineError("java.nio.file.NoSuchFileException: " + f);
                        }
                        yield files.get(f);
                    }
                    case "catchError" -> {
                        try {
                            yield body == null ? null : body.call();
                        } catch (RuntimeException e) {
                            Throwable cause = unwrap(e);
                            Object r = call.arg("buildResult");
                            build.worsen(Result.valueOf(r == null ? "FAILURE" : r.toString()));
                            log.add("ERROR: " + cause.getMessage());
                            yield null;
                        }
                    }
                    case "fileExists" -> files.containsKey(call.first() instanceof String s ? s
                            : String.valueOf(call.arg("file")));
                    default -> handlers.get(name).handle(call, body);
                };
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private Object sh(StepCall call) {
            String script = call.first() instanceof String s ? s : String.valueOf(call.arg("script"));
            String out = shell.apply(script);
            if (Boolean.TRUE.equals(call.arg("returnStdout"))) {
                return out;
            }
            if (Boolean.TRUE.equals(call.arg("returnStatus"))) {
                return 0;
            }
            return null;
        }

        private void runPipeline(Closure<?> body) {
            if (pipelineSeen) {
                throw new IllegalStateException("Only one pipeline { ... } block can be executed in a single run.");
            }
            pipelineSeen = true;
            Declarative.PipelineSection p = new Declarative.PipelineSection();
            Declarative.read(body, p);
            if (p.agent == null) {
                throw new IllegalStateException("Missing required section \"agent\"");
            }
            if (p.stages.isEmpty()) {
                throw new IllegalStateException("Missing required section \"stages\"");
            }
            agent = p.agent;
            options.addAll(p.options);
            boolean skipCheckout = options.stream().anyMatch(o -> o.name().equals("skipDefaultCheckout")
                    && (o.args().isEmpty() || Boolean.TRUE.equals(o.first())));
            if (!"none".equals(agent) && !skipCheckout) {
                stage = "Declarative: Checkout SCM";
                step("checkout", new Object[] {env.getOrDefault("__scm", "scm")});
            }
            boolean failed = false;
            for (Declarative.StageDef s : p.stages) {
                stage = s.name;
                if (failed) {
                    stages.add(new StageRecord(s.name, StageRecord.Status.SKIPPED_AFTER_FAILURE, null));
                    log.add("Stage \"" + s.name + "\" skipped due to earlier failure(s)");
                    continue;
                }
                boolean go;
                try {
                    go = s.when.stream().allMatch(c -> c.test(this));
                } catch (RuntimeException e) {
                    fail(s.name, e);
                    failed = true;
                    continue;
                }
                if (!go) {
                    stages.add(new StageRecord(s.name, StageRecord.Status.SKIPPED_BY_WHEN, null));
                    log.add("Stage \"" + s.name + "\" skipped due to when conditional");
                    continue;
                }
                Result stageResult = Result.SUCCESS;
                try {
                    Closure<?> c = (Closure<?>) s.steps.clone();
                    c.setResolveStrategy(Closure.OWNER_FIRST);
                    c.call();
                    stages.add(new StageRecord(s.name, StageRecord.Status.RAN, null));
                } catch (Throwable t) {
                    fail(s.name, unwrap(t));
                    failed = true;
                    stageResult = Result.FAILURE;
                }
                runPost(s.post, stageResult.combine(build.result()));
            }
            stage = "(post)";
            runPost(p.post, build.result());
            stage = null;
        }

        private void fail(String stageName, Throwable e) {
            stages.add(new StageRecord(stageName, StageRecord.Status.FAILED, e.getMessage()));
            log.add("ERROR: " + e.getMessage());
            build.worsen(Result.FAILURE);
            if (failure == null) {
                failure = e;
            }
        }

        private void runPost(Map<String, Closure<?>> post, Result result) {
            for (String condition : Declarative.PostSection.ORDER) {
                Closure<?> body = post.get(condition);
                if (body == null) {
                    continue;
                }
                Result now = condition.equals("always") || condition.equals("cleanup") ? result : build.result();
                boolean run = switch (condition) {
                    case "always", "cleanup" -> true;
                    case "success" -> now == Result.SUCCESS;
                    case "unstable" -> now == Result.UNSTABLE;
                    case "failure" -> now == Result.FAILURE;
                    case "notBuilt" -> now == Result.NOT_BUILT;
                    case "aborted" -> now == Result.ABORTED;
                    case "unsuccessful" -> now != Result.SUCCESS;
                    default -> false; // changed/fixed/regression: no previous build in the harness
                };
                if (!run) {
                    continue;
                }
                try {
                    Closure<?> c = (Closure<?>) body.clone();
                    c.setResolveStrategy(Closure.OWNER_FIRST);
                    c.call();
                } catch (Throwable t) {
                    Throwable e = unwrap(t);
                    log.add("Error when executing " + condition + " post condition: " + e.getMessage());
                    build.worsen(Result.FAILURE);
                    if (failure == null) {
                        failure = e;
                    }
                }
            }
        }
    }
}
