package org.the1studio.upm.core.pack;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One file that goes into the tarball, as {@link PackFileSelector} chose it.
 *
 * @param path package-relative path with '/' separators (the tar entry is {@code package/<path>})
 * @param file the file on disk
 * @param size size in bytes when it was selected
 * @param mode permission bits written to the tar header, normalized as npm does: {@code (mode | 0600) & ~022}, so
 *             0644 for ordinary files and 0755 for executables; package {@code bin} files at the package root
 *             additionally get {@code +x} (what pacote does)
 */
public record PackEntry(String path, Path file, long size, int mode) {
    public PackEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(file, "file");
    }
}
