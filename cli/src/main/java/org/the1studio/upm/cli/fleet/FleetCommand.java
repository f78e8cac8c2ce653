package org.the1studio.upm.cli.fleet;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.the1studio.upm.cli.UpmCommand;
import org.the1studio.upm.core.config.UpmConfig;
import org.the1studio.upm.core.config.UpmException;
import org.the1studio.upm.core.fleet.FleetChecker;
import org.the1studio.upm.core.fleet.FleetListener;
import org.the1studio.upm.core.fleet.FleetReport;
import org.the1studio.upm.core.fleet.FleetReports;
import org.the1studio.upm.core.fleet.PackageCache;
import org.the1studio.upm.core.fleet.RepositoryRegistry;
import org.the1studio.upm.core.fleet.Republisher;
import org.the1studio.upm.core.notify.NotifySettings;
import org.the1studio.upm.core.publish.Outcome;
import org.the1studio.upm.core.publish.PackageOutcome;
import org.the1studio.upm.core.publish.SideEffect;
import org.the1studio.upm.core.secret.Secret;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code upm fleet}: the daily verification of every repository against the registry, and re-publishing. */
@Command(name = "fleet", mixinStandardHelpOptions = true,
        description = "Compare every repository of the fleet with the registry, and re-publish what is missing.",
        subcommands = {FleetCommand.Check.class, FleetCommand.Republish.class})
