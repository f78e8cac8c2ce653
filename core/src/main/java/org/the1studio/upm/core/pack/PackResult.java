package org.the1studio.upm.core.pack;

import java.nio.file.Path;
import java.util.List;

/**
 * A tarball written by the packer, with the integrity values npm computes for it.
 *
 * @param tarball      the .tgz on disk (streamed, never held in memory)
 * @param shasum       hex SHA-1 of the tarball bytes (npm's {@code dist.shasum})
 * @param integrity    Subresource Integrity string {@code sha512-<base64>} (npm's {@code dist.integrity})
 * @param size         tarball size in bytes
 * @param unpackedSize sum of the packed files' sizes
 * @param files        packed paths relative to the package root, '/'-separated, in tar order
 */
public record PackResult(Path tarball, String shasum, String integrity, long size, long unpackedSize, List<String> files) {
    public PackResult {
        files = List.copyOf(files);
    }
}
