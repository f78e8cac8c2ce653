package org.the1studio.upm.jenkins;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.the1studio.upm.core.audit.AuditLog;
import org.the1studio.upm.core.audit.Redactor;
import org.the1studio.upm.core.publish.Outcome;
import org.the1studio.upm.core.publish.PackageOutcome;
import org.the1studio.upm.core.publish.PlanAction;
import org.the1studio.upm.core.publish.PublishReport;
import org.the1studio.upm.core.publish.PublishRequest;
import org.the1studio.upm.core.publish.RunInfo;
import org.the1studio.upm.core.publish.SideEffect;
import org.the1studio.upm.core.registry.RegistryClient;
import org.the1studio.upm.core.registry.RegistrySettings;

/**
 * What one {@code upmPublishPackages} call did, made on the agent from core's {@link PublishReport} and sent back to
 * the controller, where it becomes a section of the run page, the build result and the step's return value.
 *
 * <p>Plain serializable fields only (lists are {@link ArrayList}s): it crosses the agent channel and is stored in
 * {@code build.xml}.
 */
public final class PublishSummary implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String runId;
    private final boolean dryRun;
    private final String commit;
    private final String branch;
    private final String registry;
    private final ArrayList<PackageRow> packages;
    private final ArrayList<EffectRow> effects;
    private final ArrayList<String> notices;
    private final String auditFile;
    private String auditArtifact;

    private PublishSummary(PublishReport report, ArrayList<PackageRow> packages, String auditFile) {
        RunInfo info = report.run();
        this.runId = report.runId();
        this.dryRun = report.dryRun();
        this.commit = info == null ? null : info.commit();
        this.branch = info == null ? null : info.branch();
        this.registry = info == null ? null : info.registry();
        this.packages = packages;
        this.effects = new ArrayList<>();
        for (SideEffect e : report.sideEffects()) {
            effects.add(new EffectRow(e));
        }
        this.notices = new ArrayList<>(report.notices());
        this.auditFile = auditFile;
    }

    /** Runs on the agent: adds the registry page and changelog links, and finds the audit file the engine wrote. */
    static PublishSummary of(PublishReport report, PublishRequest request, Path workTree) {
        ArrayList<PackageRow> rows = new ArrayList<>();
        RunInfo info = report.run();
        try (RegistryClient registry = new RegistryClient(RegistrySettings.of(request.registry().toString(), null))) {
            for (PackageOutcome o : report.packages()) {
                boolean onRegistry = o.outcome() == Outcome.PUBLISHED
                        || o.outcome() == Outcome.SKIPPED && o.action() == PlanAction.SKIP_IDENTICAL;
                String page = onRegistry ? registry.packagePageUrl(o.name(), o.newVersion()).toString() : null;
                rows.add(new PackageRow(o, page, changelogUrl(info, o.changelogPath())));
            }
        }
        return new PublishSummary(report, rows, auditFile(report, request, workTree));
    }

    /** The changelog on GitHub, on the branch it was pushed to; {@code null} for other hosts or a detached head. */
    static String changelogUrl(RunInfo info, String changelogPath) {
        if (info == null || changelogPath == null || info.branch() == null || info.repository() == null
                || !info.repository().startsWith("https://github.com/")) {
            return null;
        }
        String repo = info.repository().replaceAll("(\\.git)?/*$", "");
        return repo + "/blob/" + info.branch() + "/" + changelogPath;
    }

    private static String auditFile(PublishReport report, PublishRequest request, Path workTree) {
        if (request.auditDir() == null || report.dryRun()) {
            return null;
        }
        Path dir = workTree.resolve(request.auditDir());
        Path file = new AuditLog(dir, new Redactor(List.of())).file(report);
        return Files.isRegularFile(file) ? workTree.relativize(file).toString().replace('\\', '/') : null;
    }

    public String getRunId() {
        return runId;
    }

    public boolean isDryRun() {
        return dryRun;
    }

    public String getCommit() {
        return commit;
    }

    public String getBranch() {
        return branch;
    }

    public String getRegistry() {
        return registry;
    }

    public List<PackageRow> getPackages() {
        return Collections.unmodifiableList(packages);
    }

    public List<EffectRow> getEffects() {
        return Collections.unmodifiableList(effects);
    }

    public List<String> getNotices() {
        return Collections.unmodifiableList(notices);
    }

    /** Workspace-relative path of the audit records of this publish, or {@code null} (dry run, not written). */
    public String getAuditFile() {
        return auditFile;
    }

    /** Path of the archived audit records under the build's artifacts, or {@code null} when not archived. */
    public String getAuditArtifact() {
        return auditArtifact;
    }

    void setAuditArtifact(String auditArtifact) {
        this.auditArtifact = auditArtifact;
    }

    /** True when a package failed: the build becomes FAILURE. */
    public boolean hasFailures() {
        return packages.stream().anyMatch(PackageRow::isFailed);
    }

    /** True when the changelog push or a notification failed: the build becomes UNSTABLE. */
    public boolean hasEffectFailures() {
        return effects.stream().anyMatch(e -> !e.isOk());
    }

    /** The step's return value: one map of strings, booleans and numbers per package. */
    ArrayList<Map<String, Object>> toStepResult() {
        ArrayList<Map<String, Object>> result = new ArrayList<>();
        for (PackageRow row : packages) {
            Map<String, Object> m = row.toMap();
            m.put("dryRun", dryRun);
            m.put("auditRecord", auditArtifact);
            result.add(m);
        }
        return result;
    }
}
