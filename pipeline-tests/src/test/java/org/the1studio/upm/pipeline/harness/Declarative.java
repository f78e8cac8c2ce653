package org.the1studio.upm.pipeline.harness;

import groovy.lang.Closure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The declarative pipeline syntax ({@code pipeline { agent ... options ... stages ... post ... }}) as data: each
 * section is read by running its closure against one of these classes, as the declarative model parser does.
 * Only the directives the real syntax has are accepted; a misspelt directive falls through to the script and fails
 * as an unknown step. {@link PipelineHarness} then runs the model with Jenkins' rules.
 */
final class Declarative {

    private Declarative() {}

    /** Runs {@code body} with {@code delegate} answering first, as declarative sections are read. */
    static void read(Closure<?> body, Object delegate) {
        Closure<?> c = (Closure<?>) body.clone();
        c.setDelegate(delegate);
        c.setResolveStrategy(Closure.DELEGATE_FIRST);
        c.call();
    }

    /** A condition of a {@code when} block, evaluated when its stage starts. */
    interface Condition {
        boolean test(PipelineHarness.Execution run);
    }

    /** The {@code pipeline} block. */
    public static final class PipelineSection {
        Object agent;
        final List<StepCall> options = new ArrayList<>();
        final List<StageDef> stages = new ArrayList<>();
        final Map<String, Closure<?>> post = new LinkedHashMap<>();

        public String getAny() { return "any"; }

        public String getNone() { return "none"; }

        public void agent(Object spec) {
            agent = spec;
        }

        public void agent(Closure<?> body) {
            AgentSection a = new AgentSection();
            read(body, a);
            agent = a.spec;
        }

        public void options(Closure<?> body) {
            read(body, new OptionsSection(options));
        }

        public void stages(Closure<?> body) {
            read(body, new StagesSection(stages));
        }

        public void post(Closure<?> body) {
            read(body, new PostSection(post));
        }
    }

    /** The {@code agent { ... }} block. */
    public static final class AgentSection {
        final Map<String, Object> spec = new LinkedHashMap<>();

        public void kubernetes(Closure<?> body) {
            Map<String, Object> k = new LinkedHashMap<>();
            read(body, new MapSection(k));
            spec.put("kubernetes", k);
        }

        public void label(String label) {
            spec.put("label", label);
        }

        public void node(Closure<?> body) {
            Map<String, Object> k = new LinkedHashMap<>();
            read(body, new MapSection(k));
            spec.put("node", k);
        }
    }

    /** A block of {@code key value} settings (the kubernetes agent). */
    public static final class MapSection {
        private final Map<String, Object> values;

        MapSection(Map<String, Object> values) {
            this.values = values;
        }

        public Object methodMissing(String name, Object args) {
            Object[] a = (Object[]) args;
            values.put(name, a.length == 1 ? PipelineHarness.plain(a[0]) : PipelineHarness.plain(List.of(a)));
            return null;
        }
    }

    /** The {@code options { ... }} block: each option is recorded as a call. */
    public static final class OptionsSection {
        private final List<StepCall> options;

        OptionsSection(List<StepCall> options) {
            this.options = options;
        }

        public Object methodMissing(String name, Object args) {
            Object[] a = (Object[]) args;
            List<Object> values = new ArrayList<>();
            for (Object o : a) {
                values.add(PipelineHarness.plain(o));
            }
            StepCall call = new StepCall(null, name, values);
            // nested option values such as logRotator(...) are returned as data to their parent option
            if (name.equals("logRotator")) {
                return Map.of("logRotator", call.named());
            }
            options.add(call);
            return null;
        }
    }

    /** One {@code stage('name') { ... }}. */
    static final class StageDef {
        final String name;
        final List<Condition> when = new ArrayList<>();
        Closure<?> steps;
        final Map<String, Closure<?>> post = new LinkedHashMap<>();

        StageDef(String name) {
            this.name = name;
        }
    }

