package org.the1studio.upm.core.registry;

/**
 * The version is already on the registry (npm versions are immutable), or the registry holds different content than
 * we published. {@link #sameContent()} tells the two situations apart: {@code true} when the registry's version has
 * exactly our integrity (nothing to do), {@code false} when it differs or could not be compared.
 */
public class RegistryConflictException extends RegistryException {
    private static final long serialVersionUID = 1L;

    private final boolean sameContent;

    public RegistryConflictException(String message, String hint, int status, boolean sameContent) {
        super(message, hint, status, null);
        this.sameContent = sameContent;
    }

    /** Whether the version on the registry has the same integrity as ours. */
    public boolean sameContent() {
        return sameContent;
    }
}
