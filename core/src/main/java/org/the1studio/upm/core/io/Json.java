package org.the1studio.upm.core.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;

/**
 * The engine's one Jackson mapper, with Jackson's defaults. One mapper means one set of serializer and deserializer
 * caches: every new mapper builds its own again, which a short-lived {@code upm} process pays for on its critical path.
 *
 * <p>Never reconfigure it: code that needs other settings derives an {@code ObjectReader} or {@code ObjectWriter}
 * from it (those are immutable) or keeps a mapper of its own.
 */
public final class Json {
    /** Shared and thread-safe; do not call its {@code configure}/{@code enable}/{@code disable} methods. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    /** Parses UTF-8 JSON as a tree, skipping a leading byte order mark (editors on Windows write one). */
    public static JsonNode readTree(byte[] utf8) throws JsonProcessingException {
        return readTree(new String(utf8, StandardCharsets.UTF_8));
    }

    /** Parses JSON text as a tree, skipping a leading byte order mark. */
    public static JsonNode readTree(String text) throws JsonProcessingException {
        return MAPPER.readTree(withoutBom(text));
    }

    /** {@code text} without a leading byte order mark. */
    public static String withoutBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** " at line L, column C" for a parse error, or "" when Jackson does not know where it is. */
    public static String position(JsonProcessingException e) {
        JsonLocation at = e.getLocation();
        return at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }
}
