package org.the1studio.upm.core.pack;

import java.io.IOException;

/**
 * A package directory that cannot be packed as it is: missing or unreadable {@code package.json}, a symbolic link
 * pointing outside the package, an unreadable file or directory. The message names the file and what to do.
 *
 * <p>An {@link IOException} so that callers that only care about "packing failed" need a single catch.
 */
public final class PackException extends IOException {
    private static final long serialVersionUID = 1L;

    public PackException(String message) {
        super(message);
    }

    public PackException(String message, Throwable cause) {
        super(message, cause);
    }
}
