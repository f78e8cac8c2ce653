package org.the1studio.upm.core.registry;

/**
 * Upload progress of a publish, so a CLI or Jenkins can show how far a large tarball is.
 *
 * <p>{@code sent} and {@code total} count bytes of the HTTP request body (the JSON document with the base64 tarball,
 * about 4/3 of the tarball size). Called from the HTTP client's thread, at most about once per MiB and once with
 * {@code sent == total}; a retried upload starts again at 0.
 */
@FunctionalInterface
public interface ProgressListener {
    /** Ignores progress. */
    ProgressListener NONE = (sent, total) -> { };

    void progress(long sent, long total);
}