    /** The {@code stages { ... }} block. */
    public static final class StagesSection {
        private final List<StageDef> stages;

        StagesSection(List<StageDef> stages) {
            this.stages = stages;
        }

        public void stage(String name, Closure<?> body) {
            for (StageDef s : stages) {
                if (s.name.equals(name)) {
                    throw new IllegalStateException("duplicate stage name '" + name + "'");
                }
            }
            StageDef def = new StageDef(name);
            read(body, new StageSection(def));
            if (def.steps == null) {
                throw new IllegalStateException("stage '" + name + "' has no steps");
            }
            stages.add(def);
        }
    }

    /** The inside of a stage. */
    public static final class StageSection {
        private final StageDef def;

        StageSection(StageDef def) {
            this.def = def;
        }

        public void when(Closure<?> body) {
            read(body, new WhenSection(def.when));
        }

        public void steps(Closure<?> body) {
            def.steps = body;
        }

        public void post(Closure<?> body) {
            read(body, new PostSection(def.post));
        }
    }

    /** The {@code when { ... }} block; several conditions must all hold. */
    public static final class WhenSection {
        private final List<Condition> conditions;

        WhenSection(List<Condition> conditions) {
            this.conditions = conditions;
        }

        public void expression(Closure<?> body) {
            conditions.add(run -> {
                Closure<?> c = (Closure<?>) body.clone();
                c.setResolveStrategy(Closure.OWNER_FIRST);
                Object v = c.call();
                return org.codehaus.groovy.runtime.typehandling.DefaultTypeTransformation.castToBoolean(v);
            });
        }

        public void branch(String pattern) {
            Pattern p = glob(pattern);
            conditions.add(run -> {
                Object b = run.env().get("BRANCH_NAME");
                return b != null && p.matcher(b.toString()).matches();
            });
        }

        public void changeRequest() {
            conditions.add(run -> run.env().get("CHANGE_ID") != null);
        }

        public void not(Closure<?> body) {
            List<Condition> inner = new ArrayList<>();
            read(body, new WhenSection(inner));
            conditions.add(run -> !inner.stream().allMatch(c -> c.test(run)));
        }

        public void allOf(Closure<?> body) {
            List<Condition> inner = new ArrayList<>();
            read(body, new WhenSection(inner));
            conditions.add(run -> inner.stream().allMatch(c -> c.test(run)));
        }

        public void anyOf(Closure<?> body) {
            List<Condition> inner = new ArrayList<>();
            read(body, new WhenSection(inner));
            conditions.add(run -> inner.stream().anyMatch(c -> c.test(run)));
        }

        public void beforeAgent(boolean value) {
            // ordering hint only; the harness has one agent for the whole pipeline
        }

        static Pattern glob(String glob) {
            StringBuilder re = new StringBuilder();
            for (char ch : glob.toCharArray()) {
                switch (ch) {
                    case '*' -> re.append(".*");
                    case '?' -> re.append('.');
                    default -> re.append(Pattern.quote(String.valueOf(ch)));
                }
            }
            return Pattern.compile(re.toString());
        }
    }

    /** The {@code post { ... }} block: condition name to body. */
    public static final class PostSection {
        static final List<String> ORDER = List.of("always", "changed", "fixed", "regression", "aborted", "failure",
                "success", "unstable", "unsuccessful", "notBuilt", "cleanup");
        private final Map<String, Closure<?>> post;

        PostSection(Map<String, Closure<?>> post) {
            this.post = post;
        }

        public Object methodMissing(String name, Object args) {
            Object[] a = (Object[]) args;
            if (!ORDER.contains(name) || a.length != 1 || !(a[0] instanceof Closure<?> body)) {
                // not a condition: a step inside a condition's body, resolved by the script
                throw new groovy.lang.MissingMethodException(name, PostSection.class, a);
            }
            post.put(name, body);
            return null;
        }
    }
}
