package org.the1studio.upm.core.registry;

/**
 * The registry could not be reached or kept failing (network error, timeout, 5xx, 429) after every retry, or a
 * published version did not become visible in time. Usually transient: the build can be re-run.
 */
public class RegistryUnavailableException extends RegistryException {
    private static final long serialVersionUID = 1L;

    public RegistryUnavailableException(String message, String hint, int status, Throwable cause) {
        super(message, hint, status, cause);
    }
}
