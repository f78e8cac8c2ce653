package org.the1studio.upm.jenkins;

import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import java.util.Map;
import jenkins.util.BuildListenerAdapter;

/**
 * Archives the audit records of a publish with the build, so they outlive the (often ephemeral) agent workspace and
 * can be linked from the run page. The records are also kept in the workspace for the pipeline to use.
 */
final class AuditArchive {
    private AuditArchive() {}

    /** Archives {@code auditFile} (workspace-relative) under the same path; returns that path, or {@code null}. */
    static String archive(Run<?, ?> run, FilePath workspace, Launcher launcher, TaskListener listener, String auditFile)
            throws InterruptedException {
        if (auditFile == null) {
            return null;
        }
        try {
            run.pickArtifactManager().archive(workspace, launcher, BuildListenerAdapter.wrap(listener),
                    Map.of(auditFile, auditFile));
            listener.getLogger().println("[upm] archived the audit records " + auditFile);
            return auditFile;
        } catch (IOException e) {
            listener.getLogger().println("[upm] WARNING: cannot archive the audit records " + auditFile + ": "
                    + e.getMessage());
            return null;
        }
    }
}
