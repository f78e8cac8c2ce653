package org.the1studio.upm.core.config;

/**
 * A problem the user must fix (bad configuration, bad usage, unreadable input), as opposed to a package that failed.
 *
 * <p>The message always says where (file and field when there is one) and what to do. The CLI maps it to exit code 2;
 * the Jenkins plugin to an {@code AbortException}. Never carries a secret.
 */
public class UpmException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final String field;
    private final String hint;

    public UpmException(String message) {
        this(null, null, message, null, null);
    }

    public UpmException(String file, String field, String message, String hint) {
        this(file, field, message, hint, null);
    }

    public UpmException(String file, String field, String message, String hint, Throwable cause) {
        super(format(file, field, message, hint), cause);
        this.file = file;
        this.field = field;
        this.hint = hint;
    }

    /** The file at fault, or {@code null}. */
    public String file() {
        return file;
    }

    /** The field at fault, or {@code null}. */
    public String field() {
        return field;
    }

    /** What to do about it, or {@code null}. */
    public String hint() {
        return hint;
    }

    static String format(String file, String field, String message, String hint) {
        StringBuilder sb = new StringBuilder();
        if (file != null) {
            sb.append(file);
            if (field != null) {
                sb.append(": field '").append(field).append('\'');
            }
            sb.append(": ");
        } else if (field != null) {
            sb.append("'").append(field).append("': ");
        }
        sb.append(message);
        if (hint != null && !hint.isBlank()) {
            sb.append(" (hint: ").append(hint).append(')');
        }
        return sb.toString();
    }
}
