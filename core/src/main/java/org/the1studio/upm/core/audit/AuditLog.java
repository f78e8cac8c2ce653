package org.the1studio.upm.core.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.stream.Stream;
import org.the1studio.upm.core.io.Json;
import org.the1studio.upm.core.publish.Outcome;
import org.the1studio.upm.core.publish.PackageOutcome;
import org.the1studio.upm.core.publish.PublishReport;
import org.the1studio.upm.core.publish.RunInfo;
import org.the1studio.upm.core.publish.SideEffect;

/**
 * The audit trail: one JSON object per line for every package outcome, every side effect and every run.
 *
 * <p>Each run writes its own file {@code upm-<UTC time>-<runId>.jsonl} in the audit folder, so CI can archive a
 * build's records on their own and a studio can concatenate them all with {@code cat}. Every string passes through
 * the {@link Redactor} first: an audit file never holds a secret, even one a server echoed back in an error.
 */
public final class AuditLog {
    /** Version of the record layout, written in every record. */
    public static final int SCHEMA = 1;
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path dir;
    private final Redactor redactor;
    private final Clock clock;

    public AuditLog(Path dir, Redactor redactor) {
        this(dir, redactor, Clock.systemUTC());
    }

    public AuditLog(Path dir, Redactor redactor, Clock clock) {
        this.dir = dir;
        this.redactor = redactor;
        this.clock = clock;
    }

    /** The file that holds (or will hold) the records of a run. */
    public Path file(PublishReport report) {
        return dir.resolve("upm-" + FILE_TIME.format(report.started()) + "-" + report.runId() + ".jsonl");
    }

    /** Writes one record per package and one for the run; returns the file. */
    public Path record(PublishReport report) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (PackageOutcome p : report.packages()) {
            lines.append(line(packageRecord(report, p)));
        }
        for (SideEffect s : report.sideEffects()) {
            lines.append(line(sideEffectRecord(report, s)));
        }
        lines.append(line(runRecord(report)));
        return append(report, lines.toString());
    }

    /** Appends the record of a side effect that happened after the run was recorded (a notification, a push). */
    public Path recordSideEffect(PublishReport report, SideEffect effect) throws IOException {
        return append(report, line(sideEffectRecord(report, effect)));
    }

    private Path append(PublishReport report, String text) throws IOException {
        Files.createDirectories(dir);
        Path file = file(report);
        Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        return file;
    }

    /**
     * Deletes audit files older than {@code keep}; returns how many. Files that are not ours are left alone.
     */
    public int prune(Duration keep) throws IOException {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        Instant limit = clock.instant().minus(keep);
        int deleted = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(f -> f.getFileName().toString().matches("upm-\\d{8}T\\d{6}Z-.+\\.jsonl")).toList()) {
                if (Files.getLastModifiedTime(f).toInstant().isBefore(limit)) {
                    Files.delete(f);
                    deleted++;
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return deleted;
    }

    private ObjectNode base(PublishReport report, String type) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("schema", SCHEMA);
        n.put("type", type);
        n.put("time", clock.instant().toString());
        n.put("runId", report.runId());
        n.put("dryRun", report.dryRun());
        RunInfo run = report.run();
        put(n, "repository", run.repository());
        put(n, "branch", run.branch());
        put(n, "commit", run.commit());
        put(n, "baseCommit", run.baseCommit());
        put(n, "author", run.author());
        put(n, "registry", run.registry());
        put(n, "buildUrl", run.buildUrl());
        return n;
    }

    private ObjectNode packageRecord(PublishReport report, PackageOutcome p) {
        ObjectNode n = base(report, "package");
        put(n, "package", p.name());
        put(n, "path", p.path());
        put(n, "oldVersion", p.oldVersion());
        put(n, "newVersion", p.newVersion());
        put(n, "bump", p.bump() == null ? null : p.bump().label());
        put(n, "action", p.action().name().toLowerCase(java.util.Locale.ROOT));
        put(n, "result", p.outcome().name().toLowerCase(java.util.Locale.ROOT));
        put(n, "reason", p.reason());
        put(n, "distTag", p.distTag());
        put(n, "shasum", p.shasum());
        put(n, "integrity", p.integrity());
        n.put("tarballSize", p.tarballSize());
        put(n, "changelog", p.changelogPath());
        n.put("durationMs", p.duration() == null ? 0 : p.duration().toMillis());
        return n;
    }

    private ObjectNode sideEffectRecord(PublishReport report, SideEffect s) {
        ObjectNode n = base(report, "side-effect");
        put(n, "kind", s.kind());
        n.put("ok", s.ok());
        put(n, "detail", s.detail());
        return n;
    }

    private ObjectNode runRecord(PublishReport report) {
        ObjectNode n = base(report, "run");
        put(n, "started", report.started().toString());
        n.put("durationMs", report.duration().toMillis());
        ObjectNode counts = n.putObject("counts");
        for (Outcome o : Outcome.values()) {
            counts.put(o.name().toLowerCase(java.util.Locale.ROOT),
                    report.packages().stream().filter(p -> p.outcome() == o).count());
        }
        n.put("result", report.hasFailures() ? "failed" : report.hasSideEffectFailures() ? "unstable" : "ok");
        n.put("exitCode", report.exitCode());
        var notices = n.putArray("notices");
        report.notices().forEach(s -> notices.add(redactor.redact(s)));
        return n;
    }

    private void put(ObjectNode n, String field, String value) {
        if (value == null) {
            n.putNull(field);
        } else {
            n.put(field, redactor.redact(value));
        }
    }

    private static String line(ObjectNode n) {
        try {
            return Json.MAPPER.writeValueAsString(n) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise an audit record", e);
        }
    }
}
