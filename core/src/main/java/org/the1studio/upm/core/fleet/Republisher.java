package org.the1studio.upm.core.fleet;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.the1studio.upm.core.changelog.ChangelogMode;
import org.the1studio.upm.core.config.UpmException;
import org.the1studio.upm.core.publish.PackageOutcome;
import org.the1studio.upm.core.publish.PublishEngine;
import org.the1studio.upm.core.publish.PublishListener;
import org.the1studio.upm.core.publish.PublishReport;
import org.the1studio.upm.core.publish.PublishRequest;
import org.the1studio.upm.core.secret.Secret;

/**
 * Publishes the fleet's unpublished versions from the exact commit that set each version
 * ({@link VersionCommitFinder}), not from the branch tip: the commit is checked out into a temporary work tree
 * (sharing the clone's objects, so nothing is copied) and the same {@link PublishEngine} as the push job runs there,
 * with {@code base = commit~1}, only that package selected, no changelog written or pushed (history is not
 * rewritten), and audit records in the given folder.
 */
public final class Republisher {

    /**
     * One version to re-publish.
     *
     * @param repository   repository URL
     * @param registry     registry URL
     * @param name         package name
     * @param version      the unpublished version
     * @param branch       branch the version is on
     * @param commit       commit that set the version, or {@code null} when not found
     * @param manifestPath manifest path in that commit
     * @param subject      that commit's subject line
     * @param problem      why it cannot be re-published, or {@code null}
     */
    public record Plan(String repository, String registry, String name, String version, String branch, String commit,
            String manifestPath, String subject, String problem) {
        public String id() {
            return name + "@" + version;
        }
    }

    /** The outcome of one plan: the engine's report, or why the engine could not run. */
    public record Result(Plan plan, PublishReport report, String error) {
        /** True when the version was published (or, in a dry run, would be). */
        public boolean ok() {
            return error == null && report != null && !report.hasFailures();
        }
    }

    /** Engine settings common to every plan. */
    public record Settings(Secret token, boolean dryRun, Path auditDir, String buildUrl, boolean allowPublicRegistry) {}

    private final LocalClones clones;
    private final FleetListener listener;

    public Republisher(LocalClones clones, FleetListener listener) {
        this.clones = clones;
        this.listener = listener == null ? FleetListener.SILENT : listener;
    }

    /** A plan for every {@link PackageState#UNPUBLISHED} package of the report. */
    public List<Plan> plan(FleetReport report, PackageCache cache, RepositoryRegistry registry) {
        List<Plan> plans = new ArrayList<>();
        for (PackageStatus s : report.packages()) {
            if (s.state() != PackageState.UNPUBLISHED) {
                continue;
            }
            CachedRepository repo = cache.repository(s.repository()).orElse(null);
            Optional<RepositoryEntry> entry = registry.find(s.repository());
            String manifestPath = repo == null ? null : repo.packages().stream().filter(p -> s.name().equals(p.name()))
                    .map(CachedPackage::manifestPath).findFirst().orElse(null);
            if (repo == null || entry.isEmpty() || manifestPath == null) {
                plans.add(new Plan(s.repository(), s.registry(), s.name(), s.version(), null, null, null, null,
                        "the repository is not in the cache or repositories.json any more"));
                continue;
            }
            plans.add(find(entry.get(), repo, s, manifestPath));
        }
        return plans;
    }

