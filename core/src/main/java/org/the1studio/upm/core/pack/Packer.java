package org.the1studio.upm.core.pack;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.LongConsumer;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * Writes the tarball {@code npm pack} would write: the files {@link PackFileSelector} chooses, each under
 * {@code package/}, in npm's order, with npm's fixed modification time (1985-10-26T08:15:00Z), owner 0/0 with empty
 * user and group names, npm's normalized modes (0644, 0755 for executables), no directory entries, gzip level 9.
 *
 * <p>Streamed: file contents go from disk through tar and gzip to disk in 64 KiB pieces, so package size is bounded
 * by disk, not heap. The SHA-1 ({@code dist.shasum}) and SHA-512 ({@code dist.integrity}) are computed on the bytes
 * as they are written, so the result never needs a second read.
 *
 * <p>The same directory always gives the same bytes (deterministic), and unpacks to exactly the files, bytes and
 * modes npm's tarball unpacks to. The compressed bytes themselves differ from the npm CLI's (Java's zlib and tar
 * header encoding are not Node's), so the whole-tarball {@code shasum}/{@code integrity} of a package packed here
 * and one packed by {@code npm pack} differ even for identical content; compare contents, not tarball hashes, across
 * the two tools.
 */
public final class Packer {
    /** npm's fixed entry time, 1985-10-26T08:15:00.000Z (pacote's tar-create-options). */
    public static final long NPM_MTIME_MILLIS = 499_162_500_000L;
    private static final int BUFFER = 64 * 1024;

    private final List<String> excludedFolders;

    public Packer() {
        this(List.of());
    }

    /**
     * A packer that also leaves out the given package-relative folders ('/'-separated), for output the tool itself
     * writes inside a package (the audit folder of a package at the repository root), which npm's rules would take.
     */
    public Packer(List<String> excludedFolders) {
        this.excludedFolders = excludedFolders.stream().map(f -> f.endsWith("/") ? f : f + "/").toList();
    }

    /** Packs {@code packageDir} into {@code outFile} (replaced if it exists). */
    public PackResult pack(Path packageDir, Path outFile) throws IOException {
        return pack(packageDir, outFile, n -> { });
    }

    /**
     * Packs {@code packageDir} into {@code outFile} (replaced if it exists; written to a temporary file beside it and
     * moved into place, so a failed pack never leaves a truncated tarball under the final name).
     *
     * @param bytesWritten told the running total of compressed bytes written, as they are written
     * @throws PackException when the package cannot be packed (see {@link PackFileSelector#select(Path)}) or a file
     *                       changes or disappears while it is being packed
     */
    public PackResult pack(Path packageDir, Path outFile, LongConsumer bytesWritten) throws IOException {
        return pack(select(packageDir), outFile, bytesWritten);
    }

    /**
     * The files {@link #pack(Path, Path)} takes from {@code packageDir}: npm's selection less the excluded folders.
     *
     * @throws PackException see {@link PackFileSelector#select(Path)}
     */
    public List<PackEntry> select(Path packageDir) throws PackException {
        return PackFileSelector.select(packageDir).stream()
                .filter(e -> excludedFolders.stream().noneMatch(e.path()::startsWith)).toList();
    }

    /**
     * Packs files selected before (by {@link #select}), so a caller that has already looked at the file set does not
     * walk the package a second time. Each file must still have the size it had when selected.
     */
    public PackResult pack(List<PackEntry> entries, Path outFile, LongConsumer bytesWritten) throws IOException {
        Objects.requireNonNull(bytesWritten, "bytesWritten");
        Path target = outFile.toAbsolutePath();
        Path parent = target.getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, "." + target.getFileName(), ".part");
        MessageDigest sha1 = digest("SHA-1");
        MessageDigest sha512 = digest("SHA-512");
        long unpacked = 0;
        List<String> files = new ArrayList<>(entries.size());
        DigestingStream counted;
        try {
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(tmp), BUFFER)) {
                counted = new DigestingStream(file, sha1, sha512, bytesWritten);
                GzipParameters gz = new GzipParameters();
                gz.setCompressionLevel(Deflater.BEST_COMPRESSION);
                gz.setModificationTime(0);
                try (TarArchiveOutputStream tar = new TarArchiveOutputStream(
                        new GzipCompressorOutputStream(counted, gz), StandardCharsets.UTF_8.name())) {
                    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                    tar.setAddPaxHeadersForNonAsciiNames(true);
                    byte[] buffer = new byte[BUFFER];
                    for (PackEntry e : entries) {
                        writeEntry(tar, e, buffer);
                        unpacked += e.size();
                        files.add(e.path());
                    }
                    tar.finish();
                }
            }
            try {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        String shasum = HexFormat.of().formatHex(sha1.digest());
        String integrity = "sha512-" + Base64.getEncoder().encodeToString(sha512.digest());
        return new PackResult(target, shasum, integrity, counted.count, unpacked, files);
    }

    private static void writeEntry(TarArchiveOutputStream tar, PackEntry e, byte[] buffer) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry("package/" + e.path(), true);
        entry.setSize(e.size());
        entry.setMode(e.mode());
        entry.setModTime(NPM_MTIME_MILLIS);
        entry.setUserId(0);
        entry.setGroupId(0);
        entry.setUserName("");
        entry.setGroupName("");
        tar.putArchiveEntry(entry);
        long copied = 0;
        try (InputStream in = Files.newInputStream(e.file(), LinkOption.NOFOLLOW_LINKS)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                if (copied + n > e.size()) {
                    throw changed(e);
                }
                tar.write(buffer, 0, n);
                copied += n;
            }
        } catch (java.nio.file.NoSuchFileException ex) {
            throw new PackException(e.path() + " disappeared while packing " + e.file().getParent()
                    + "; pack again once nothing is writing to the package", ex);
        } catch (PackException ex) {
            throw ex;
        } catch (IOException ex) {
            throw new PackException("cannot read " + e.file() + ": " + ex.getMessage(), ex);
        }
        if (copied != e.size()) {
            throw changed(e);
        }
        tar.closeArchiveEntry();
    }

    private static PackException changed(PackEntry e) {
        return new PackException(e.file() + " changed size while it was being packed (expected " + e.size()
                + " bytes); pack again once nothing is writing to the package");
    }

    /**
     * npm's tarball file name: {@code @scope/name} and {@code 1.0.0} give {@code scope-name-1.0.0.tgz}
     * (npm replaces the first '@' and the first '/').
     */
    public static String tarballFileName(String name, String version) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(version, "version");
        return name.replaceFirst("@", "").replaceFirst("/", "-") + "-" + version + ".tgz";
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required by every Java platform", e);
        }
    }

    /** Counts and hashes the compressed bytes on their way to disk. */
    private static final class DigestingStream extends FilterOutputStream {
        private final MessageDigest sha1;
        private final MessageDigest sha512;
        private final LongConsumer listener;
        long count;

        DigestingStream(OutputStream out, MessageDigest sha1, MessageDigest sha512, LongConsumer listener) {
            super(out);
            this.sha1 = sha1;
            this.sha512 = sha512;
            this.listener = listener;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            sha1.update((byte) b);
            sha512.update((byte) b);
            count++;
            listener.accept(count);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            sha1.update(b, off, len);
            sha512.update(b, off, len);
            count += len;
            listener.accept(count);
        }

        @Override
        public void close() {
            // the file stream is closed by its owner
        }
    }
}
