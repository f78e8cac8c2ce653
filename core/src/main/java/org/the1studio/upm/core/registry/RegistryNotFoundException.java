package org.the1studio.upm.core.registry;

/** The package or version does not exist on the registry (HTTP 404 where something was expected). */
public class RegistryNotFoundException extends RegistryException {
    private static final long serialVersionUID = 1L;

    public RegistryNotFoundException(String message, String hint, int status) {
        super(message, hint, status, null);
    }
}
