package org.the1studio.upm.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.the1studio.upm.core.changelog.ChangelogEntry;
import org.the1studio.upm.core.changelog.ChangelogMode;
import org.the1studio.upm.core.changelog.ChangelogService;
import org.the1studio.upm.core.changelog.ChangelogSettings;
import org.the1studio.upm.core.changelog.ChangelogWrite;
import org.the1studio.upm.core.config.UpmConfig;
import org.the1studio.upm.core.config.UpmException;
import org.the1studio.upm.core.manifest.ManifestReader;
import org.the1studio.upm.core.manifest.PackageLocator;
import org.the1studio.upm.core.manifest.PackageManifest;
import org.the1studio.upm.core.publish.PublishRequest;
import org.the1studio.upm.core.secret.Secret;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code upm changelog}: preview (default) or write the changelog entry of a package version. */
@Command(name = "changelog", mixinStandardHelpOptions = true,
        description = "Preview or write the Keep a Changelog entry for a package version.")
final class ChangelogCommand implements Callable<Integer> {
    @ParentCommand UpmCommand parent;
    @Spec CommandSpec spec;

    @Option(names = {"-C", "--dir"}, description = "Git work tree root (default: current directory).")
    Path dir = Path.of(".");

    @Option(names = "--package", required = true, description = "Package name.")
    String packageName;

    @Option(names = "--version", description = "Version of the entry (default: the manifest's version).")
    String version;

    @Option(names = "--since", description = "Previous version: commits after the one that set it (default: all commits of the package).")
    String since;

    @Option(names = "--mode", description = "ai or conventional (default: upm.json, else conventional).")
    String mode;

    @Option(names = "--gemini-key-env", description = "Variable holding the Gemini API key (default: GEMINI_API_KEY).")
    String geminiKeyEnv;

    @Option(names = "--write", description = "Write the entry into the package's CHANGELOG.md (default: print it).")
    boolean write;

    @Override
    public Integer call() throws Exception {
        Path root = dir.toAbsolutePath().normalize();
        UpmConfig config = UpmConfig.load(root);
        Path manifestFile = find(root);
        PackageManifest manifest = ManifestReader.read(manifestFile, root.relativize(manifestFile).toString());
        String packagePath = root.relativize(manifestFile.getParent()).toString().replace('\\', '/');
        ChangelogMode m = ChangelogMode.parse(UpmConfig.pick(mode, config.changelog(), "conventional"));
        if (m == ChangelogMode.OFF) {
            throw new UpmException(null, "--mode", "changelog mode is off", "pass --mode conventional or --mode ai");
        }
        Secret key = Secret.ofNullable(parent.env().get(UpmConfig.pick(geminiKeyEnv, config.geminiKeyEnv(), "GEMINI_API_KEY")));
        String head;
        try (Repository repo = new FileRepositoryBuilder().setWorkTree(root.toFile()).setMustExist(true).build()) {
            head = repo.resolve(Constants.HEAD).name();
        }
        ChangelogService service = new ChangelogService(new ChangelogSettings(m, key,
                UpmConfig.pick(null, config.geminiModel(), PublishRequest.DEFAULT_GEMINI_MODEL), null,
                Duration.ofSeconds(30), 3, null));
        ChangelogEntry entry = service.prepare(root, packagePath, manifest.name(), since,
                version != null ? version : manifest.version(), head, LocalDate.now(ZoneOffset.UTC));
        var out = spec.commandLine().getOut();
        if (entry.fallbackReason() != null) {
            spec.commandLine().getErr().println("[upm] WARNING: conventional entry used: " + entry.fallbackReason());
        }
        if (write) {
            ChangelogWrite w = service.write(manifestFile.getParent().resolve("CHANGELOG.md"), entry);
            out.println(w.changed() ? "wrote " + w.file() : w.file() + " already has an entry for " + entry.version());
        } else {
            out.println(entry.markdown());
        }
        return 0;
    }

    private Path find(Path root) throws Exception {
        List<Path> matches = PackageLocator.manifestsNamed(root, packageName);
        if (matches.isEmpty()) {
            throw new UpmException(null, "--package", "no package.json named '" + packageName + "' under " + root,
                    "give the name field of the manifest, e.g. com.acme.tools");
        }
        if (matches.size() > 1) {
            throw new UpmException(null, "--package", "more than one package.json is named '" + packageName + "': "
                    + matches, "every package in a repository needs its own name");
        }
        return matches.get(0);
    }
}
