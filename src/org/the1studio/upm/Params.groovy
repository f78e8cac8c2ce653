package org.the1studio.upm

import com.cloudbees.groovy.cps.NonCPS

/**
 * Checks the named parameters of a library step against the step's specification and fills in the defaults.
 *
 * Why: a pipeline silently ignoring {@code upmPublish(regsitry: ...)} would publish to the wrong place, and a
 * {@code notify: 'false'} (a non-empty String, so truthy) would do the opposite of what was written. Every library
 * step checks its parameters first, with one message per problem naming the step, the parameter and what is
 * expected. Shared by {@code upmPublish} and {@code upmFleetCheck}.
 *
 * A specification maps each parameter name to a rule:
 * {@code [type: 'string'|'boolean'|'integer'|'list', default: value, values: [allowed, ...], pattern: 'regex',
 * min: n, max: n, hint: 'what to write']}. Strings with {@code values} are matched case-insensitively and returned in
 * lower case; a {@code list} also accepts one String of comma-separated items.
 *
 * Pure data in, data out: {@code @NonCPS}, no steps, nothing kept between builds.
 */
class Params implements Serializable {

    private static final long serialVersionUID = 1L

    /**
     * @return the checked parameters, with defaults for the ones not given (absent and {@code null} are the same)
     * @throws IllegalArgumentException listing every problem, one per line
     */
    @NonCPS
    static Map check(String step, Map given, Map spec) {
        Map args = given == null ? [:] : given
        List<String> problems = []
        List<String> known = (spec.keySet() as List<String>).sort()
        args.keySet().each { key ->
            String name = String.valueOf(key)
            if (!spec.containsKey(name)) {
                String close = closest(name, known)
                problems << "${step}: unknown parameter '${name}'${close ? " (did you mean '${close}'?)" : ''}. " +
                        "Known parameters: ${known.join(', ')}".toString()
            }
        }
        Map result = [:]
        spec.each { String name, Map rule ->
            Object value = args[name]
            if (value == null) {
                result[name] = copy(rule.default)
                return
            }
            try {
                result[name] = convert(value, rule)
            } catch (IllegalArgumentException bad) {
                problems << "${step}: parameter '${name}' ${bad.message}${rule.hint ? " (${rule.hint})" : ''}".toString()
            }
        }
        if (problems) {
            throw new IllegalArgumentException(problems.join('\n'))
        }
        return result
    }

    @NonCPS
    private static Object convert(Object value, Map rule) {
        switch (rule.type) {
            case 'string':
                return text(value, rule)
            case 'boolean':
                if (value instanceof Boolean) {
                    return value
                }
                throw new IllegalArgumentException("must be true or false (without quotes), not ${describe(value)}")
            case 'integer':
                if (value instanceof Integer || value instanceof Long || value instanceof Short) {
                    long n = ((Number) value).longValue()
                    if ((rule.min != null && n < rule.min) || (rule.max != null && n > rule.max)) {
                        throw new IllegalArgumentException("must be between ${rule.min} and ${rule.max}, not ${n}")
                    }
                    return (int) n
                }
                throw new IllegalArgumentException("must be a whole number (without quotes), not ${describe(value)}")
            case 'list':
                List items
                if (value instanceof CharSequence) {
                    items = value.toString().split(',').collect { it.trim() }.findAll { it }
                } else if (value instanceof Collection) {
                    items = value as List
                } else {
                    throw new IllegalArgumentException("must be a list of strings such as ['a', 'b'], not ${describe(value)}")
                }
                if (items.isEmpty()) {
                    throw new IllegalArgumentException('must not be empty (leave it out for the default)')
                }
                return items.collect { item ->
                    if (!(item instanceof CharSequence)) {
                        throw new IllegalArgumentException("must hold only strings, not ${describe(item)}")
                    }
                    text(item, rule)
                }
            default:
                throw new IllegalStateException("bad specification: unknown type ${rule.type}")
        }
    }

    @NonCPS
    private static String text(Object value, Map rule) {
        if (!(value instanceof CharSequence)) {
            throw new IllegalArgumentException("must be a string, not ${describe(value)}")
        }
        String s = value.toString().trim()
        if (s.isEmpty()) {
            throw new IllegalArgumentException('must not be empty (leave it out for the default)')
        }
        if (rule.values) {
            String lower = s.toLowerCase(Locale.ROOT)
            if (!(lower in rule.values)) {
                throw new IllegalArgumentException("must be one of ${rule.values.join(', ')}, not '${s}'")
            }
            return lower
        }
        if (rule.pattern && !(s ==~ rule.pattern)) {
            throw new IllegalArgumentException("'${s}' is not valid")
        }
        return s
    }

    @NonCPS
    private static String describe(Object value) {
        if (value instanceof CharSequence) {
            return "the string '${value}'"
        }
        return "${value.getClass().simpleName} ${value}"
    }

    @NonCPS
    private static Object copy(Object value) {
        return value instanceof List ? new ArrayList(value) : value
    }

    /** The known name within edit distance 2 of {@code name}, or {@code null}. */
    @NonCPS
    static String closest(String name, List<String> known) {
        String best = null
        int bestDistance = 3
        for (String k : known) {
            int d = distance(name.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT))
            if (d < bestDistance) {
                best = k
                bestDistance = d
            }
        }
        return best
    }

    @NonCPS
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1]
        int[] current = new int[b.length() + 1]
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost)
            }
            int[] t = previous
            previous = current
            current = t
        }
        return previous[b.length()]
    }
}
