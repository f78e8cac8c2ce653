package org.the1studio.upm.core.registry;

/** The registry refused the credentials (HTTP 401 or 403): a missing, expired or under-privileged token. */
public class RegistryAuthException extends RegistryException {
    private static final long serialVersionUID = 1L;

    public RegistryAuthException(String message, String hint, int status) {
        super(message, hint, status, null);
    }
}
