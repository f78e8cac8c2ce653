package org.the1studio.upm.core.fleet;

/**
 * A GitHub API call that failed, typed so callers can tell "no such repository" from "no access" from "try later".
 * The message names the repository and what was asked; {@link #hint()} says what to do. Never carries the token.
 */
public class GitHubException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What kind of failure. */
    public enum Kind {
        /** 404: missing, or private and invisible to the token (GitHub does not say which). */
        NOT_FOUND,
        /** 401: the token is wrong or expired. */
        UNAUTHORIZED,
        /** 403 without a rate limit: the token lacks a permission. */
        FORBIDDEN,
        /** 422: GitHub refused the request as invalid (for example a branch that already exists). */
        UNPROCESSABLE,
        /** A rate limit that resets later than we may wait. */
        RATE_LIMITED,
        /** Network failure, timeout or 5xx. */
        UNAVAILABLE,
        /** An answer we did not expect. */
        PROTOCOL
    }

    private final Kind kind;
    private final int status;
    private final String hint;

    public GitHubException(Kind kind, int status, String message, String hint, Throwable cause) {
        super(message + (hint == null ? "" : " (hint: " + hint + ")"), cause);
        this.kind = kind;
        this.status = status;
        this.hint = hint;
    }

    public Kind kind() {
        return kind;
    }

    /** HTTP status, or -1 when there was no answer. */
    public int status() {
        return status;
    }

    public String hint() {
        return hint;
    }
}
