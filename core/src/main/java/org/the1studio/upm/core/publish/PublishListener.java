package org.the1studio.upm.core.publish;

/**
 * How the engine talks while it works. Nothing in core prints; the CLI writes to the terminal and the Jenkins
 * plugin to the build log. Messages never contain secrets.
 */
public interface PublishListener {

    /** A listener that ignores everything. */
    PublishListener SILENT = new PublishListener() {};

    /** A step worth a log line. */
    default void info(String message) {}

    /** Something the user should look at, that did not stop the run. */
    default void warn(String message) {}

    /** Upload progress for a tarball; {@code total} is the body size in bytes. */
    default void progress(String packageId, long sent, long total) {}

    /** A package is done. */
    default void outcome(PackageOutcome outcome) {}
}
