package org.the1studio.upm.core.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.the1studio.upm.core.config.UpmException;
import org.the1studio.upm.core.io.AtomicFile;
import org.the1studio.upm.core.io.Json;

/**
 * {@code package-cache.json}: every Unity package of every active repository (at the tip of its branch) and what the
 * registry holds for each name, as of {@link #generated()}.
 *
 * <p>It is the fleet's memory between runs: the scheduled refresh writes it, {@code upm fleet check} compares it,
 * the next refresh reuses the packages of repositories whose tip commit did not move (so an unchanged fleet costs
 * one conditional request per repository), and {@link #known()} remembers names that were once in a repository so
 * that a package that vanished from every repository but is still on the registry shows up as orphaned.
 *
 * @param schema       layout version ({@link #SCHEMA})
 * @param generated    ISO-8601 time of the build
 * @param registry     the fleet's default registry URL
 * @param source       {@code github} or {@code clones}
 * @param repositories one entry per scanned repository, in {@code repositories.json} order
 * @param published    one entry per (registry, name) asked
 * @param known        every name ever seen in a repository
 */
public record PackageCache(int schema, String generated, String registry, String source,
        List<CachedRepository> repositories, List<PublishedPackage> published, List<KnownPackage> known) {
    /** Current layout version. */
    public static final int SCHEMA = 1;
    /** Default file name. */
    public static final String FILE_NAME = "package-cache.json";

    private static final ObjectReader READER = Json.MAPPER.readerFor(PackageCache.class)
            .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ObjectWriter WRITER = Json.MAPPER.writerWithDefaultPrettyPrinter();

    public PackageCache {
        repositories = repositories == null ? List.of() : List.copyOf(repositories);
        published = published == null ? List.of() : List.copyOf(published);
        known = known == null ? List.of() : List.copyOf(known);
    }

    /** The cached repository with this URL (case-insensitive, {@code .git} optional). */
    public Optional<CachedRepository> repository(String url) {
        String key = RepoRef.parse(url).key();
        return repositories.stream().filter(r -> RepoRef.parse(r.url()).key().equals(key)).findFirst();
    }

    /** The registry's answer for a name, when asked. */
    public Optional<PublishedPackage> published(String registry, String name) {
        return Optional.ofNullable(index().get(PublishedPackage.key(registry, name)));
    }

    private Map<String, PublishedPackage> index() {
        Map<String, PublishedPackage> m = new HashMap<>();
        published.forEach(p -> m.put(p.key(), p));
        return m;
    }

    /** Reads a cache file. */
    public static PackageCache load(Path file) throws UpmException {
        try {
            PackageCache c = READER.readValue(Files.readString(file, StandardCharsets.UTF_8));
            if (c == null) {
                throw new UpmException(file.toString(), null, "is empty", "rebuild it with 'upm cache build'");
            }
            if (c.schema() != SCHEMA) {
                throw new UpmException(file.toString(), "schema", "layout " + c.schema() + " is not " + SCHEMA,
                        "rebuild it with 'upm cache build'");
            }
            return c;
        } catch (NoSuchFileException e) {
            throw new UpmException(file.toString(), null, "not found", "build it with 'upm cache build'", e);
        } catch (JsonProcessingException e) {
            throw new UpmException(file.toString(), null, "is not a package cache: " + e.getOriginalMessage(),
                    "rebuild it with 'upm cache build'", e);
        } catch (IOException e) {
            throw new UpmException(file.toString(), null, "cannot read: " + e.getMessage(), null, e);
        }
    }

    /** Reads a cache file when it exists and is readable; empty otherwise (a rebuild starts from scratch). */
    public static Optional<PackageCache> loadIfPresent(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(load(file));
        } catch (UpmException e) {
            return Optional.empty();
        }
    }

    /** Writes the cache atomically. */
    public void save(Path file) throws IOException {
        AtomicFile.write(file, toJson().getBytes(StandardCharsets.UTF_8));
    }

    /** The file's text. */
    public String toJson() {
        try {
            return WRITER.writeValueAsString(this) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
