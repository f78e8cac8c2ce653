package org.the1studio.upm.jenkins;

import hudson.AbortException;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import jenkins.MasterToSlaveFileCallable;
import org.the1studio.upm.core.changelog.ChangelogEntry;
import org.the1studio.upm.core.changelog.ChangelogMode;
import org.the1studio.upm.core.changelog.ChangelogService;
import org.the1studio.upm.core.changelog.ChangelogSettings;
import org.the1studio.upm.core.changelog.ChangelogWrite;
import org.the1studio.upm.core.manifest.ManifestException;
import org.the1studio.upm.core.manifest.ManifestReader;
import org.the1studio.upm.core.manifest.PackageLocator;
import org.the1studio.upm.core.manifest.PackageManifest;
import org.the1studio.upm.core.secret.Secret;

/**
 * Core's changelog service for one package, run on the agent next to the git checkout: prepares the entry of a
 * version and, when asked, merges it into the package's {@code CHANGELOG.md}. Returns a plain map.
 */
final class ChangelogCallable extends MasterToSlaveFileCallable<LinkedHashMap<String, Object>> {
    private static final long serialVersionUID = 1L;
    /** Folders never searched for the package: git data, npm installs and Unity's generated folders. */
    private final String packageName;
    private final String version;
    private final String since;
    private final String mode;
    private final Secret geminiKey;
    private final String geminiModel;
    private final boolean write;
    private final TaskListener listener;

    ChangelogCallable(String packageName, String version, String since, ChangelogMode mode, Secret geminiKey,
            String geminiModel, boolean write, TaskListener listener) {
        this.packageName = packageName;
        this.version = version;
        this.since = since;
        this.mode = mode.name();
        this.geminiKey = geminiKey;
        this.geminiModel = geminiModel;
        this.write = write;
        this.listener = listener;
    }

    @Override
    public LinkedHashMap<String, Object> invoke(File workspace, VirtualChannel channel)
            throws IOException, InterruptedException {
        Path root = workspace.toPath().toAbsolutePath().normalize();
        Path manifestFile = find(root);
        String manifestPath = root.relativize(manifestFile).toString().replace('\\', '/');
        PackageManifest manifest;
        try {
            manifest = ManifestReader.read(manifestFile, manifestPath);
        } catch (ManifestException e) {
            throw new AbortException("[upm] " + e.getMessage());
        }
        Path dir = manifestFile.getParent();
        if (dir == null) {
            throw new AbortException("[upm] " + manifestPath + " has no parent folder");
        }
        String packagePath = root.equals(dir) ? "" : root.relativize(dir).toString().replace('\\', '/');
        ChangelogService service = new ChangelogService(new ChangelogSettings(ChangelogMode.valueOf(mode), geminiKey,
                geminiModel, null, Duration.ofSeconds(30), 3, null));
        String entryVersion = version != null ? version : manifest.version();
        ChangelogEntry entry = service.prepare(root, packagePath, packageName, since, entryVersion, null,
                LocalDate.now(ZoneOffset.UTC));
        PrintStream out = listener.getLogger();
        entry.notices().forEach(n -> out.println("[upm] " + n));
        if (entry.fallbackReason() != null) {
            out.println("[upm] WARNING: conventional entry used instead of the AI one: " + entry.fallbackReason());
        }
        LinkedHashMap<String, Object> result = new LinkedHashMap<>();
        result.put("name", packageName);
        result.put("path", packagePath);
        result.put("version", entry.version());
        result.put("date", entry.date().toString());
        result.put("markdown", entry.markdown());
        result.put("fallbackReason", entry.fallbackReason());
        result.put("file", null);
        result.put("changed", false);
        if (write) {
            ChangelogWrite w = service.write(dir.resolve("CHANGELOG.md"), entry);
            String file = root.relativize(w.file().toAbsolutePath().normalize()).toString().replace('\\', '/');
            out.println("[upm] " + (w.changed() ? "wrote the " + entry.version() + " entry to " + file
                    : file + " already has an entry for " + entry.version()));
            result.put("file", file);
            result.put("changed", w.changed());
        } else {
            out.println(entry.markdown());
        }
        return result;
    }

    /** The manifest of the package named {@code packageName} in the work tree. */
    private Path find(Path root) throws IOException {
        List<Path> found = PackageLocator.manifestsNamed(root, packageName);
        if (found.isEmpty()) {
            throw new AbortException("[upm] no package.json named '" + packageName + "' in " + root
                    + ": check the package: argument (the name field of the manifest, e.g. com.acme.tools)");
        }
        if (found.size() > 1) {
            throw new AbortException("[upm] more than one package.json is named '" + packageName + "': " + found);
        }
        return found.get(0);
    }
}
