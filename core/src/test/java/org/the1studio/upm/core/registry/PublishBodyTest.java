package org.the1studio.upm.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.the1studio.upm.core.pack.PackResult;
import org.the1studio.upm.core.testing.TestTarball;

class PublishBodyTest {
    @TempDir
    Path tmp;

    @Test
    void streamedBase64EqualsTheJdkEncodingAtEveryChunkBoundary() throws IOException {
        int chunk = 3 * 16 * 1024;
        Random random = new Random(42);
        for (int size : new int[] {0, 1, 2, 3, 4, chunk - 1, chunk, chunk + 1, 2 * chunk + 2, 200_001}) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            byte[] expected = Base64.getEncoder().encode(data);
            try (InputStream in = new PublishBody.Base64InputStream(new ByteArrayInputStream(data))) {
                byte[] oneByOne = new byte[expected.length];
                int i = 0;
                for (int b; (b = in.read()) >= 0; ) {
                    oneByOne[i++] = (byte) b;
                }
                assertThat(i).as("size %d", size).isEqualTo(expected.length);
                assertThat(oneByOne).isEqualTo(expected);
            }
            try (InputStream in = new PublishBody.Base64InputStream(new ByteArrayInputStream(data))) {
                assertThat(in.readAllBytes()).as("size %d", size).isEqualTo(expected);
            }
            assertThat(PublishBody.base64Length(size)).isEqualTo(expected.length);
        }
    }

    @Test
    void theStreamedDocumentHasTheAnnouncedLengthAndIsValidJson() throws IOException {
        PackResult packed = TestTarball.write(tmp.resolve("a.tgz"), "com.acme.a", "1.0.0");
        ObjectMapper json = new ObjectMapper();
        PublishBody body = PublishBody.create(json, URI.create("http://r/"), TestTarball.manifest("com.acme.a", "1.0.0"),
                packed, "latest");
        byte[] bytes;
        try (InputStream in = body.open(ProgressListener.NONE, body.contentLength())) {
            bytes = in.readAllBytes();
        }
        assertThat((long) bytes.length).isEqualTo(body.contentLength());
        assertThat(json.readTree(bytes).path("_attachments").path("com.acme.a-1.0.0.tgz").path("length").asLong())
                .isEqualTo(packed.size());
    }

    @Test
    void theReadmeIsTheTopLevelOnePreferringMarkdown() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("package.json", "{}");
        files.put("Docs/README.md", "nested, not this one");
        files.put("readme", "plain");
        files.put("README.md", "# markdown");
        PackResult packed = TestTarball.write(tmp.resolve("r.tgz"), files);
        assertThat(PublishBody.readme(packed)).isEqualTo(new PublishBody.Readme("README.md", "# markdown"));

        PackResult none = TestTarball.write(tmp.resolve("n.tgz"), Map.of("package.json", "{}", "Docs/readme.txt", "x"));
        assertThat(PublishBody.readme(none)).isNull();
    }
}
