package org.the1studio.upm.core.publish;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Compares two package tarballs file by file.
 *
 * <p>A re-run on a fresh checkout can rebuild an already published version whose changelog entry was committed after
 * the version commit; its tarball then differs only in {@code CHANGELOG.md}. That is the same release, not a conflict,
 * so callers pass the paths to ignore.
 */
final class TarballDiff {
    private TarballDiff() {}

    /** Paths (inside the tarball, e.g. {@code package/Runtime/A.cs}) whose presence or bytes differ. */
    static Set<String> differences(Path ours, InputStream theirs, Set<String> ignored) throws IOException {
        Map<String, String> a;
        try (InputStream in = Files.newInputStream(ours)) {
            a = digests(in);
        }
        Map<String, String> b = digests(theirs);
        Set<String> diff = new TreeSet<>();
        Set<String> all = new TreeSet<>(a.keySet());
        all.addAll(b.keySet());
        for (String path : all) {
            if (!ignored.contains(path) && !java.util.Objects.equals(a.get(path), b.get(path))) {
                diff.add(path);
            }
        }
        return diff;
    }

    private static Map<String, String> digests(InputStream gz) throws IOException {
        Map<String, String> result = new TreeMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(new BufferedInputStream(gz)))) {
            TarArchiveEntry e;
            byte[] buf = new byte[64 * 1024];
            while ((e = tar.getNextEntry()) != null) {
                if (!e.isFile()) {
                    continue;
                }
                MessageDigest md = sha256();
                int n;
                while ((n = tar.read(buf)) > 0) {
                    md.update(buf, 0, n);
                }
                result.put(e.getName(), HexFormat.of().formatHex(md.digest()));
            }
        }
        return result;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
