package org.the1studio.upm.core.manifest;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds a package's manifest by its name in a work tree, for the commands that take a package name
 * ({@code upm changelog --package}, the {@code upmChangelog} step). Folders that never hold a package of the
 * repository (hidden folders such as {@code .git}, {@code node_modules}, and Unity's generated {@code Library},
 * {@code Temp}, {@code Logs}, {@code obj}) are not searched; unreadable manifests are not matches.
 */
public final class PackageLocator {
    private static final Set<String> SKIPPED = Set.of("node_modules", "Library", "Temp", "Logs", "obj");

    private PackageLocator() {}

    /** Every {@code package.json} under {@code root} whose {@code name} is {@code packageName}, in walk order. */
    public static List<Path> manifestsNamed(Path root, String packageName) throws IOException {
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                String name = String.valueOf(dir.getFileName());
                boolean skip = !dir.equals(root) && (name.startsWith(".") || SKIPPED.contains(name));
                return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if ("package.json".equals(String.valueOf(file.getFileName())) && isNamed(file, packageName)) {
                    found.add(file);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return found;
    }

    private static boolean isNamed(Path manifestFile, String packageName) {
        try {
            return packageName.equals(ManifestReader.read(manifestFile, manifestFile.toString()).name());
        } catch (ManifestException e) {
            return false;
        }
    }
}
