package org.the1studio.upm.core.publish;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.the1studio.upm.core.audit.AuditLog;
import org.the1studio.upm.core.audit.Redactor;
import org.the1studio.upm.core.changelog.ChangelogService;
import org.the1studio.upm.core.changelog.ChangelogSettings;
import org.the1studio.upm.core.config.UpmConfig;
import org.the1studio.upm.core.config.UpmException;
import org.the1studio.upm.core.detect.ChangeDetector;
import org.the1studio.upm.core.detect.DetectException;
import org.the1studio.upm.core.detect.Detection;
import org.the1studio.upm.core.gitops.ChangelogCommitter;
import org.the1studio.upm.core.gitops.CommitBackResult;
import org.the1studio.upm.core.gitops.CommitBackSettings;
import org.the1studio.upm.core.notify.Notifier;
import org.the1studio.upm.core.pack.PackResult;
import org.the1studio.upm.core.pack.Packer;
import org.the1studio.upm.core.registry.RegistryClient;
import org.the1studio.upm.core.registry.RegistrySettings;
import org.the1studio.upm.core.secret.Secret;

/**
 * The publish job as one call: detect, plan, write changelogs, pack, publish, verify, commit back, audit.
 *
 * <p>The CLI and the Jenkins plugin both call this; they only translate their inputs into a {@link PublishRequest}
 * and render the {@link PublishReport}. Configuration errors throw {@link UpmException} before anything happens;
 * everything that goes wrong with one package becomes that package's outcome, and the others carry on.
 */
public final class PublishEngine {

    /** Plans without writing anything: the {@code upm plan} command and every dry run start here. */
    public PublishPlan plan(PublishRequest request, PublishListener listener) throws UpmException {
        try (Run run = open(request, listener)) {
            return run.plan;
        }
    }

    /** Runs the whole job (or, with {@code dryRun}, everything up to the first write). */
    public PublishReport publish(PublishRequest request, PublishListener listener) throws UpmException {
        Instant started = Instant.now();
        String runId = UUID.randomUUID().toString();
        try (Run run = open(request, listener)) {
            List<PackageOutcome> outcomes = new ArrayList<>();
            PackagePublisher publisher = new PackagePublisher(request, run.registry, changelog(request, run.plan.run()),
                    run.scratch, listener, run.plan.run().commit());
            for (PackagePlan plan : run.plan.packages()) {
                PackageOutcome outcome;
                if (plan.action() != PlanAction.PUBLISH) {
                    outcome = notPublished(plan);
                } else if (request.dryRun()) {
                    outcome = dryRun(request, plan, run.scratch);
                } else {
                    listener.info("publishing " + plan.id() + " (" + plan.bump().label() + ", dist-tag " + plan.distTag() + ")");
                    outcome = publisher.publish(plan);
                }
                listener.outcome(outcome);
                outcomes.add(outcome);
            }
            List<SideEffect> effects = new ArrayList<>();
            if (!request.dryRun() && request.commitChangelog()) {
                commitBack(request, run.plan.run(), outcomes, listener).ifPresent(effects::add);
            }
            PublishReport report = new PublishReport(runId, run.plan.run(), request.dryRun(), outcomes,
                    run.plan.notices(), effects, started, Duration.between(started, Instant.now()));
            audit(request, report, listener);
            return report;
        }
    }

    /**
     * Sends the report to every notifier, records each delivery in the audit log, and returns the report with the
     * deliveries added. Never throws: a notification cannot fail a publish.
     */
    public PublishReport notify(PublishReport report, List<Notifier> notifiers, PublishRequest request,
            PublishListener listener) {
        PublishReport result = report;
        for (Notifier n : notifiers) {
            SideEffect effect;
            try {
                effect = n.send(report);
            } catch (RuntimeException e) {
                effect = new SideEffect("notify:" + n.name(), false, "notifier crashed: " + e.getClass().getSimpleName());
            }
            if (effect.ok()) {
                listener.info("notified " + n.name());
            } else {
                listener.warn("notification to " + n.name() + " failed: " + effect.detail());
            }
            result = result.withSideEffect(effect);
            if (request != null && request.auditDir() != null && !report.dryRun()) {
                try {
                    auditLog(request).recordSideEffect(report, effect);
                } catch (IOException e) {
                    listener.warn("cannot write the audit record of the notification: " + e.getMessage());
                }
            }
        }
        return result;
    }

