package org.the1studio.upm.core.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.the1studio.upm.core.pack.PackResult;

/**
 * Builds npm-style package tarballs ({@code package/...} entries, gzip) for tests, with the {@link PackResult} npm
 * would report (hex SHA-1 {@code shasum}, {@code sha512-} integrity), independently of the real packer so registry and
 * engine tests do not depend on it. Everything is streamed: {@link #writeLarge} makes tarballs of hundreds of MB
 * without heap.
 */
public final class TestTarball {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** npm's fixed tar mtime (1985-10-26T08:15:00Z), so equal content gives equal bytes. */
    private static final long NPM_MTIME = 499162500000L;

    private TestTarball() {
    }

    /** A minimal valid Unity package manifest: name, version, displayName, unity, description. */
    public static ObjectNode manifest(String name, String version) {
        ObjectNode m = JSON.createObjectNode();
        m.put("name", name);
        m.put("version", version);
        m.put("displayName", "Test " + name);
        m.put("description", "A test package");
        m.put("unity", "2021.3");
        return m;
    }

    /** A tarball of {@link #manifest(String, String)} plus a README.md and a script. */
    public static PackResult write(Path out, String name, String version) {
        return write(out, manifest(name, version));
    }

    /** A tarball of the given manifest as package.json plus a README.md and a script. */
    public static PackResult write(Path out, ObjectNode manifest) {
        Map<String, String> files = new LinkedHashMap<>();
        try {
            files.put("package.json", JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.put("README.md", "# " + manifest.path("name").asText() + "\n");
        files.put("Runtime/Thing.cs", "public class Thing { } // " + manifest.path("version").asText() + "\n");
        return write(out, files);
    }

    /** A tarball holding {@code files} (package-relative path -> UTF-8 text) under {@code package/}, in map order. */
    public static PackResult write(Path out, Map<String, String> files) {
        try (Writer w = new Writer(out)) {
            for (Map.Entry<String, String> f : files.entrySet()) {
                byte[] bytes = f.getValue().getBytes(StandardCharsets.UTF_8);
                w.entry(f.getKey(), bytes.length, os -> os.write(bytes));
            }
            return w.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A tarball with {@link #manifest} and one file {@code Runtime/blob.bin} of {@code payloadBytes} pseudo-random
     * (incompressible, seeded, so reproducible) bytes: the tarball is slightly larger than the payload.
     */
    public static PackResult writeLarge(Path out, String name, String version, long payloadBytes) {
        try (Writer w = new Writer(out)) {
            byte[] json = (JSON.writeValueAsString(manifest(name, version)) + "\n").getBytes(StandardCharsets.UTF_8);
            w.entry("package.json", json.length, os -> os.write(json));
            w.entry("Runtime/blob.bin", payloadBytes, os -> {
                SplittableRandom random = new SplittableRandom(payloadBytes);
                byte[] buf = new byte[64 * 1024];
                long left = payloadBytes;
                while (left > 0) {
                    for (int i = 0; i < buf.length; i += 8) {
                        long r = random.nextLong();
                        for (int j = 0; j < 8 && i + j < buf.length; j++) {
                            buf[i + j] = (byte) (r >>> (8 * j));
                        }
                    }
                    int n = (int) Math.min(buf.length, left);
                    os.write(buf, 0, n);
                    left -= n;
                }
            });
            return w.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The PackResult of an existing tarball (digests streamed from disk; {@code files} and unpackedSize empty). */
    public static PackResult describe(Path tarball) {
        try (InputStream in = Files.newInputStream(tarball)) {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
            byte[] buf = new byte[64 * 1024];
            long size = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                sha1.update(buf, 0, n);
                sha512.update(buf, 0, n);
                size += n;
            }
            return new PackResult(tarball, HexFormat.of().formatHex(sha1.digest()),
                    "sha512-" + Base64.getEncoder().encodeToString(sha512.digest()), size, 0, List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** npm's file name for a tarball: {@code name-version.tgz}, a scope's {@code @} dropped and {@code /} -> {@code -}. */
    public static String fileName(String name, String version) {
        String base = name.startsWith("@") ? name.substring(1).replace('/', '-') : name;
        return base + "-" + version + ".tgz";
    }

    private interface Body {
        void writeTo(OutputStream os) throws IOException;
    }

    /** Tar + gzip to a file while counting SHA-1 and SHA-512 of the compressed bytes. */
    private static final class Writer implements AutoCloseable {
        private final Path out;
        private final MessageDigest sha1;
        private final MessageDigest sha512;
        private final OutputStream file;
        private final TarArchiveOutputStream tar;
        private final List<String> names = new ArrayList<>();
        private long unpacked;
        private boolean finished;

        Writer(Path out) throws IOException {
            this.out = out;
            try {
                sha1 = MessageDigest.getInstance("SHA-1");
                sha512 = MessageDigest.getInstance("SHA-512");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            Path parent = out.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            file = new BufferedOutputStream(Files.newOutputStream(out), 64 * 1024);
            OutputStream digesting = new DigestOutputStream(new DigestOutputStream(file, sha1), sha512);
            tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(digesting));
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        }

        void entry(String path, long size, Body body) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry("package/" + path);
            e.setSize(size);
            e.setMode(0100644);
            e.setModTime(NPM_MTIME);
            tar.putArchiveEntry(e);
            body.writeTo(tar);
            tar.closeArchiveEntry();
            names.add(path);
            unpacked += size;
        }

        PackResult finish() throws IOException {
            finished = true;
            tar.close();
            return new PackResult(out, HexFormat.of().formatHex(sha1.digest()),
                    "sha512-" + Base64.getEncoder().encodeToString(sha512.digest()), Files.size(out), unpacked, names);
        }

        @Override
        public void close() throws IOException {
            if (!finished) {
                tar.close();
            }
        }
    }
}
