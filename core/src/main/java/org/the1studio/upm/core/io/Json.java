package org.the1studio.upm.core.io;

import com.fasterxml.jackson.databind.ObjectMapper;

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
}
