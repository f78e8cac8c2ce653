package org.the1studio.upm.core.registry;

/** The registry answered something the npm registry protocol does not allow (unexpected status, malformed JSON). */
public class RegistryProtocolException extends RegistryException {
    private static final long serialVersionUID = 1L;

    public RegistryProtocolException(String message, String hint, int status, Throwable cause) {
        super(message, hint, status, cause);
    }
}
