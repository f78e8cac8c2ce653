package org.the1studio.upm.cli;

import java.io.PrintWriter;
import org.the1studio.upm.core.publish.PackageOutcome;
import org.the1studio.upm.core.publish.PublishListener;

/**
 * Prints engine events to standard error, so that standard output stays clean for {@code --json}.
 * Upload progress is drawn on one line only when a terminal is attached and the upload is large.
 */
final class ConsoleListener implements PublishListener {
    private static final long PROGRESS_THRESHOLD = 1024 * 1024;

    private final PrintWriter err;
    private final boolean verbose;
    private final boolean terminal = System.console() != null;
    private boolean progressLine;
    private int lastPercent = -1;

    ConsoleListener(PrintWriter err, boolean verbose) {
        this.err = err;
        this.verbose = verbose;
    }

    @Override
    public void info(String message) {
        if (verbose) {
            endProgress();
            err.println("[upm] " + message);
        }
    }

    @Override
    public void warn(String message) {
        endProgress();
        err.println("[upm] WARNING: " + message);
    }

    @Override
    public void progress(String packageId, long sent, long total) {
        if (!terminal || total < PROGRESS_THRESHOLD) {
            return;
        }
        int percent = (int) (sent * 100 / Math.max(1, total));
        if (percent == lastPercent) {
            return;
        }
        lastPercent = percent;
        int bars = percent / 4;
        err.print("\r[upm] uploading " + packageId + " [" + "#".repeat(bars) + " ".repeat(25 - bars) + "] " + percent
                + "% of " + (total / (1024 * 1024)) + " MB");
        err.flush();
        progressLine = percent < 100;
        if (!progressLine) {
            err.println();
        }
    }

    @Override
    public void outcome(PackageOutcome outcome) {
        endProgress();
    }

    void finish() {
        endProgress();
        err.flush();
    }

    private void endProgress() {
        if (progressLine) {
            err.println();
            progressLine = false;
        }
        lastPercent = -1;
    }
}
