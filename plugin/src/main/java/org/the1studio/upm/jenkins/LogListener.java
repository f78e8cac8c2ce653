package org.the1studio.upm.jenkins;

import hudson.model.TaskListener;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;
import org.the1studio.upm.core.fleet.FleetListener;
import org.the1studio.upm.core.publish.PublishListener;

/**
 * Writes core's events (of a publish or of a fleet operation) to the build log, one concise line each, prefixed
 * {@code [upm]}. Core never puts a secret in a message, so nothing is filtered here. Package results are printed by
 * the step on the controller, where the log can carry hyperlinks; large uploads report every quarter.
 */
final class LogListener implements PublishListener, FleetListener {
    private static final long PROGRESS_THRESHOLD = 8L * 1024 * 1024;

    private final PrintStream out;
    private final Map<String, Long> quarters = new HashMap<>();

    LogListener(TaskListener listener) {
        this.out = listener.getLogger();
    }

    @Override
    public void info(String message) {
        out.println("[upm] " + message);
    }

    @Override
    public void warn(String message) {
        out.println("[upm] WARNING: " + message);
    }

    @Override
    public void progress(String packageId, long sent, long total) {
        if (total < PROGRESS_THRESHOLD) {
            return;
        }
        long quarter = sent * 4 / total;
        Long last = quarters.put(packageId, quarter);
        if (quarter > 0 && (last == null || quarter > last)) {
            out.println("[upm] uploading " + packageId + ": " + quarter * 25 + "% of " + total / (1024 * 1024) + " MB");
        }
    }
}