public final class FleetCommand implements Runnable {
    @ParentCommand UpmCommand parent;
    @Spec CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: check, republish");
    }

    /** Refreshes the cache (or reads it with --offline) and checks it. */
    static Checked check(FleetOptions options, boolean offline, Map<String, String> env, FleetListener listener)
            throws Exception {
        RepositoryRegistry fleet = RepositoryRegistry.load(options.file());
        PackageCache cache = offline ? PackageCache.load(options.cacheFile()) : options.buildCache(env, fleet, listener);
        return new Checked(fleet, cache, new FleetChecker().check(cache, fleet));
    }

    record Checked(RepositoryRegistry fleet, PackageCache cache, FleetReport report) {}

    /** {@code upm fleet check}. */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Refresh the package cache and classify every package: up to date, unpublished, behind,"
                    + " invalid manifest, orphaned. Exit 1 when anything needs a look; a Discord summary of the problems"
                    + " when UPM_DISCORD_WEBHOOK is set.")
    static final class Check implements Callable<Integer> {
        @ParentCommand FleetCommand parent;
        @Spec CommandSpec spec;
        @Mixin FleetOptions options;
        @Option(names = "--offline", description = "Check the existing package cache without refreshing it.")
        boolean offline;
        @Option(names = "--json", description = "Print the JSON report instead of text.")
        boolean json;
        @Option(names = "--html", paramLabel = "FILE", description = "Also write the HTML report to FILE.")
        Path html;
        @Option(names = "--report-dir", paramLabel = "DIR",
                description = "Also write fleet-report.txt, fleet-report.json and fleet-report.html to DIR.")
        Path reportDir;
        @Option(names = "--discord-webhook-env", description = "Variable holding the Discord webhook URL (default: UPM_DISCORD_WEBHOOK).")
        String discordEnv;
        @Option(names = "--discord-thread", description = "Discord thread id to post in.")
        String discordThread;
        @Option(names = "--no-notify", description = "Never post to Discord.")
        boolean noNotify;
        @Option(names = {"-q", "--quiet"}, description = "Only warnings on standard error.")
        boolean quiet;

        @Override
        public Integer call() throws Exception {
            Map<String, String> env = parent.parent.env();
            PrintWriter err = spec.commandLine().getErr();
            Checked c = check(options, offline, env, new CliListener(err, !quiet));
            FleetReport report = c.report();
            spec.commandLine().getOut().print(json ? FleetReports.json(report) : FleetReports.text(report));
            if (html != null) {
                write(html, FleetReports.html(report));
            }
            if (reportDir != null) {
                write(reportDir.resolve("fleet-report.txt"), FleetReports.text(report));
                write(reportDir.resolve("fleet-report.json"), FleetReports.json(report));
                write(reportDir.resolve("fleet-report.html"), FleetReports.html(report));
            }
            if (!noNotify && report.hasProblems()) {
                String var = UpmConfig.pick(discordEnv, UpmConfig.load(options.file().getParent()).discordWebhookEnv(),
                        "UPM_DISCORD_WEBHOOK");
                Secret webhook = Secret.ofNullable(env.get(var));
                if (webhook != null) {
                    SideEffect sent = NotifySettings.of(webhook, UpmConfig.pick(discordThread,
                            UpmConfig.load(options.file().getParent()).discordThreadId(), null), null, null, null)
                            .discord().orElseThrow()
                            .sendSummary(FleetReports.discordTitle(report), FleetReports.discordMarkdown(report), true);
                    err.println(sent.ok() ? "[upm] Discord summary sent"
                            : "[upm] WARNING: the Discord summary failed: " + sent.detail());
                }
            }
            return report.exitCode();
        }
    }

    /** {@code upm fleet republish}. */
    @Command(name = "republish", mixinStandardHelpOptions = true,
            description = "Publish every unpublished version from the commit that set it (found in the clone's history),"
                    + " through the publish engine, with audit records. Needs --clones. Exit 1 when one failed.")
    static final class Republish implements Callable<Integer> {
        @ParentCommand FleetCommand parent;
        @Spec CommandSpec spec;
        @Mixin FleetOptions options;
        @Option(names = "--dry-run", description = "Find the commits and run the engine up to the first write.")
        boolean dryRun;
        @Option(names = "--offline", description = "Use the existing package cache without refreshing it.")
        boolean offline;
        @Option(names = "--packages", split = ",", description = "Only these package names.")
        List<String> packages = new ArrayList<>();
        @Option(names = "--audit-dir", description = "Audit folder (default: upm-audit next to the registry file).")
        Path auditDir;
        @Option(names = "--build-url", description = "CI build URL for audit records.")
        String buildUrl;
        @Option(names = {"-q", "--quiet"}, description = "Only warnings on standard error.")
        boolean quiet;

        @Override
        public Integer call() throws Exception {
            if (options.clones == null) {
                throw new UpmException(null, "--clones", "re-publishing reads git history, so it needs clones",
                        "pass --clones DIR (a folder of OWNER/NAME clones; missing ones are cloned)");
            }
            Map<String, String> env = parent.parent.env();
            Secret token = options.registryToken(env);
            if (token == null && !dryRun) {
                throw new UpmException(null, "--token-env", "the registry token variable is not set",
                        "export UPM_REGISTRY_TOKEN=<token> (or name another variable with --token-env), or use --dry-run");
            }
            CliListener listener = new CliListener(spec.commandLine().getErr(), !quiet);
            Checked c = check(options, offline, env, listener);
            Republisher republisher = new Republisher(options.localClones(env), listener);
            List<Republisher.Plan> plans = republisher.plan(c.report(), c.cache(), c.fleet()).stream()
                    .filter(p -> packages.isEmpty() || packages.contains(p.name())).toList();
            PrintWriter out = spec.commandLine().getOut();
            if (plans.isEmpty()) {
                out.println("nothing to re-publish: every repository version is on the registry");
                return 0;
            }
            Path audit = auditDir != null ? auditDir : options.file().getParent().resolve("upm-audit");
            List<Republisher.Result> results = republisher.republish(plans,
                    new Republisher.Settings(token, dryRun, audit.toAbsolutePath(), buildUrl, options.allowPublicRegistry()));
            int failed = 0;
            for (Republisher.Result r : results) {
                Republisher.Plan p = r.plan();
                String from = p.commit() == null ? "" : " from " + p.commit().substring(0, 10) + " \"" + p.subject() + "\"";
                if (r.error() != null) {
                    failed++;
                    out.println("FAILED         " + p.id() + from + ": " + r.error());
                    continue;
                }
                for (PackageOutcome o : r.report().packages()) {
                    if (o.outcome() == Outcome.FAILED) {
                        failed++;
                    }
                    out.println(String.format("%-14s %s%s: %s", o.outcome().name().toLowerCase().replace('_', ' '),
                            o.id(), from, o.reason()));
                }
            }
            out.println(results.size() + " version(s), " + failed + " failed" + (dryRun ? " (dry run: nothing written)"
                    : "; audit records in " + audit));
            return failed > 0 ? 1 : 0;
        }
    }

    static void write(Path file, String text) throws java.io.IOException {
        Path abs = file.toAbsolutePath();
        Files.createDirectories(abs.getParent());
        Files.writeString(abs, text, StandardCharsets.UTF_8);
    }

}
