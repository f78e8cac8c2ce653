package org.the1studio.upm.core.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.the1studio.upm.core.publish.Outcome;
import org.the1studio.upm.core.publish.PackageOutcome;
import org.the1studio.upm.core.publish.PlanAction;
import org.the1studio.upm.core.publish.PublishReport;
import org.the1studio.upm.core.publish.RunInfo;
import org.the1studio.upm.core.publish.SideEffect;
import org.the1studio.upm.core.secret.Secret;
import org.the1studio.upm.core.version.BumpKind;

class AuditLogTest {
    @TempDir Path dir;
    private final ObjectMapper json = new ObjectMapper();
    private final Secret token = Secret.of("tok-9f8e7d6c5b4a");

    private PublishReport report(String reason) {
        RunInfo run = new RunInfo("https://github.com/acme/pkgs", "a".repeat(40), null, "Dev", "feat: x", "main",
                "http://127.0.0.1:4873/", "https://ci.example/job/1/");
        PackageOutcome ok = new PackageOutcome("com.acme.a", "Packages/a", "1.0.0", "1.1.0", BumpKind.MINOR,
                PlanAction.PUBLISH, Outcome.PUBLISHED, "published", "latest", "abc", "sha512-x", 10, "Packages/a/CHANGELOG.md",
                Duration.ofMillis(1234));
        PackageOutcome bad = new PackageOutcome("com.acme.b", "Packages/b", "2.0.0", "1.0.0", BumpKind.NONE,
                PlanAction.REJECT_ROLLBACK, Outcome.FAILED, reason, null, null, null, 0, null, Duration.ZERO);
        return new PublishReport("run-1", run, false, List.of(ok, bad), List.of("ignored x/package.json"),
                List.of(new SideEffect("changelog-push", true, "pushed")), Instant.parse("2026-11-24T10:00:00Z"),
                Duration.ofSeconds(3));
    }

    @Test
    void onePackageRecordPerOutcomeThenSideEffectsThenTheRun() throws Exception {
        Path file = new AuditLog(dir, new Redactor(List.of(token))).record(report("rollback refused"));
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(4);
        JsonNode first = json.readTree(lines.get(0));
        assertThat(first.get("type").asText()).isEqualTo("package");
        assertThat(first.get("package").asText()).isEqualTo("com.acme.a");
        assertThat(first.get("oldVersion").asText()).isEqualTo("1.0.0");
        assertThat(first.get("newVersion").asText()).isEqualTo("1.1.0");
        assertThat(first.get("action").asText()).isEqualTo("publish");
        assertThat(first.get("result").asText()).isEqualTo("published");
        assertThat(first.get("durationMs").asLong()).isEqualTo(1234);
        assertThat(first.get("author").asText()).isEqualTo("Dev");
        assertThat(first.get("registry").asText()).isEqualTo("http://127.0.0.1:4873/");
        assertThat(json.readTree(lines.get(1)).get("result").asText()).isEqualTo("failed");
        assertThat(json.readTree(lines.get(2)).get("type").asText()).isEqualTo("side-effect");
        JsonNode run = json.readTree(lines.get(3));
        assertThat(run.get("type").asText()).isEqualTo("run");
        assertThat(run.get("counts").get("published").asInt()).isEqualTo(1);
        assertThat(run.get("counts").get("failed").asInt()).isEqualTo(1);
        assertThat(run.get("exitCode").asInt()).isEqualTo(1);
        assertThat(file.getFileName().toString()).isEqualTo("upm-20261124T100000Z-run-1.jsonl");
    }

    @Test
    void secretsAndCredentialShapesNeverReachTheFile() throws Exception {
        String leaky = "server said: bad token tok-9f8e7d6c5b4a; hook https://discord.com/api/webhooks/123/abcDEF;"
                + " Authorization: Bearer abcdefghijkl; npm_abcdefghijklmnopqrstuvwxyz0123456789; https://u:pw@git.example/r";
        Path file = new AuditLog(dir, new Redactor(List.of(token))).record(report(leaky));
        String text = Files.readString(file);
        assertThat(text).doesNotContain("tok-9f8e7d6c5b4a", "webhooks/123", "abcdefghijkl", "npm_abcdef", "u:pw@")
                .contains("server said: bad token ****");
    }

    @Test
    void sideEffectsRecordedLaterGoToTheSameFile() throws Exception {
        AuditLog log = new AuditLog(dir, Redactor.shapesOnly());
        PublishReport r = report("x");
        Path file = log.record(r);
        log.recordSideEffect(r, new SideEffect("notify:discord", false, "HTTP 500 after 4 attempts"));
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(5);
        assertThat(json.readTree(lines.get(4)).get("kind").asText()).isEqualTo("notify:discord");
    }

    @Test
    void pruneDeletesOnlyOldAuditFiles() throws Exception {
        Clock now = Clock.fixed(Instant.parse("2026-11-24T00:00:00Z"), ZoneOffset.UTC);
        AuditLog log = new AuditLog(dir, Redactor.shapesOnly(), now);
        Path old = Files.writeString(dir.resolve("upm-20260101T000000Z-a.jsonl"), "{}\n");
        Path fresh = Files.writeString(dir.resolve("upm-20261120T000000Z-b.jsonl"), "{}\n");
        Path foreign = Files.writeString(dir.resolve("notes.txt"), "keep");
        Files.setLastModifiedTime(old, FileTime.from(Instant.parse("2026-01-01T00:00:00Z")));
        Files.setLastModifiedTime(fresh, FileTime.from(Instant.parse("2026-11-20T00:00:00Z")));
        Files.setLastModifiedTime(foreign, FileTime.from(Instant.parse("2025-01-01T00:00:00Z")));
        assertThat(log.prune(Duration.ofDays(90))).isEqualTo(1);
        assertThat(old).doesNotExist();
        assertThat(fresh).exists();
        assertThat(foreign).exists();
    }
}
