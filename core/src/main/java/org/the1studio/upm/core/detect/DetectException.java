package org.the1studio.upm.core.detect;

/**
 * Change detection cannot run: a revision is unknown, missing from a shallow clone, or the repository cannot be read.
 *
 * <p>Why a checked exception with a hint: these are problems of the checkout or the arguments, which the user fixes
 * (fetch more history, correct {@code --base}), not problems of a package. The message names the revision or file;
 * {@link #hint()} says what to do.
 */
public class DetectException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String hint;

    public DetectException(String message, String hint) {
        this(message, hint, null);
    }

    public DetectException(String message, String hint, Throwable cause) {
        super(message, cause);
        this.hint = hint;
    }

    /** What to do about it, or {@code null}. */
    public String hint() {
        return hint;
    }

    /** The message followed by the hint, for one-line reports: {@code message (hint: ...)}. */
    public String describe() {
        return hint == null || hint.isBlank() ? getMessage() : getMessage() + " (hint: " + hint + ")";
    }
}
