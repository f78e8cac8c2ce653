package org.the1studio.upm.cli.fleet;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.the1studio.upm.cli.UpmCommand;
import org.the1studio.upm.core.config.UpmException;
import org.the1studio.upm.core.fleet.Registrar;
import org.the1studio.upm.core.fleet.RepoStatus;
import org.the1studio.upm.core.fleet.RepositoryEntry;
import org.the1studio.upm.core.fleet.RepositoryProblem;
import org.the1studio.upm.core.fleet.RepositoryRegistry;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code upm repos}: the fleet's repository registry, {@code repositories.json}. */
@Command(name = "repos", mixinStandardHelpOptions = true,
        description = "Manage repositories.json, the list of package repositories of the fleet.",
        subcommands = {ReposCommand.Validate.class, ReposCommand.ListRepos.class, ReposCommand.Add.class,
                ReposCommand.SetStatus.class, ReposCommand.Register.class, ReposCommand.Sync.class,
                ReposCommand.Schema.class})
public final class ReposCommand implements Runnable {
    @ParentCommand UpmCommand parent;
    @Spec CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "name a command: validate, list, add, set-status, register, sync, schema");
    }

    Map<String, String> env() {
        return parent.env();
    }

    /** {@code upm repos validate [FILE]}. */
    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check repositories.json against its JSON Schema, for duplicates and bad URLs. Exit 1 when invalid.")
    static final class Validate implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Parameters(arity = "0..1", paramLabel = "FILE", description = "Default: repositories.json.")
        Path file = Path.of(RepositoryRegistry.FILE_NAME);

        @Override
        public Integer call() {
            List<RepositoryProblem> problems = RepositoryRegistry.validate(file);
            PrintWriter out = spec.commandLine().getOut();
            if (problems.isEmpty()) {
                out.println(file + ": valid");
                return 0;
            }
            PrintWriter err = spec.commandLine().getErr();
            err.println(file + ": " + problems.size() + (problems.size() == 1 ? " problem" : " problems"));
            problems.forEach(p -> err.println("  " + p.describe()));
            return 1;
        }
    }

    /** {@code upm repos list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the repositories and their status.")
    static final class ListRepos implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Option(names = {"-f", "--file"}, description = "Default: repositories.json.")
        Path file = Path.of(RepositoryRegistry.FILE_NAME);
        @Option(names = "--status", description = "Only this status: active, pending or disabled.")
        String status;

        @Override
        public Integer call() throws UpmException {
            RepoStatus only = status == null ? null : parseStatus(status, "--status");
            RepositoryRegistry r = RepositoryRegistry.load(file);
            PrintWriter out = spec.commandLine().getOut();
            List<RepositoryEntry> shown = r.entries().stream().filter(e -> only == null || e.status() == only).toList();
            int w = shown.stream().mapToInt(e -> e.url().length()).max().orElse(10);
            for (RepositoryEntry e : shown) {
                StringBuilder line = new StringBuilder(String.format("%-9s %-" + w + "s", e.status(), e.url()));
                if (e.branch() != null) {
                    line.append("  branch ").append(e.branch());
                }
                if (e.registry() != null) {
                    line.append("  registry ").append(e.registry());
                }
                if (e.notes() != null) {
                    line.append("  # ").append(e.notes());
                }
                out.println(line.toString().stripTrailing());
            }
            out.println(shown.size() + " repositories (" + r.withStatus(RepoStatus.ACTIVE).size() + " active, "
                    + r.withStatus(RepoStatus.PENDING).size() + " pending, " + r.withStatus(RepoStatus.DISABLED).size()
                    + " disabled)");
            return 0;
        }
    }

    /** {@code upm repos add URL}. */
    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add a repository (creates repositories.json when missing). Use 'register' to also open the"
                    + " Jenkinsfile pull request.")
    static final class Add implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Option(names = {"-f", "--file"}, description = "Default: repositories.json.")
        Path file = Path.of(RepositoryRegistry.FILE_NAME);
        @Parameters(index = "0", paramLabel = "URL", description = "https://github.com/OWNER/NAME")
        String url;
        @Option(names = "--status", description = "active (default), pending or disabled.")
        String status = "active";
        @Option(names = "--branch", description = "Branch to publish from (default: the repository's default branch).")
        String branch;
        @Option(names = "--registry", description = "Registry for this repository (default: the fleet's).")
        String registry;
        @Option(names = "--notes", description = "Free text.")
        String notes;

        @Override
        public Integer call() throws Exception {
            RepoStatus s = parseStatus(status, "--status");
            RepositoryRegistry r = RepositoryRegistry.loadOrEmpty(file).add(new RepositoryEntry(url.strip(), s, branch,
                    registry, notes));
            r.save(file);
            spec.commandLine().getOut().println("added " + url.strip() + " (" + s + ") to " + file);
            return 0;
        }
    }

    /** {@code upm repos set-status URL STATUS}. */
    @Command(name = "set-status", mixinStandardHelpOptions = true, description = "Change a repository's status.")
    static final class SetStatus implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Option(names = {"-f", "--file"}, description = "Default: repositories.json.")
        Path file = Path.of(RepositoryRegistry.FILE_NAME);
        @Parameters(index = "0", paramLabel = "URL")
        String url;
        @Parameters(index = "1", paramLabel = "STATUS", description = "active, pending or disabled")
        String status;

        @Override
        public Integer call() throws Exception {
            RepoStatus s = parseStatus(status, "STATUS");
            RepositoryRegistry.load(file).setStatus(url, s).save(file);
            spec.commandLine().getOut().println(url + " is now " + s);
            return 0;
        }
    }

    /** {@code upm repos register URL}. */
    @Command(name = "register", mixinStandardHelpOptions = true,
            description = "Check the repository on GitHub, open a pull request adding the one-line Jenkinsfile"
                    + " (upmPublish()), and list it as pending.")
    static final class Register implements Callable<Integer> {
        @ParentCommand ReposCommand parent;
        @Spec CommandSpec spec;
        @Mixin FleetOptions options;
        @Parameters(index = "0", paramLabel = "URL", description = "https://github.com/OWNER/NAME")
        String url;
        @Option(names = "--branch", description = "Base branch of the pull request (default: the default branch).")
        String branch;
        @Option(names = "--allow-empty", description = "Register even when no Unity package is found yet.")
        boolean allowEmpty;

        @Override
        public Integer call() throws Exception {
            RepositoryRegistry r = RepositoryRegistry.loadOrEmpty(options.file());
            Registrar.Registration reg = new Registrar(options.github(parent.env())).register(r, url, branch, allowEmpty);
            reg.registry().save(options.file());
            PrintWriter out = spec.commandLine().getOut();
            reg.steps().forEach(s -> out.println("  " + s));
            out.println(reg.entry().url() + " is " + reg.entry().status()
                    + (reg.pullRequestUrl() != null ? "; merge " + reg.pullRequestUrl() + ", then run 'upm repos sync'" : ""));
            return 0;
        }
    }

    /** {@code upm repos sync}. */
    @Command(name = "sync", mixinStandardHelpOptions = true,
            description = "Make pending repositories active once the Jenkinsfile calling upmPublish() is on their branch.")
    static final class Sync implements Callable<Integer> {
        @ParentCommand ReposCommand parent;
        @Spec CommandSpec spec;
        @Mixin FleetOptions options;

        @Override
        public Integer call() throws Exception {
            RepositoryRegistry r = RepositoryRegistry.load(options.file());
            Registrar.SyncOutcome outcome = new Registrar(options.github(parent.env())).sync(r);
            outcome.registry().save(options.file());
            PrintWriter out = spec.commandLine().getOut();
            outcome.results().forEach(s -> out.println((s.activated() ? "active   " : "pending  ") + s.url() + "  " + s.detail()));
            long activated = outcome.results().stream().filter(Registrar.SyncResult::activated).count();
            out.println(outcome.results().size() + " pending, " + activated + " now active");
            return 0;
        }
    }

    /** {@code upm repos schema}. */
    @Command(name = "schema", mixinStandardHelpOptions = true, description = "Print the JSON Schema of repositories.json.")
    static final class Schema implements Callable<Integer> {
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().print(RepositoryRegistry.schemaText());
            return 0;
        }
    }

    static RepoStatus parseStatus(String value, String field) throws UpmException {
        try {
            return RepoStatus.parse(value);
        } catch (IllegalArgumentException e) {
            throw new UpmException(null, field, e.getMessage(), null);
        }
    }
}
