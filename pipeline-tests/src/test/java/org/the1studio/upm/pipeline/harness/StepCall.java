package org.the1studio.upm.pipeline.harness;

import java.util.List;
import java.util.Map;

/**
 * One step the library called, in order, with the stage it ran in; what the tests assert on.
 *
 * @param stage the declarative stage it ran in, {@code "(post)"} in a post condition, or {@code null} outside stages
 * @param name  the step name ({@code echo}, {@code upmPublishPackages}, ...)
 * @param args  the arguments as Jenkins would receive them (GStrings turned into Strings); a closure body is not
 *              included
 */
public record StepCall(String stage, String name, List<Object> args) {

    /** The named arguments ({@code step(key: value)}), or an empty map when the step was called positionally. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> named() {
        if (!args.isEmpty() && args.get(0) instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        return Map.of();
    }

    /** One named argument, or {@code null}. */
    public Object arg(String key) {
        return named().get(key);
    }

    /** The first positional argument ({@code echo 'x'} gives {@code x}), or {@code null}. */
    public Object first() {
        return args.isEmpty() ? null : args.get(0);
    }

    @Override
    public String toString() {
        return (stage == null ? "" : "[" + stage + "] ") + name + args;
    }
}
