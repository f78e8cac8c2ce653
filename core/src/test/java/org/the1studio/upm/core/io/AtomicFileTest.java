package org.the1studio.upm.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @TempDir Path tmp;

    @Test
    void replacesTheContentCreatesTheFolderAndLeavesNoTemporaryFile() throws Exception {
        Path file = tmp.resolve("a/b/cache.json");

        AtomicFile.write(file, "one".getBytes(StandardCharsets.UTF_8));
        AtomicFile.write(file, "two".getBytes(StandardCharsets.UTF_8));

        assertThat(file).hasContent("two");
        try (Stream<Path> left = Files.list(file.getParent())) {
            assertThat(left).containsExactly(file);
        }
    }
}
