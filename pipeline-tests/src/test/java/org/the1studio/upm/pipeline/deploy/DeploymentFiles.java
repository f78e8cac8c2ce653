package org.the1studio.upm.pipeline.deploy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.Collections;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.the1studio.upm.pipeline.harness.PipelineHarness;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads the deployment files ({@code jenkins-k8s/}, the library's pod) the way their consumers do: YAML documents,
 * Kubernetes objects through the fabric8 API model (strictly: a field the model does not know is an error, as the API
 * server's strict field validation makes it), JCasC and Helm values as plain data.
 */
final class DeploymentFiles {

    static final Path ROOT = PipelineHarness.repositoryRoot();
    static final Path K8S = ROOT.resolve("jenkins-k8s");
    static final Path LIBRARY_POD = ROOT.resolve("resources/org/the1studio/upm/pod.yaml");

    /** {@code ${name}} or {@code ${name:-default}} as JCasC resolves them. */
    static final Pattern VARIABLE = Pattern.compile("(?<!\\^)\\$\\{([A-Za-z0-9_.-]+)(?::-[^}]*)?}");

    static final Map<String, Class<? extends HasMetadata>> KINDS = Map.of(
            "v1/Namespace", Namespace.class,
            "v1/Secret", Secret.class,
            "v1/ServiceAccount", ServiceAccount.class,
            "v1/Pod", Pod.class,
            "v1/PersistentVolumeClaim", PersistentVolumeClaim.class,
            "rbac.authorization.k8s.io/v1/Role", Role.class,
            "rbac.authorization.k8s.io/v1/RoleBinding", RoleBinding.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class);

    private static final ObjectMapper YAML_MAPPER = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private DeploymentFiles() {}

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every YAML document of a file (SnakeYAML, safe constructor). */
    static List<Object> documents(Path file) {
        return documents(read(file));
    }

    static List<Object> documents(String text) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        List<Object> docs = new ArrayList<>();
        for (Object d : yaml.loadAll(text)) {
            if (d != null) {
                docs.add(d);
            }
        }
        return docs;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Path file) {
        List<Object> docs = documents(file);
        if (docs.size() != 1 || !(docs.get(0) instanceof Map)) {
            throw new AssertionError(file + ": expected one YAML mapping, found " + docs.size() + " document(s)");
        }
        return (Map<String, Object>) docs.get(0);
    }

    /** Every {@code *.yaml}/{@code *.yml} file below {@code dir}. */
    static List<Path> yamlFiles(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Follows {@code a.b.c} through nested maps; {@code null} when a step is missing. */
    @SuppressWarnings("unchecked")
    static <T> T at(Object root, String dotted) {
        Object o = root;
        for (String key : dotted.split("\\.")) {
            if (!(o instanceof Map<?, ?> m)) {
                return null;
            }
            o = m.get(key);
        }
        return (T) o;
    }

    /** A Kubernetes object of a document, read strictly into its fabric8 model class. */
    static HasMetadata kubernetesObject(Object document, String where) {
        if (!(document instanceof Map<?, ?> m)) {
            throw new AssertionError(where + ": not a mapping");
        }
        String key = m.get("apiVersion") + "/" + m.get("kind");
        Class<? extends HasMetadata> type = KINDS.get(key);
        if (type == null) {
            throw new AssertionError(where + ": no model for " + key + " (known: " + KINDS.keySet() + ")");
        }
        try {
            HasMetadata object = YAML_MAPPER.convertValue(document, type);
            List<String> problems = new ArrayList<>();
            strict(object, where + " " + m.get("kind"), problems, Collections.newSetFromMap(new IdentityHashMap<>()));
            if (!problems.isEmpty()) {
                throw new AssertionError(String.join("\n", problems));
            }
            return object;
        } catch (IllegalArgumentException e) {
            throw new AssertionError(where + ": not a valid " + key + ": " + e.getMessage(), e);
        }
    }

    /** A pod from a YAML text (one document). */
    static Pod pod(String yaml, String where) {
        List<Object> docs = documents(yaml);
        if (docs.size() != 1) {
            throw new AssertionError(where + ": expected one document");
        }
        return (Pod) kubernetesObject(docs.get(0), where);
    }

    /**
     * Fails on any field the fabric8 model had to keep in {@code additionalProperties} (a field Kubernetes does not
     * have, e.g. a typo such as {@code resource:} or a field at the wrong level) and on malformed quantities.
     */
    static void strict(Object o, String path, List<String> problems, Set<Object> seen) {
        if (o == null || o instanceof String || o instanceof Number || o instanceof Boolean || o instanceof Enum<?>) {
            return;
        }
        if (!seen.add(o)) {
            return;
        }
        if (o instanceof Collection<?> c) {
            int i = 0;
            for (Object e : c) {
                strict(e, path + "[" + i++ + "]", problems, seen);
            }
            return;
        }
        if (o instanceof Map<?, ?> m) {
            m.forEach((k, v) -> strict(v, path + "." + k, problems, seen));
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        if (o instanceof Quantity q) {
            try {
                Quantity.getAmountInBytes(q);
            } catch (RuntimeException e) {
                problems.add(path + ": '" + q + "' is not a Kubernetes quantity");
            }
            return;
        }
        if (o instanceof IntOrString) {
            return;
        }
        for (Method m : o.getClass().getMethods()) {
            if (m.getParameterCount() != 0 || !m.getName().startsWith("get") || Modifier.isStatic(m.getModifiers())
                    || m.getDeclaringClass() == Object.class) {
                continue;
            }
            Object v;
            try {
                v = m.invoke(o);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            String field = m.getName().substring(3, 4).toLowerCase(Locale.ROOT) + m.getName().substring(4);
            if (field.equals("additionalProperties")) {
                if (v instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(path + ": unknown field(s) " + extra.keySet());
                }
                continue;
            }
            strict(v, path + "." + field, problems, seen);
        }
    }

    /** Every JCasC/Helm variable reference ({@code ${name}}) in a text. */
    static List<String> variables(String text) {
        List<String> names = new ArrayList<>();
        Matcher m = VARIABLE.matcher(text);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The JCasC files, by file name without {@code .yaml}. */
    static Map<String, Map<String, Object>> casc() {
        Map<String, Map<String, Object>> files = new LinkedHashMap<>();
        for (Path p : yamlFiles(K8S.resolve("casc"))) {
            files.put(p.getFileName().toString().replaceFirst("\\.ya?ml$", ""), map(p));
        }
        return files;
    }

    /** The Job DSL scripts of {@code casc/jobs.yaml}. */
    static List<String> jobScripts() {
        List<Map<String, Object>> jobs = at(map(K8S.resolve("casc/jobs.yaml")), "jobs");
        return jobs.stream().map(j -> (String) j.get("script")).toList();
    }

    /** The Helm values. */
    static Map<String, Object> values() {
        return map(K8S.resolve("helm/values.yaml"));
    }

    /** {@code controller.containerEnv} of the Helm values, name to value. */
    static Map<String, String> containerEnv() {
        List<Map<String, Object>> env = at(values(), "controller.containerEnv");
        Map<String, String> out = new LinkedHashMap<>();
        env.forEach(e -> out.put((String) e.get("name"), String.valueOf(e.get("value"))));
        return out;
    }

    /** A text with the {@code ${NAME}} of the controller environment replaced, as JCasC does at start-up. */
    static String resolveEnv(String text) {
        Map<String, String> env = containerEnv();
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = env.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(v != null ? v : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
