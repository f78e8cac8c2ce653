package org.the1studio.upm.core.fleet;

/**
 * How fleet operations talk while they work. Nothing in core prints: the CLI writes these lines to the terminal,
 * the Jenkins step to the build log. Messages never contain secrets.
 */
public interface FleetListener {
    /** A listener that ignores everything. */
    FleetListener SILENT = new FleetListener() {};

    /** A step worth a log line. */
    default void info(String message) {}

    /** Something to look at that did not stop the operation. */
    default void warn(String message) {}
}