    /** Commits and pushes the changelogs written for published packages (also used on its own by Jenkins). */
    public java.util.Optional<SideEffect> commitBack(PublishRequest request, RunInfo run, List<PackageOutcome> outcomes,
            PublishListener listener) {
        List<PackageOutcome> written = outcomes.stream()
                .filter(o -> o.outcome() == Outcome.PUBLISHED && o.changelogPath() != null).toList();
        if (written.isEmpty()) {
            return java.util.Optional.empty();
        }
        CommitBackSettings settings = new CommitBackSettings(request.botName(), request.botEmail(), "origin",
                run.branch(), 3, request.gitUsername(), request.gitToken());
        CommitBackResult result = new ChangelogCommitter().commitAndPush(request.workTree(),
                written.stream().map(PackageOutcome::changelogPath)
                        .flatMap(p -> Files.exists(request.workTree().resolve(p + ".meta")) ? Stream.of(p, p + ".meta")
                                : Stream.of(p))
                        .distinct().toList(),
                written.stream().map(PackageOutcome::id).toList(), settings);
        boolean ok = result.pushed() && result.fallbackBranch() == null;
        String detail = result.detail();
        if (ok) {
            listener.info("pushed the changelog commit " + GitContext.abbreviate(result.commitId()) + " to " + run.branch());
        } else {
            listener.warn("changelog commit not pushed to " + run.branch() + ": " + detail);
        }
        return java.util.Optional.of(new SideEffect("changelog-push", ok, detail));
    }

    private static PackageOutcome notPublished(PackagePlan plan) {
        Outcome outcome = switch (plan.action()) {
            case SKIP_IDENTICAL, NOT_SELECTED -> Outcome.SKIPPED;
            default -> Outcome.FAILED;
        };
        return new PackageOutcome(plan.change().name(), plan.change().path(), plan.change().oldVersion(),
                plan.change().newVersion(), plan.bump(), plan.action(), outcome, plan.reason(), null, plan.shasum(),
                null, 0, null, Duration.ZERO);
    }

    private static PackageOutcome dryRun(PublishRequest request, PackagePlan plan, Path scratch) {
        long start = System.nanoTime();
        String reason = "would publish with dist-tag " + plan.distTag() + " (" + plan.reason() + ")";
        try {
            // a dry run writes nothing into the package: the planner's file selection is the one to pack
            PackResult packed = new Packer().pack(plan.files(),
                    scratch.resolve(Packer.tarballFileName(plan.manifest().name(), plan.manifest().version())), n -> { });
            return new PackageOutcome(plan.change().name(), plan.change().path(), plan.change().oldVersion(),
                    plan.change().newVersion(), plan.bump(), plan.action(), Outcome.WOULD_PUBLISH,
                    reason + "; " + packed.files().size() + " files, " + packed.size() + " bytes", plan.distTag(),
                    packed.shasum(), packed.integrity(), packed.size(), null, Duration.ofNanos(System.nanoTime() - start));
        } catch (Exception e) {
            return new PackageOutcome(plan.change().name(), plan.change().path(), plan.change().oldVersion(),
                    plan.change().newVersion(), plan.bump(), plan.action(), Outcome.FAILED,
                    "cannot be packed: " + e.getMessage(), plan.distTag(), null, null, 0, null,
                    Duration.ofNanos(System.nanoTime() - start));
        }
    }

    private static ChangelogService changelog(PublishRequest request, RunInfo run) {
        String repoUrl = run.repository() != null && run.repository().startsWith("https://") ? run.repository() : null;
        return new ChangelogService(new ChangelogSettings(request.changelogMode(), request.geminiKey(),
                request.geminiModel(), request.geminiEndpoint() == null ? null : request.geminiEndpoint().toString(), Duration.ofSeconds(30), 3, repoUrl));
    }

    private static void audit(PublishRequest request, PublishReport report, PublishListener listener) {
        if (request.auditDir() == null || report.dryRun()) {
            return;
        }
        try {
            Path file = auditLog(request).record(report);
            listener.info("audit records written to " + file);
        } catch (IOException e) {
            listener.warn("cannot write the audit records to " + request.auditDir() + ": " + e.getMessage());
        }
    }

