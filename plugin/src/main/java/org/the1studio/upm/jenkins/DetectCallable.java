package org.the1studio.upm.jenkins;

import hudson.AbortException;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;
import org.the1studio.upm.core.detect.ChangeDetector;
import org.the1studio.upm.core.detect.DetectException;
import org.the1studio.upm.core.detect.Detection;
import org.the1studio.upm.core.detect.ManifestProblem;
import org.the1studio.upm.core.detect.PackageChange;

/**
 * Core's change detection, run on the agent next to the git checkout; returns one plain map per changed package and
 * logs the manifests it had to ignore.
 */
final class DetectCallable extends MasterToSlaveFileCallable<ArrayList<Map<String, Object>>> {
    private static final long serialVersionUID = 1L;

    private final String base;
    private final String head;
    private final TaskListener listener;

    DetectCallable(String base, String head, TaskListener listener) {
        this.base = base;
        this.head = head;
        this.listener = listener;
    }

    @Override
    public ArrayList<Map<String, Object>> invoke(File workspace, VirtualChannel channel)
            throws IOException, InterruptedException {
        Detection detection;
        try {
            detection = new ChangeDetector(workspace.toPath().toAbsolutePath().normalize()).detect(base, head);
        } catch (DetectException e) {
            throw new AbortException("[upm] " + e.getMessage() + (e.hint() == null ? "" : " (" + e.hint() + ")"));
        }
        PrintStream out = listener.getLogger();
        out.println("[upm] comparing " + (detection.baseCommit() == null ? "the empty tree" : detection.baseCommit())
                + " .. " + detection.headCommit() + ": " + detection.changes().size() + " package version change(s)");
        detection.notices().forEach(n -> out.println("[upm] " + n));
        for (ManifestProblem p : detection.problems()) {
            out.println("[upm] WARNING: " + p.manifestPath() + (p.field() == null ? "" : ": field '" + p.field() + "'")
                    + ": " + p.message());
        }
        ArrayList<Map<String, Object>> result = new ArrayList<>();
        for (PackageChange c : detection.changes()) {
            out.println("[upm] " + c.name() + " " + (c.oldVersion() == null ? "new" : c.oldVersion()) + " -> "
                    + c.newVersion() + " (" + c.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                    + ", " + (c.path().isEmpty() ? "repository root" : c.path()) + ")");
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", c.name());
            m.put("path", c.path());
            m.put("oldPath", c.oldPath());
            m.put("oldVersion", c.oldVersion());
            m.put("newVersion", c.newVersion());
            m.put("kind", c.kind().name());
            m.put("manifestPath", c.manifestPath());
            result.add(m);
        }
        return result;
    }
}
