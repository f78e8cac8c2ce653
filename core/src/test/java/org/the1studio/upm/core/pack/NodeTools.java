package org.the1studio.upm.core.pack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Runs the real npm / node CLIs for parity tests, and reads tarballs back. */
final class NodeTools {
    private NodeTools() {}

    record Result(int exit, String out, String err) {}

    /** One tar entry as it unpacks: type, mode and a digest of the bytes. */
    record TarFile(String name, boolean regular, int mode, long size, String sha256, long mtime, long uid, long gid,
                   String user, String group) {}

    static boolean available(String tool) {
        try {
            return run(Path.of("."), List.of(tool, "--version"), null).exit() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    static Result run(Path cwd, List<String> command, String stdin) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile());
        pb.environment().put("npm_config_update_notifier", "false");
        pb.environment().put("npm_config_fund", "false");
        pb.environment().put("npm_config_audit", "false");
        pb.environment().put("npm_config_loglevel", "error");
        Process p = pb.start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread errReader = new Thread(() -> {
            try (InputStream in = p.getErrorStream()) {
                in.transferTo(err);
            } catch (IOException ignored) {
                // the process ended
            }
        });
        errReader.start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(command + " timed out");
            }
            errReader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8),
                err.toString(StandardCharsets.UTF_8));
    }

    /** The global node_modules folder that holds npm itself (for npm's own minimatch). */
    static Path npmModules() throws IOException {
        Result r = run(Path.of("."), List.of("npm", "root", "-g"), null);
        return Path.of(r.out().trim()).resolve("npm").resolve("node_modules");
    }

    /** Entries of a .tgz in archive order. */
    static List<TarFile> readTarball(Path tgz) throws IOException {
        List<TarFile> files = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new GZIPInputStream(Files.newInputStream(tgz)), StandardCharsets.UTF_8.name())) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                MessageDigest md = sha256();
                byte[] buf = new byte[8192];
                int n;
                while ((n = tar.read(buf)) > 0) {
                    md.update(buf, 0, n);
                }
                files.add(new TarFile(e.getName(), e.isFile(), e.getMode() & 07777, e.getSize(),
                        HexFormat.of().formatHex(md.digest()), e.getModTime().getTime() / 1000, e.getLongUserId(),
                        e.getLongGroupId(), e.getUserName(), e.getGroupName()));
            }
        }
        return files;
    }

    static Map<String, TarFile> byName(List<TarFile> files) {
        Map<String, TarFile> map = new LinkedHashMap<>();
        for (TarFile f : files) {
            map.put(f.name(), f);
        }
        return map;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
