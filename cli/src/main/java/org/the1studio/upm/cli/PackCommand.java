package org.the1studio.upm.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.the1studio.upm.core.config.UpmException;
import org.the1studio.upm.core.io.Json;
import org.the1studio.upm.core.manifest.ManifestException;
import org.the1studio.upm.core.manifest.ManifestReader;
import org.the1studio.upm.core.manifest.PackageManifest;
import org.the1studio.upm.core.pack.PackException;
import org.the1studio.upm.core.pack.PackResult;
import org.the1studio.upm.core.pack.Packer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code upm pack DIR --out FILE}: one tarball, exactly as {@code npm pack} would make it. */
@Command(name = "pack", mixinStandardHelpOptions = true, description = "Pack one package folder into a tarball.")
final class PackCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Package folder (holding package.json).")
    Path dir;

    @Option(names = "--out", paramLabel = "FILE", description = "Tarball to write (default: <name>-<version>.tgz here).")
    Path out;

    @Option(names = "--json", description = "Print shasum, integrity and files as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Path manifestFile = dir.resolve("package.json");
        PackageManifest manifest;
        try {
            manifest = ManifestReader.read(manifestFile, manifestFile.toString());
        } catch (ManifestException e) {
            throw new UpmException(e.getMessage());
        }
        Path target = out != null ? out : Path.of(Packer.tarballFileName(
                manifest.name() == null ? "package" : manifest.name(), manifest.version() == null ? "0.0.0" : manifest.version()));
        if (target.getParent() != null) {
            Files.createDirectories(target.getParent());
        }
        PackResult result;
        try {
            result = new Packer().pack(dir, target);
        } catch (PackException e) {
            throw new UpmException(e.getMessage());
        }
        var w = spec.commandLine().getOut();
        if (json) {
            ObjectNode node = Json.MAPPER.valueToTree(result);
            node.put("tarball", result.tarball().toString());
            w.println(node.toPrettyString());
        } else {
            w.printf("%s: %d files, %d bytes (unpacked %d)%nshasum:    %s%nintegrity: %s%n", target,
                    result.files().size(), result.size(), result.unpackedSize(), result.shasum(), result.integrity());
        }
        return 0;
    }
}
