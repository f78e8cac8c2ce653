package org.the1studio.upm.jenkins;

import hudson.AbortException;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;
import org.the1studio.upm.core.config.UpmException;
import org.the1studio.upm.core.fleet.FleetChecker;
import org.the1studio.upm.core.fleet.FleetListener;
import org.the1studio.upm.core.fleet.FleetReport;
import org.the1studio.upm.core.fleet.FleetReports;
import org.the1studio.upm.core.fleet.GitHubApi;
import org.the1studio.upm.core.fleet.GitHubSettings;
import org.the1studio.upm.core.fleet.GitHubSource;
import org.the1studio.upm.core.fleet.LocalClones;
import org.the1studio.upm.core.fleet.PackageCache;
import org.the1studio.upm.core.fleet.PackageCacheBuilder;
import org.the1studio.upm.core.fleet.PackageState;
import org.the1studio.upm.core.fleet.RegistryPackuments;
import org.the1studio.upm.core.fleet.RepositoryRegistry;
import org.the1studio.upm.core.fleet.Republisher;
import org.the1studio.upm.core.notify.NotifySettings;
import org.the1studio.upm.core.publish.PackageOutcome;
import org.the1studio.upm.core.publish.SideEffect;
import org.the1studio.upm.core.secret.Secret;

/**
 * The fleet check on the agent that holds the checkout of {@code repositories.json}: core refreshes the package cache
 * (GitHub API and registry), classifies every package, and renders the reports, which are written next to the
 * registry file; Discord gets a summary when something needs a look. Returns a plain map of counts and file names.
 */
final class FleetCallable extends MasterToSlaveFileCallable<LinkedHashMap<String, Object>> {
    private static final long serialVersionUID = 1L;
    static final String TEXT = "fleet-report.txt";
    static final String JSON = "fleet-report.json";
    static final String HTML = "fleet-report.html";

    private final String repositories;
    private final String registry;
    private final Secret registryToken;
    private final String githubApiUrl;
    private final Secret githubToken;
    private final Secret discordWebhook;
    private final String discordThreadId;
    private final TaskListener listener;
    private boolean republish;
    private boolean allowPublicRegistry;
    private String buildUrl;

    FleetCallable(String repositories, String registry, Secret registryToken, String githubApiUrl, Secret githubToken,
            Secret discordWebhook, String discordThreadId, TaskListener listener) {
        this.repositories = repositories;
        this.registry = registry;
        this.registryToken = registryToken;
        this.githubApiUrl = githubApiUrl;
        this.githubToken = githubToken;
        this.discordWebhook = discordWebhook;
        this.discordThreadId = discordThreadId;
        this.listener = listener;
    }

    /** Also publish every unpublished version from the commit that set it (core's {@link Republisher}). */
    FleetCallable republishing(boolean allowPublic, String build) {
        this.republish = true;
        this.allowPublicRegistry = allowPublic;
        this.buildUrl = build;
        return this;
    }

