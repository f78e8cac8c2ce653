package org.the1studio.upm.cli;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code upm} command: a thin translation of flags and environment variables into core engine calls.
 *
 * <p>Exit codes: 0 when everything succeeded or was skipped, 1 when a package failed, 2 on bad usage or
 * configuration.
 */
@Command(name = "upm", mixinStandardHelpOptions = true, versionProvider = UpmCommand.Version.class,
        description = "Publishes Unity packages from git to an npm-compatible registry.",
        subcommands = {PublishCommand.class, PlanCommand.class, PackCommand.class, ChangelogCommand.class,
                org.the1studio.upm.cli.fleet.ReposCommand.class, org.the1studio.upm.cli.fleet.CacheCommand.class,
                org.the1studio.upm.cli.fleet.FleetCommand.class, CommandLine.HelpCommand.class})
public final class UpmCommand implements Runnable {
    /** Exit code for bad usage or configuration. */
    public static final int USAGE = 2;

    private final Map<String, String> env;

    UpmCommand(Map<String, String> env) {
        this.env = env;
    }

    /** The environment the command runs with (public for the fleet subcommands in their own package). */
    public Map<String, String> env() {
        return env;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "name a command: publish, plan, pack, changelog, repos, cache, fleet");
    }

    /** Runs {@code upm} with the given arguments and environment, writing to {@code out}/{@code err}. */
    public static int execute(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new UpmCommand(env));
        cli.setOut(out);
        cli.setErr(err);
        cli.setExitCodeExceptionMapper(e -> USAGE);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof org.the1studio.upm.core.config.UpmException) {
                commandLine.getErr().println("upm: " + e.getMessage());
                return USAGE;
            }
            commandLine.getErr().println("upm: unexpected error: " + e);
            return 1;
        });
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(execute(args, System.getenv(), out, err));
    }

    /** Version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = UpmCommand.class.getPackage().getImplementationVersion();
            return new String[] {"upm " + (v == null ? "dev" : v)};
        }
    }
}
