package org.the1studio.upm.core.registry;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.the1studio.upm.core.pack.PackResult;
import org.the1studio.upm.core.secret.Secret;
import org.the1studio.upm.core.testing.TestTarball;

/**
 * Run in a JVM whose heap is smaller than the tarball ({@link RegistryClientLargeUploadTest}): writes a large tarball,
 * publishes it to a stand-in that decodes the base64 attachment as a stream and checks its SHA-512 against the
 * document's {@code dist.integrity}. Exit 0 and "verified" on stdout only when every byte arrived intact.
 */
public final class LargeUploadProbe {
    private LargeUploadProbe() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long payload = Long.parseLong(args[1]);
        PackResult packed = TestTarball.writeLarge(dir.resolve("large.tgz"), "com.acme.large", "1.0.0", payload);
        AtomicReference<String> seen = new AtomicReference<>("nothing received");
        AtomicLong lastSent = new AtomicLong();
        try (StandInRegistry standIn = new StandInRegistry()) {
            standIn.then(new StandInRegistry.Reply() {
                @Override
                public boolean streaming() {
                    return true;
                }

                @Override
                public void answer(com.sun.net.httpserver.HttpExchange ex, StandInRegistry.Recorded r,
                        java.io.InputStream body) throws java.io.IOException {
                    String result = check(body);
                    seen.set(result);
                    StandInRegistry.send(ex, result.startsWith("ok") ? 201 : 400, "{\"error\":\"" + result + "\"}");
                }
            });
            RegistrySettings settings = RegistrySettings.of(standIn.url(), Secret.of("probe-token-123"))
                    .withRetry(RetryPolicy.none()).withTimeouts(Duration.ofSeconds(5), Duration.ofMinutes(2));
            try (RegistryClient client = new RegistryClient(settings)) {
                client.publish(TestTarball.manifest("com.acme.large", "1.0.0"), packed, "latest",
                        (sent, total) -> lastSent.set(sent));
            }
        }
        System.out.println("verified " + seen.get() + "; tarball " + packed.size() + " bytes; sent " + lastSent.get()
                + " bytes; max heap " + Runtime.getRuntime().maxMemory());
    }

    /** Streams the publish document: dist.integrity must equal the SHA-512 of the decoded attachment. */
    static String check(java.io.InputStream body) throws java.io.IOException {
        String integrity = null;
        String digestOfData = null;
        long decoded = -1;
        long declared = -1;
        try (JsonParser p = new JsonFactory().createParser(body)) {
            String field = null;
            for (JsonToken t; (t = p.nextToken()) != null; ) {
                if (t == JsonToken.FIELD_NAME) {
                    field = p.currentName();
                } else if (t == JsonToken.VALUE_STRING && "integrity".equals(field)) {
                    integrity = p.getText();
                } else if (t == JsonToken.VALUE_NUMBER_INT && "length".equals(field)) {
                    declared = p.getLongValue();
                } else if (t == JsonToken.VALUE_STRING && "data".equals(field)) {
                    MessageDigest sha512 = MessageDigest.getInstance("SHA-512");
                    try (OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), sha512)) {
                        decoded = p.readBinaryValue(Base64Variants.MIME_NO_LINEFEEDS, sink);
                    }
                    digestOfData = "sha512-" + Base64.getEncoder().encodeToString(sha512.digest());
                }
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        if (integrity == null || !integrity.equals(digestOfData) || decoded != declared) {
            return "mismatch: integrity " + integrity + " data " + digestOfData + " decoded " + decoded
                    + " declared " + declared;
        }
        return "ok " + decoded + " bytes";
    }
}
