package org.the1studio.upm.core.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.the1studio.upm.core.config.UpmException;
import org.the1studio.upm.core.io.AtomicFile;
import org.the1studio.upm.core.io.Json;

/**
 * The fleet's list of package repositories, {@code repositories.json}: what the daily check, the cache refresh and
 * re-publishing walk over.
 *
 * <p>The file is checked against the JSON Schema shipped as {@link #SCHEMA_RESOURCE} (draft 2020-12, so editors
 * can check it too) and then for what a schema cannot say: URLs that parse as GitHub repositories, and no
 * repository listed twice (GitHub names are case-insensitive and {@code .git} is optional). Every problem names
 * the entry by position and URL, and the field. Instances are immutable; changes return a new registry that
 * {@link #save(Path)} writes back in a stable layout.
 */
public final class RepositoryRegistry {
    /** Default file name, looked up in the working directory. */
    public static final String FILE_NAME = "repositories.json";
    /** Class-path location of the JSON Schema. */
    public static final String SCHEMA_RESOURCE = "/org/the1studio/upm/core/fleet/repositories.schema.json";
    /** Value written to {@code $schema} in new files. */
    public static final String SCHEMA_ID = "https://the1studio.org/upm/repositories.schema.json";

    private static volatile Schema schema;

    private final List<RepositoryEntry> entries;

