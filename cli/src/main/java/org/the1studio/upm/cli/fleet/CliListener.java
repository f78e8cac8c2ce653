package org.the1studio.upm.cli.fleet;

import java.io.PrintWriter;
import org.the1studio.upm.core.fleet.FleetListener;

/** Fleet progress on standard error ({@code [upm] ...}), so standard output stays clean for reports and JSON. */
final class CliListener implements FleetListener {
    private final PrintWriter err;
    private final boolean verbose;

    CliListener(PrintWriter err, boolean verbose) {
        this.err = err;
        this.verbose = verbose;
    }

    @Override
    public synchronized void info(String message) {
        if (verbose) {
            err.println("[upm] " + message);
            err.flush();
        }
    }

    @Override
    public synchronized void warn(String message) {
        err.println("[upm] WARNING: " + message);
        err.flush();
    }
}
