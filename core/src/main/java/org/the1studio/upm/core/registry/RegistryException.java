package org.the1studio.upm.core.registry;

/**
 * A registry call that did not succeed, with what to do about it.
 *
 * <p>Why typed: the orchestrator reacts differently to a bad token (stop, fix the credential), a version that already
 * exists (skip or refuse), and an outage (retry the build later). The message names the registry, the request and
 * the answer; {@link #hint()} says what to do next. Neither ever contains the token: server echoes are redacted
 * before they get here.
 */
public class RegistryException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String hint;
    private final int status;

    public RegistryException(String message, String hint, int status, Throwable cause) {
        super(message, cause);
        this.hint = hint;
        this.status = status;
    }

    /** What to do about it (may be empty, never null). */
    public String hint() {
        return hint == null ? "" : hint;
    }

    /** The HTTP status of the last answer, or -1 when there was no HTTP answer (network failure, timeout). */
    public int status() {
        return status;
    }
}