    private RepositoryRegistry(List<RepositoryEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** A registry with these entries (checked like a file: bad URLs and duplicates are refused). */
    public static RepositoryRegistry of(List<RepositoryEntry> entries) throws UpmException {
        List<RepositoryProblem> problems = new ArrayList<>();
        checkEntries(entries, problems);
        if (!problems.isEmpty()) {
            throw failure(null, problems);
        }
        return new RepositoryRegistry(entries);
    }

    /** An empty registry (for a file that does not exist yet). */
    public static RepositoryRegistry empty() {
        return new RepositoryRegistry(List.of());
    }

    /** Every entry, in file order. */
    public List<RepositoryEntry> entries() {
        return entries;
    }

    /** Entries with {@code status}. */
    public List<RepositoryEntry> withStatus(RepoStatus status) {
        return entries.stream().filter(e -> e.status() == status).toList();
    }

    /** The entry naming the same repository as {@code url} (case-insensitive, {@code .git} optional). */
    public Optional<RepositoryEntry> find(String url) {
        String key = RepoRef.parse(url).key();
        return entries.stream().filter(e -> e.ref().key().equals(key)).findFirst();
    }

    /** A copy with {@code entry} appended; refuses a repository that is already listed or a bad URL. */
    public RepositoryRegistry add(RepositoryEntry entry) throws UpmException {
        try {
            RepoRef.parse(entry.url());
        } catch (IllegalArgumentException e) {
            throw new UpmException(null, "url", e.getMessage(), null);
        }
        Optional<RepositoryEntry> existing = find(entry.url());
        if (existing.isPresent()) {
            throw new UpmException(null, "url", entry.url() + " is already listed as " + existing.get().url()
                    + " (status " + existing.get().status() + ")",
                    "use 'upm repos set-status " + existing.get().url() + " STATUS' to change it");
        }
        List<RepositoryEntry> all = new ArrayList<>(entries);
        all.add(entry);
        return of(all);
    }

    /** A copy with the status of {@code url}'s entry changed; refuses an unlisted repository. */
    public RepositoryRegistry setStatus(String url, RepoStatus status) throws UpmException {
        RepoRef ref;
        try {
            ref = RepoRef.parse(url);
        } catch (IllegalArgumentException e) {
            throw new UpmException(null, "url", e.getMessage(), null);
        }
        List<RepositoryEntry> all = new ArrayList<>();
        boolean found = false;
        for (RepositoryEntry e : entries) {
            if (e.ref().key().equals(ref.key())) {
                all.add(e.withStatus(status));
                found = true;
            } else {
                all.add(e);
            }
        }
        if (!found) {
            throw new UpmException(null, "url", url + " is not listed", "add it with 'upm repos add " + url + "'");
        }
        return new RepositoryRegistry(all);
    }

    /**
     * Reads and checks a file.
     *
     * @throws UpmException naming the file and listing every problem (exit code 2 in the CLI)
     */
    public static RepositoryRegistry load(Path file) throws UpmException {
        Loaded loaded = read(file);
        if (!loaded.problems.isEmpty()) {
            throw failure(file.toString(), loaded.problems);
        }
        return loaded.registry;
    }

    /** Reads {@code file}, or returns an empty registry when it does not exist. */
    public static RepositoryRegistry loadOrEmpty(Path file) throws UpmException {
        return Files.exists(file) ? load(file) : empty();
    }

    /** Every problem of a file (empty when it is valid); never throws for bad content. */
    public static List<RepositoryProblem> validate(Path file) {
        return read(file).problems;
    }

    /** Every problem of a JSON text (empty when it is valid). */
    public static List<RepositoryProblem> validate(String json) {
        return parse(json).problems;
    }

    /** Writes the registry (atomically, two-space indented, one entry per object, trailing newline). */
    public void save(Path file) throws IOException {
        AtomicFile.write(file, toJson().getBytes(StandardCharsets.UTF_8));
    }

    /** The file's text. */
    public String toJson() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("$schema", SCHEMA_ID);
        ArrayNode list = root.putArray("repositories");
        for (RepositoryEntry e : entries) {
            ObjectNode n = list.addObject();
            n.put("url", e.url());
            n.put("status", e.status().json());
            if (e.branch() != null) {
                n.put("branch", e.branch());
            }
            if (e.registry() != null) {
                n.put("registry", e.registry());
            }
            if (e.notes() != null) {
                n.put("notes", e.notes());
            }
        }
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return Json.MAPPER.writer(printer).writeValueAsString(root).replace("\" : ", "\": ") + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- reading

    private record Loaded(RepositoryRegistry registry, List<RepositoryProblem> problems) {}

    private static Loaded read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new Loaded(null, List.of(new RepositoryProblem(-1, null, null,
                    "file not found; create it with 'upm repos add URL'")));
        } catch (IOException e) {
            return new Loaded(null, List.of(new RepositoryProblem(-1, null, null, "cannot read: " + e.getMessage())));
        }
        return parse(text);
    }

    private static Loaded parse(String rawText) {
        String text = Json.withoutBom(rawText);
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return new Loaded(null, List.of(new RepositoryProblem(-1, null, null, "malformed JSON" + Json.position(e) + ": "
                    + e.getOriginalMessage())));
        }
        if (root == null || root.isMissingNode()) {
            return new Loaded(null, List.of(new RepositoryProblem(-1, null, null,
                    "is empty; it must be an object like {\"repositories\": [...]}")));
        }
        List<RepositoryProblem> problems = new ArrayList<>(schemaProblems(root, text));
        List<RepositoryEntry> entries = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        JsonNode list = root.path("repositories");
        if (list.isArray()) {
            for (int i = 0; i < list.size(); i++) {
                JsonNode n = list.get(i);
                String url = n.path("url").isTextual() ? n.path("url").textValue() : null;
                RepoStatus status = null;
                try {
                    status = n.path("status").isTextual() ? RepoStatus.parse(n.path("status").textValue()) : null;
                } catch (IllegalArgumentException ignored) {
                    // reported by the schema's enum
                }
                if (url == null || status == null) {
                    continue;
                }
                entries.add(new RepositoryEntry(url, status, text(n, "branch"), text(n, "registry"), text(n, "notes")));
                positions.add(i);
            }
        }
        Set<Integer> badUrl = problems.stream().filter(p -> "url".equals(p.field())).map(RepositoryProblem::index)
                .collect(Collectors.toSet());
        checkEntries(entries, positions, badUrl, problems);
        problems.sort(java.util.Comparator.comparingInt(RepositoryProblem::index));
        List<RepositoryProblem> unique = new ArrayList<>(new LinkedHashSet<>(problems));
        return new Loaded(unique.isEmpty() ? new RepositoryRegistry(entries) : null, unique);
    }

    private static void checkEntries(List<RepositoryEntry> entries, List<RepositoryProblem> problems) {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            positions.add(i);
        }
        checkEntries(entries, positions, Set.of(), problems);
    }

    /** URL syntax (GitHub-aware messages), duplicates, registry URLs. */
    private static void checkEntries(List<RepositoryEntry> entries, List<Integer> positions, Set<Integer> badUrl,
            List<RepositoryProblem> problems) {
        Map<String, Integer> seen = new HashMap<>();
        for (int k = 0; k < entries.size(); k++) {
            RepositoryEntry e = entries.get(k);
            int index = positions.get(k);
            RepoRef ref;
            try {
                ref = RepoRef.parse(e.url());
            } catch (IllegalArgumentException ex) {
                // the URL-specific message is clearer than the schema's pattern: replace it
                problems.removeIf(p -> p.index() == index && "url".equals(p.field()));
                problems.add(new RepositoryProblem(index, e.url(), "url", ex.getMessage()));
                continue;
            }
            if (badUrl.contains(index)) {
                continue;
            }
            Integer first = seen.putIfAbsent(ref.key(), k);
            if (first != null) {
                problems.add(new RepositoryProblem(index, e.url(), "url", "duplicate of repositories["
                        + positions.get(first) + "] (" + entries.get(first).url() + "): both name " + ref.fullName()
                        + " (GitHub names are case-insensitive and '.git' is optional); remove one"));
            }
            if (e.registry() != null) {
                registryProblem(e.registry()).ifPresent(m -> {
                    problems.removeIf(p -> p.index() == index && "registry".equals(p.field()));
                    problems.add(new RepositoryProblem(index, e.url(), "registry", m));
                });
            }
        }
    }

    private static Optional<String> registryProblem(String registry) {
        try {
            URI uri = new URI(registry);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                return Optional.of("'" + registry + "' is not an http(s) URL with a host, e.g. https://npm.acme.com/");
            }
            if (uri.getRawUserInfo() != null) {
                return Optional.of("the registry URL must not contain credentials; the token is passed in an"
                        + " environment variable");
            }
            return Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.of("'" + registry + "' is not a URL: " + e.getReason());
        }
    }

    private static List<RepositoryProblem> schemaProblems(JsonNode root, String text) {
        List<Error> errors = schema().validate(text, InputFormat.JSON);
        List<RepositoryProblem> problems = new ArrayList<>();
        for (Error e : errors) {
            NodePath at = e.getInstanceLocation();
            int index = -1;
            String field = null;
            if (at.getNameCount() >= 2 && "repositories".equals(at.getName(0)) && at.getElement(1) instanceof Integer i) {
                index = i;
                if (at.getNameCount() >= 3) {
                    field = at.getName(2);
                }
            } else if (at.getNameCount() >= 1) {
                field = at.getName(0);
            }
            JsonNode entry = index >= 0 ? root.path("repositories").path(index) : null;
            String url = entry != null && entry.path("url").isTextual() ? entry.path("url").textValue() : null;
            String keyword = e.getKeyword();
            String message;
            if ("required".equals(keyword)) {
                field = e.getProperty();
                message = "is missing" + ("status".equals(field) ? "; use one of " + RepoStatus.allowed()
                        : "url".equals(field) ? "; write the repository's https URL" : "");
            } else if ("additionalProperties".equals(keyword)) {
                field = e.getProperty();
                message = "unknown field; known fields are " + (index >= 0 ? "url, status, branch, registry, notes"
                        : "$schema, repositories");
            } else if ("enum".equals(keyword) && "status".equals(field)) {
                message = "'" + entry.path("status").asText() + "' is not a status; use one of " + RepoStatus.allowed();
            } else if ("type".equals(keyword)) {
                message = "has the wrong type: " + e.getMessage().replaceFirst("^\\S+: ", "");
            } else if ("pattern".equals(keyword) && "url".equals(field)) {
                message = "'" + url + "' is not a repository URL of the form https://github.com/OWNER/NAME";
            } else if ("pattern".equals(keyword) && "branch".equals(field)) {
                message = "'" + entry.path("branch").asText() + "' is not a valid branch name";
            } else if ("pattern".equals(keyword) && "registry".equals(field)) {
                message = "'" + entry.path("registry").asText() + "' is not an http(s) URL";
            } else {
                message = e.getMessage().replaceFirst("^\\S+: ", "");
            }
            problems.add(new RepositoryProblem(index, url, field, message));
        }
        return problems;
    }

    private static Schema schema() {
        Schema s = schema;
        if (s == null) {
            try (InputStream in = RepositoryRegistry.class.getResourceAsStream(SCHEMA_RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("schema resource missing: " + SCHEMA_RESOURCE);
                }
                s = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            schema = s;
        }
        return s;
    }

    /** The JSON Schema text, for {@code upm repos schema} and editors. */
    public static String schemaText() {
        try (InputStream in = RepositoryRegistry.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isTextual() ? v.textValue() : null;
    }

    private static UpmException failure(String file, List<RepositoryProblem> problems) {
        String list = problems.stream().map(RepositoryProblem::describe).collect(Collectors.joining("; "));
        return new UpmException(file == null ? FILE_NAME : file, null,
                problems.size() == 1 ? list : problems.size() + " problems: " + list,
                "fix the entries named, then run 'upm repos validate'");
    }
}
