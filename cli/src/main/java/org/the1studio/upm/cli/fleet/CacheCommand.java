package org.the1studio.upm.cli.fleet;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.the1studio.upm.cli.UpmCommand;
import org.the1studio.upm.core.fleet.CachedRepository;
import org.the1studio.upm.core.fleet.PackageCache;
import org.the1studio.upm.core.fleet.RepositoryRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code upm cache}: the fleet's package cache, {@code package-cache.json}. */
@Command(name = "cache", mixinStandardHelpOptions = true,
        description = "Build package-cache.json: every Unity package of every active repository and its published versions.",
        subcommands = {CacheCommand.Build.class})
public final class CacheCommand implements Runnable {
    @ParentCommand UpmCommand parent;
    @Spec CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: build");
    }

    /** {@code upm cache build}. */
    @Command(name = "build", mixinStandardHelpOptions = true,
            description = "Scan every active repository (GitHub API, or --clones) and ask the registry about every package,"
                    + " in parallel; repositories whose branch did not move are reused from the previous cache."
                    + " Exit 1 when a repository could not be read.")
    static final class Build implements Callable<Integer> {
        @ParentCommand CacheCommand parent;
        @Spec CommandSpec spec;
        @Mixin FleetOptions options;
        @Option(names = {"-q", "--quiet"}, description = "Only warnings on standard error.")
        boolean quiet;

        @Override
        public Integer call() throws Exception {
            RepositoryRegistry fleet = RepositoryRegistry.load(options.file());
            PackageCache cache = options.buildCache(parent.parent.env(), fleet,
                    new CliListener(spec.commandLine().getErr(), !quiet));
            PrintWriter out = spec.commandLine().getOut();
            int packages = cache.repositories().stream().mapToInt(r -> r.packages().size()).sum();
            long failed = cache.repositories().stream().filter(r -> !r.ok()).count();
            out.println(options.cacheFile() + ": " + cache.repositories().size() + " repositories, " + packages
                    + " packages, " + cache.published().size() + " registry entries"
                    + (failed > 0 ? "; " + failed + " repositories could not be read:" : ""));
            cache.repositories().stream().filter(r -> !r.ok()).map(CachedRepository::error)
                    .forEach(e -> out.println("  " + e));
            return failed > 0 ? 1 : 0;
        }
    }
}
