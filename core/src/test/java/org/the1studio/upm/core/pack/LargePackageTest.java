package org.the1studio.upm.core.pack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 500 MB package packs in a JVM limited to a 128 MB heap: the packer streams, it never holds a file or the tarball
 * in memory. The big file is sparse (zeros), so the test costs no disk space and little time.
 */
class LargePackageTest {
    private static final long SIZE = 500L * 1024 * 1024;

    @TempDir Path tmp;

    @Test
    void fiveHundredMegabytesPackWithA128MegabyteHeap() throws Exception {
        Path dir = tmp.resolve("big");
        Fixtures.write(dir, "package.json", Fixtures.manifest("com.acme.big", ""));
        Files.createDirectories(dir.resolve("Runtime"));
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("Runtime/Huge.bytes").toFile(), "rw")) {
            f.setLength(SIZE);
        }
        Path out = tmp.resolve("big.tgz");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        NodeTools.Result r = NodeTools.run(tmp, List.of(java, "-Xmx128m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), LargePackMain.class.getName(), dir.toString(),
                out.toString()), null);
        assertThat(r.exit()).as("packing in a 128 MB heap failed: %s", r.err()).isZero();

        String[] reported = r.out().trim().split(" ");
        byte[] tarball = Files.readAllBytes(out); // small: zeros compress about 1000:1
        assertThat(reported[0]).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(tarball)));
        assertThat(reported[1]).isEqualTo("sha512-"
                + Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-512").digest(tarball)));
        assertThat(Long.parseLong(reported[2])).isEqualTo(tarball.length);
        assertThat(Long.parseLong(reported[3])).isEqualTo(SIZE + Files.size(dir.resolve("package.json")));
    }
}