    private static AuditLog auditLog(PublishRequest request) {
        Path dir = request.auditDir().isAbsolute() ? request.auditDir() : request.workTree().resolve(request.auditDir());
        return new AuditLog(dir, new Redactor(secrets(request)));
    }

    private static List<Secret> secrets(PublishRequest r) {
        List<Secret> all = new ArrayList<>();
        Stream.of(r.token(), r.geminiKey(), r.gitToken()).filter(java.util.Objects::nonNull).forEach(all::add);
        return all;
    }

    private Run open(PublishRequest request, PublishListener listener) throws UpmException {
        if (UpmConfig.isPublicNpm(request.registry()) && !request.allowPublicRegistry()) {
            throw new UpmException(null, "registry", "refusing to publish to the public npm registry "
                    + request.registry(), "Unity packages of a studio are private; allow it explicitly if you mean it");
        }
        if (!request.dryRun() && request.token() == null) {
            throw new UpmException(null, "token", "no registry token",
                    "set the environment variable named by --token-env (default UPM_REGISTRY_TOKEN), or use --dry-run");
        }
        RegistrySettings settings = RegistrySettings.of(request.registry().toString(), request.token())
                .withTokenSource(request.tokenSource());
        // the HTTP client takes a tenth of a second to start in a fresh JVM: start it while git is read
        CompletableFuture<RegistryClient> pending = CompletableFuture.supplyAsync(() -> new RegistryClient(settings));
        GitContext git;
        try {
            git = GitContext.open(request.workTree());
        } catch (UpmException | RuntimeException e) {
            pending.thenAccept(RegistryClient::close);
            throw e;
        }
        Path scratch = null;
        try {
            Detection detection = new ChangeDetector(git.workTree()).detect(request.base(), request.head());
            git.requireCheckedOut(detection.headCommit());
            RunInfo info = git.runInfo(detection.headCommit(), detection.baseCommit(), request.branch(),
                    request.repository(), request.registry().toString(), request.buildUrl());
            listener.info("comparing " + (detection.baseCommit() == null ? "the empty tree"
                    : GitContext.abbreviate(detection.baseCommit())) + " .. " + GitContext.abbreviate(detection.headCommit())
                    + ": " + detection.changes().size() + " package version change(s)");
            List<String> notices = new ArrayList<>(detection.notices());
            scratch = Files.createTempDirectory("upm-");
            RegistryClient registry = pending.join();
            Planner planner = new Planner(git.workTree(), registry, request.token(), scratch, request.auditDir());
            List<PackagePlan> plans = planner.plan(detection, git.manifestPathsAt(detection.headCommit()),
                    request.packages(), notices);
            notices.forEach(listener::info);
            return new Run(git, registry, scratch, new PublishPlan(info, plans, notices));
        } catch (DetectException e) {
            closeQuietly(git, pending, scratch);
            throw new UpmException(null, null, e.getMessage(), e.hint(), e);
        } catch (IOException e) {
            closeQuietly(git, pending, scratch);
            throw new UpmException(request.workTree().toString(), null, "cannot read the repository: " + e.getMessage(),
                    null, e);
        } catch (UpmException | RuntimeException e) {
            closeQuietly(git, pending, scratch);
            throw e;
        }
    }

    /** Releases what {@link #open} had started when it fails; the registry client once it exists. */
    private static void closeQuietly(GitContext git, CompletableFuture<RegistryClient> registry, Path scratch) {
        registry.thenAccept(RegistryClient::close);
        new Run(git, null, scratch, null).close();
    }

    /** Resources of one run, released together. */
    private record Run(GitContext git, RegistryClient registry, Path scratch, PublishPlan plan) implements AutoCloseable {
        @Override
        public void close() {
            git.close();
            if (registry != null) {
                try {
                    registry.close();
                } catch (Exception ignored) {
                    // nothing useful to do
                }
            }
            if (scratch != null) {
                try (Stream<Path> files = Files.walk(scratch)) {
                    files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // temp space
                }
            }
        }
    }
}
