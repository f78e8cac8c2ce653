package org.the1studio.upm.core.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.the1studio.upm.core.pack.PackResult;

/**
 * The npm publish document ({@code PUT /<name>}) as a stream: JSON prefix, the tarball base64-encoded straight from
 * disk, JSON suffix. The length is known up front, so the upload has a {@code Content-Length} and never holds the
 * tarball (or its base64) in memory, whatever its size.
 *
 * <p>The document is what the npm CLI ({@code libnpmpublish}) sends: {@code _id}, {@code name}, {@code description},
 * {@code dist-tags}, {@code versions} with the manifest plus {@code _id}, {@code dist} and the README
 * ({@code readme}, {@code readmeFilename}, shown on the registry's package page), {@code access: null} and
 * {@code _attachments} keyed {@code <name>-<version>.tgz}.
 */
final class PublishBody {
    private static final int PROGRESS_STEP = 1 << 20;
    private static final int MAX_README = 256 * 1024;
    private static final java.util.regex.Pattern README =
            java.util.regex.Pattern.compile("(?i)readme(\\.[^./]*)?");

    private final byte[] prefix;
    private final byte[] suffix;
    private final Path tarball;
    private final long tarballSize;

    private PublishBody(byte[] prefix, byte[] suffix, Path tarball, long tarballSize) {
        this.prefix = prefix;
        this.suffix = suffix;
        this.tarball = tarball;
        this.tarballSize = tarballSize;
    }

    static PublishBody create(ObjectMapper json, URI registry, ObjectNode manifest, PackResult packed, String distTag) {
        String name = manifest.path("name").asText();
        String version = manifest.path("version").asText();
        long size;
        try {
            size = Files.size(packed.tarball());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the tarball " + packed.tarball() + ": " + e.getMessage(), e);
        }
        String fileName = attachmentName(name, version);

        ObjectNode versionDoc = json.createObjectNode();
        List<String> fields = new ArrayList<>();
        manifest.fieldNames().forEachRemaining(fields::add);
        for (String f : fields) {
            if (!f.startsWith("_") && !f.equals("dist")) {
                versionDoc.set(f, manifest.get(f).deepCopy());
            }
        }
        if (!versionDoc.has("readme")) {
            Readme readme = readme(packed);
            if (readme != null) {
                versionDoc.put("readme", readme.text());
                versionDoc.put("readmeFilename", readme.fileName());
            }
        }
        versionDoc.put("_id", name + "@" + version);
        ObjectNode dist = versionDoc.putObject("dist");
        dist.put("shasum", packed.shasum());
        dist.put("integrity", packed.integrity());
        dist.put("tarball", registry + name + "/-/" + fileName);

        ObjectNode root = json.createObjectNode();
        root.put("_id", name);
        root.put("name", name);
        JsonNode description = manifest.get("description");
        if (description != null && description.isTextual()) {
            root.put("description", description.asText());
        }
        root.putObject("dist-tags").put(distTag, version);
        root.putObject("versions").set(version, versionDoc);
        root.putNull("access");
        String marker = "upm-attachment-" + UUID.randomUUID();
        ObjectNode attachment = root.putObject("_attachments").putObject(fileName);
        attachment.put("content_type", "application/octet-stream");
        attachment.put("data", marker);
        attachment.put("length", size);

        String text;
        try {
            text = json.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the publish document", e);
        }
        int at = text.indexOf(marker);
        if (at < 0 || text.indexOf(marker, at + 1) >= 0) {
            throw new IllegalStateException("publish document marker not unique");
        }
        return new PublishBody(text.substring(0, at).getBytes(StandardCharsets.UTF_8),
                text.substring(at + marker.length()).getBytes(StandardCharsets.UTF_8), packed.tarball(), size);
    }

    /** A README as npm puts it into the version document, so the registry's web page shows it. */
    record Readme(String fileName, String text) {
    }

    /**
     * The package's README from the tarball, as npm sends it: a top-level file named {@code readme} or
     * {@code readme.*} (any case, {@code .md} preferred), text capped at {@link #MAX_README} bytes. Only the entries
     * up to the README are decompressed; null when there is none or the tarball cannot be read.
     */
    static Readme readme(PackResult packed) {
        String file = null;
        for (String f : packed.files()) {
            if (README.matcher(f).matches() && (file == null || f.toLowerCase(java.util.Locale.ROOT).endsWith(".md")
                    && !file.toLowerCase(java.util.Locale.ROOT).endsWith(".md"))) {
                file = f;
            }
        }
        if (file == null) {
            return null;
        }
        try (InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(packed.tarball()), 64 * 1024);
                TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                String path = e.getName().startsWith("package/") ? e.getName().substring(8) : e.getName();
                if (e.isFile() && path.equals(file)) {
                    byte[] bytes = tar.readNBytes(MAX_README);
                    return new Readme(file, new String(bytes, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            return null; // the README is a nicety: the upload itself reports unreadable tarballs
        }
        return null;
    }

    /** npm's attachment (and tarball URL) file name: the full name, scope included, then {@code -version.tgz}. */
    static String attachmentName(String name, String version) {
        return name + "-" + version + ".tgz";
    }

    /** Bytes of the whole request body. */
    long contentLength() {
        return prefix.length + base64Length(tarballSize) + suffix.length;
    }

    /** The body for {@code HttpRequest.Builder.PUT}: re-opens the file for every attempt. */
    HttpRequest.BodyPublisher publisher(ProgressListener progress) {
        long total = contentLength();
        return HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(() -> open(progress, total)), total);
    }

    /** The body as a stream (also used by tests). */
    InputStream open(ProgressListener progress, long total) {
        InputStream file;
        try {
            file = Files.newInputStream(tarball);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<InputStream> parts = List.of(new ByteArrayInputStream(prefix), new Base64InputStream(file),
                new ByteArrayInputStream(suffix));
        return new Counting(new SequenceInputStream(Collections.enumeration(parts)), progress, total);
    }

    static long base64Length(long n) {
        return 4 * ((n + 2) / 3);
    }

    /** Encodes a stream to standard base64 (with padding) chunk by chunk. */
    static final class Base64InputStream extends InputStream {
        private static final int CHUNK = 3 * 16 * 1024;
        private final InputStream source;
        private final Base64.Encoder encoder = Base64.getEncoder();
        private byte[] buffer = new byte[0];
        private int pos;
        private boolean eof;

        Base64InputStream(InputStream source) {
            this.source = source;
        }

        private boolean fill() throws IOException {
            while (pos >= buffer.length) {
                if (eof) {
                    return false;
                }
                byte[] raw = source.readNBytes(CHUNK);
                if (raw.length < CHUNK) {
                    eof = true;
                }
                buffer = encoder.encode(raw);
                pos = 0;
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            return fill() ? buffer[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, buffer.length - pos);
            System.arraycopy(buffer, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            source.close();
        }
    }

    /** Reports bytes handed to the HTTP client, about once per MiB and at the end. */
    private static final class Counting extends FilterInputStream {
        private final ProgressListener progress;
        private final long total;
        private long count;
        private long reported = -1;

        Counting(InputStream in, ProgressListener progress, long total) {
            super(in);
            this.progress = progress == null ? ProgressListener.NONE : progress;
            this.total = total;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                advance(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                advance(n);
            }
            return n;
        }

        private void advance(long n) {
            count += n;
            if (count - reported >= PROGRESS_STEP || count == total && reported != count) {
                reported = count;
                try {
                    progress.progress(count, total);
                } catch (RuntimeException ignored) {
                    // a broken progress display must not break the upload
                }
            }
        }
    }
}
