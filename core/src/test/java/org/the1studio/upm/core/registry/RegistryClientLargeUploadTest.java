package org.the1studio.upm.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A publish streams the tarball: 64 MB go through a JVM limited to a 40 MB heap (less than the tarball, let alone its
 * base64), and the stand-in checks every decoded byte against the integrity. Buffering anywhere would fail with
 * OutOfMemoryError, whatever the speed of the machine.
 */
class RegistryClientLargeUploadTest {
    private static final long PAYLOAD = 64L << 20;

    @TempDir
    Path tmp;

    @Test
    void aTarballLargerThanTheHeapIsPublishedIntact() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path out = tmp.resolve("probe.out");
        Process p = new ProcessBuilder(java.toString(), "-Xmx40m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), LargeUploadProbe.class.getName(), tmp.toString(),
                String.valueOf(PAYLOAD))
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        boolean finished = p.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            p.destroyForcibly();
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(finished).as(output).isTrue();
        assertThat(p.exitValue()).as(output).isZero();
        assertThat(output).contains("verified ok " + Files.size(tmp.resolve("large.tgz")) + " bytes");
        long maxHeap = Long.parseLong(output.replaceAll("(?s).*max heap (\\d+).*", "$1"));
        assertThat(maxHeap).as("the probe's heap is smaller than the tarball").isLessThan(PAYLOAD);
    }
}
