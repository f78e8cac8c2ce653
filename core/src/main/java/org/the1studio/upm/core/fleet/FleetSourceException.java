package org.the1studio.upm.core.fleet;

/** A repository that could not be read; the message names it and says why (and what to do when known). */
public class FleetSourceException extends Exception {
    private static final long serialVersionUID = 1L;

    public FleetSourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