    @Override
    public LinkedHashMap<String, Object> invoke(File workspace, VirtualChannel channel)
            throws IOException, InterruptedException {
        Path root = workspace.toPath().toAbsolutePath().normalize();
        PrintStream out = listener.getLogger();
        RepositoryRegistry fleet;
        try {
            fleet = RepositoryRegistry.load(root.resolve(repositories));
        } catch (UpmException e) {
            throw new AbortException("[upm] " + e.getMessage());
        }
        Path cacheFile = root.resolve(PackageCache.FILE_NAME);
        PackageCache previous = PackageCache.loadIfPresent(cacheFile).orElse(null);
        FleetListener log = new LogListener(listener);
        GitHubApi github = new GitHubApi(GitHubSettings.of(githubApiUrl == null ? null : URI.create(githubApiUrl),
                githubToken));
        PackageCache cache;
        try (RegistryPackuments packuments = new RegistryPackuments(registryToken)) {
            cache = new PackageCacheBuilder(new GitHubSource(github), packuments, URI.create(registry),
                    PackageCacheBuilder.DEFAULT_PARALLELISM, true, log).build(fleet, previous);
        }
        cache.save(cacheFile);
        FleetReport report = new FleetChecker().check(cache, fleet);
        Files.writeString(root.resolve(TEXT), FleetReports.text(report), StandardCharsets.UTF_8);
        Files.writeString(root.resolve(JSON), FleetReports.json(report), StandardCharsets.UTF_8);
        Files.writeString(root.resolve(HTML), FleetReports.html(report), StandardCharsets.UTF_8);
        out.println(FleetReports.text(report));

        LinkedHashMap<String, Object> result = new LinkedHashMap<>();
        Map<PackageState, Integer> counts = report.counts();
        result.put("upToDate", counts.get(PackageState.UP_TO_DATE));
        result.put("unpublished", counts.get(PackageState.UNPUBLISHED));
        result.put("behind", counts.get(PackageState.BEHIND));
        result.put("invalid", counts.get(PackageState.INVALID_MANIFEST));
        result.put("orphaned", counts.get(PackageState.ORPHANED));
        result.put("problems", report.problems().size());
        result.put("errors", report.errors().size());
        result.put("repositories", report.repositories());
        result.put("summary", FleetReports.summary(report));
        result.put("text", TEXT);
        result.put("json", JSON);
        result.put("html", HTML);
        result.put("cache", PackageCache.FILE_NAME);
        result.put("notified", notifyProblems(report, out));
        if (republish) {
            result.put("republished", republish(report, cache, fleet, root, log, out));
        }
        return result;
    }

    /**
     * Publishes the unpublished versions through the same engine as a push would, each from the commit that set it,
     * read from clones kept in the workspace ({@code .upm-clones/}, fetched on every run). One map per version.
     */
    private ArrayList<LinkedHashMap<String, Object>> republish(FleetReport report, PackageCache cache,
            RepositoryRegistry fleet, Path root, FleetListener log, PrintStream out) {
        Republisher republisher = new Republisher(new LocalClones(root.resolve(".upm-clones"), githubToken, true), log);
        List<Republisher.Plan> plans = republisher.plan(report, cache, fleet);
        ArrayList<LinkedHashMap<String, Object>> rows = new ArrayList<>();
        if (plans.isEmpty()) {
            out.println("[upm] nothing to re-publish: every repository version is on the registry");
            return rows;
        }
        List<Republisher.Result> results = republisher.republish(plans, new Republisher.Settings(registryToken, false,
                root.resolve("upm-audit"), buildUrl, allowPublicRegistry));
        for (Republisher.Result r : results) {
            LinkedHashMap<String, Object> row = new LinkedHashMap<>();
            row.put("package", r.plan().id());
            row.put("repository", r.plan().repository());
            row.put("commit", r.plan().commit());
            row.put("ok", r.ok());
            row.put("reason", r.error() != null ? r.error()
                    : String.join("; ", r.report().packages().stream().map(PackageOutcome::reason).toList()));
            out.println("[upm] re-publish " + row.get("package") + ": " + (r.ok() ? "ok" : "FAILED") + " - "
                    + row.get("reason"));
            rows.add(row);
        }
        return rows;
    }

    /** A Discord summary when something needs a look; a quiet fleet makes no noise. */
    private boolean notifyProblems(FleetReport report, PrintStream out) {
        if (discordWebhook == null || !report.hasProblems()) {
            return false;
        }
        SideEffect effect = NotifySettings.of(discordWebhook, discordThreadId, null, null, null).discord().orElseThrow()
                .sendSummary(FleetReports.discordTitle(report), FleetReports.discordMarkdown(report), true);
        out.println(effect.ok() ? "[upm] notified discord" : "[upm] WARNING: the Discord summary failed: " + effect.detail());
        return effect.ok();
    }
}
