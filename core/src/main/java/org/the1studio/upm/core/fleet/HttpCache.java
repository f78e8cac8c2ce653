package org.the1studio.upm.core.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.the1studio.upm.core.io.Json;

/**
 * GET answers kept with their validator ({@code ETag} or {@code Last-Modified}) so the next request for the same
 * URL can be conditional: GitHub answers 304 when nothing changed, and 304s do not count against the rate limit.
 *
 * <p>Kept in memory and, when a folder is given, on disk (one small JSON file per URL, named by its SHA-256), so a
 * scheduled cache refresh that finds an unchanged fleet costs almost nothing. A damaged or unwritable entry is
 * only a miss: the cache is an optimisation, never a source of failure. No credential is ever written.
 */
final class HttpCache {

    /** A kept answer. */
    record Entry(String etag, String lastModified, byte[] body) {}

    private final Path dir;
    private final Map<String, Entry> memory = new ConcurrentHashMap<>();

    HttpCache(Path dir) {
        this.dir = dir;
    }

    Entry get(String key) {
        Entry e = memory.get(key);
        if (e != null || dir == null) {
            return e;
        }
        Path f = dir.resolve(fileName(key));
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try {
            JsonNode n = Json.MAPPER.readTree(f.toFile());
            if (!key.equals(n.path("key").asText())) {
                return null;
            }
            e = new Entry(n.hasNonNull("etag") ? n.get("etag").asText() : null,
                    n.hasNonNull("lastModified") ? n.get("lastModified").asText() : null,
                    Base64.getDecoder().decode(n.path("body").asText()));
            memory.put(key, e);
            return e;
        } catch (IOException | IllegalArgumentException ex) {
            return null;
        }
    }

    void put(String key, Entry e) {
        memory.put(key, e);
        if (dir == null) {
            return;
        }
        try {
            Files.createDirectories(dir);
            ObjectNode n = Json.MAPPER.createObjectNode();
            n.put("key", key);
            n.put("etag", e.etag());
            n.put("lastModified", e.lastModified());
            n.put("body", Base64.getEncoder().encodeToString(e.body()));
            Path tmp = Files.createTempFile(dir, ".entry", ".tmp");
            Files.write(tmp, Json.MAPPER.writeValueAsBytes(n));
            Files.move(tmp, dir.resolve(fileName(key)), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException ex) {
            // an optimisation only: the next run makes a full request
        }
    }

    private static String fileName(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8))) + ".json";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