    private Plan find(RepositoryEntry entry, CachedRepository repo, PackageStatus s, String manifestPath) {
        try (Repository git = clones.open(entry)) {
            String branch = repo.branch() != null ? repo.branch() : LocalClones.branch(git, entry);
            ObjectId tip = LocalClones.tip(git, branch);
            if (tip == null) {
                return new Plan(s.repository(), s.registry(), s.name(), s.version(), branch, null, manifestPath, null,
                        "branch " + branch + " is not in the clone " + clones.pathOf(entry.ref()));
            }
            Optional<VersionCommitFinder.Found> found = VersionCommitFinder.find(git, tip, manifestPath, s.name(), s.version());
            if (found.isEmpty()) {
                return new Plan(s.repository(), s.registry(), s.name(), s.version(), branch, null, manifestPath, null,
                        "the tip of " + branch + " in the clone does not have " + s.name() + "@" + s.version()
                                + " at " + manifestPath + " (fetch the clone, or rebuild the cache)");
            }
            VersionCommitFinder.Found f = found.get();
            listener.info(s.name() + "@" + s.version() + " was set by " + f.commit().substring(0, 10) + " \""
                    + f.subject() + "\"");
            return new Plan(s.repository(), s.registry(), s.name(), s.version(), branch, f.commit(), f.manifestPath(),
                    f.subject(), null);
        } catch (FleetSourceException | IOException e) {
            return new Plan(s.repository(), s.registry(), s.name(), s.version(), repo.branch(), null, manifestPath, null,
                    e.getMessage());
        }
    }

    /** Runs the engine for every plan without a problem; one result per plan, in order. */
    public List<Result> republish(List<Plan> plans, Settings settings) {
        List<Result> results = new ArrayList<>();
        for (Plan p : plans) {
            if (p.problem() != null) {
                results.add(new Result(p, null, p.problem()));
                continue;
            }
            results.add(run(p, settings));
        }
        return results;
    }

    private Result run(Plan p, Settings settings) {
        RepositoryEntry entry = new RepositoryEntry(p.repository(), RepoStatus.ACTIVE, p.branch(), null, null);
        Path tmp = null;
        try (Repository source = clones.open(entry)) {
            tmp = Files.createTempDirectory("upm-republish-");
            checkout(source, p.commit(), tmp);
            PublishRequest request = PublishRequest.builder(tmp)
                    .head(p.commit())
                    .registry(URI.create(p.registry()))
                    .token(settings.token())
                    .dryRun(settings.dryRun())
                    .packages(List.of(p.name()))
                    .changelogMode(ChangelogMode.OFF)
                    .commitChangelog(false)
                    .auditDir(settings.auditDir() == null ? null : settings.auditDir().toAbsolutePath())
                    .allowPublicRegistry(settings.allowPublicRegistry())
                    .branch(p.branch())
                    .buildUrl(settings.buildUrl())
                    .repository(p.repository())
                    .build();
            listener.info((settings.dryRun() ? "dry run: " : "") + "publishing " + p.id() + " from "
                    + p.commit().substring(0, 10) + " of " + p.repository());
            PublishReport report = new PublishEngine().publish(request, new PublishListener() {
                @Override
                public void info(String message) {
                    listener.info("  " + message);
                }

                @Override
                public void warn(String message) {
                    listener.warn("  " + message);
                }
            });
            String missing = report.packages().stream().noneMatch(o -> o.name().equals(p.name()))
                    ? "the engine found no version change of " + p.name() + " in " + p.commit().substring(0, 10)
                            + " (it compares the commit with its first parent)"
                    : null;
            for (PackageOutcome o : report.packages()) {
                listener.info("  " + o.id() + ": " + o.outcome().name().toLowerCase(java.util.Locale.ROOT) + " - "
                        + o.reason());
            }
            return new Result(p, report, missing);
        } catch (UpmException e) {
            return new Result(p, null, e.getMessage());
        } catch (FleetSourceException | IOException | GitAPIException e) {
            return new Result(p, null, p.repository() + ": cannot check out " + p.commit() + ": " + e.getMessage());
        } finally {
            delete(tmp);
        }
    }

    /**
     * A work tree at {@code commit} whose object store borrows the clone's ({@code objects/info/alternates}), so a
     * large repository is not copied.
     */
    static void checkout(Repository source, String commit, Path dir) throws IOException, GitAPIException {
        try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("upm-republish").call()) {
            Path alternates = dir.resolve(".git/objects/info/alternates");
            Files.createDirectories(alternates.getParent());
            Files.writeString(alternates, source.getDirectory().toPath().resolve("objects").toAbsolutePath() + "\n");
        }
        try (Git git = Git.open(dir.toFile())) {
            git.checkout().setName(commit).call();
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // temp space
        }
    }
}
