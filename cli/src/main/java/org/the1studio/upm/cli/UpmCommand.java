package org.the1studio.upm.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jgit.util.FS;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code upm} command: a thin translation of flags and environment variables into core engine calls.
 *
 * <p>Exit codes: 0 when everything succeeded or was skipped, 1 when a package failed, 2 on bad usage or
 * configuration.
 */
@Command(name = "upm", mixinStandardHelpOptions = true, versionProvider = UpmCommand.Version.class,
        description = "Publishes Unity packages from git to an npm-compatible registry.")
public final class UpmCommand implements Runnable {
    /** Exit code for bad usage or configuration. */
    public static final int USAGE = 2;

    /** The subcommands, by name, in the order the help lists them. */
    private static final Map<String, Class<?>> COMMANDS = commands();

    private static Map<String, Class<?>> commands() {
        Map<String, Class<?>> all = new LinkedHashMap<>();
        all.put("publish", PublishCommand.class);
        all.put("plan", PlanCommand.class);
        all.put("pack", PackCommand.class);
        all.put("changelog", ChangelogCommand.class);
        all.put("repos", org.the1studio.upm.cli.fleet.ReposCommand.class);
        all.put("cache", org.the1studio.upm.cli.fleet.CacheCommand.class);
        all.put("fleet", org.the1studio.upm.cli.fleet.FleetCommand.class);
        return all;
    }

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
        return execute(args, env, out, err, () -> { });
    }

    /** As above, running {@code beforeCommand} once the command line is modelled and before the command runs. */
    static int execute(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err, Runnable beforeCommand) {
        CommandLine cli = new CommandLine(new UpmCommand(env));
        // picocli models a subcommand by reflection when it is added; a run needs only its own (a fresh process
        // saves about 0.1 s), usage and help need them all
        Class<?> only = args.length > 0 ? COMMANDS.get(args[0]) : null;
        if (only != null) {
            cli.addSubcommand(args[0], only);
        } else {
            COMMANDS.forEach(cli::addSubcommand);
            cli.addSubcommand("help", CommandLine.HelpCommand.class);
        }
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
        beforeCommand.run();
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        Startup startup = Startup.begin(System.getenv());
        int code = execute(args, System.getenv(), out, err, startup::awaitGit);
        stopIdleHttpSelectors();
        System.exit(code);
    }

    /**
     * Ends the selector threads of the JDK's HTTP clients. On JDK 17 the JVM waits up to 300 ms at exit for every
     * thread that sits in native code, and an idle HTTP client's selector thread sits in {@code epoll_wait}: a third
     * of the start-up-to-exit time of a small publish. Interrupting the selector makes it return and its loop end
     * (the clients are no longer used: the command has finished).
     */
    static void stopIdleHttpSelectors() {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (isHttpSelector(t) && !stopSelector(t)) {
                return;
            }
        }
    }

    static boolean isHttpSelector(Thread t) {
        return t.isDaemon() && t.getName().startsWith("HttpClient-") && t.getName().endsWith("-SelectorManager");
    }

    /** Interrupts one selector thread and waits briefly for it to end; false when this thread was interrupted. */
    static boolean stopSelector(Thread t) {
        t.interrupt();
        try {
            t.join(100);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Tells JGit where git's system configuration is when that is known without asking git: JGit otherwise runs
     * {@code git --version} and {@code git config --system --show-origin} to find it (two processes, about 70 ms of a
     * sub-second run). Known means {@code GIT_CONFIG_SYSTEM} is set, or the first git on the PATH is the distribution's
     * {@code /usr/bin/git}, whose system configuration is {@code /etc/gitconfig}. Anything else: JGit asks git.
     */
    static void useKnownGitSystemConfig(Map<String, String> env) {
        if (env.get("GIT_CONFIG_NOSYSTEM") != null) {
            return; // JGit reads no system configuration at all
        }
        File known = knownGitSystemConfig(env);
        if (known != null) {
            FS.DETECTED.setGitSystemConfig(known);
        }
    }

    static File knownGitSystemConfig(Map<String, String> env) {
        String explicit = env.get("GIT_CONFIG_SYSTEM");
        if (explicit != null && !explicit.isBlank()) {
            return new File(explicit);
        }
        String path = env.get("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path git = Path.of(dir.isEmpty() ? "." : dir, "git");
            if (Files.isExecutable(git)) {
                try {
                    boolean distro = git.toRealPath().equals(Path.of("/usr/bin/git"));
                    return distro ? new File("/etc/gitconfig") : null;
                } catch (IOException e) {
                    return null;
                }
            }
        }
        return null;
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
