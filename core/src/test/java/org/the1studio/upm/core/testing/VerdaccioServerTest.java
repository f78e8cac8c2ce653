package org.the1studio.upm.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.the1studio.upm.core.pack.PackResult;

/** The fixture itself: a locked-down real Verdaccio, the npm CLI pointed at it, and tarballs npm accepts. */
class VerdaccioServerTest {
    @TempDir
    Path tmp;

    @Test
    void publishesWithTheRealNpmAndStopsCleanly() throws Exception {
        VerdaccioServer v = VerdaccioServer.start();
        try {
            assertThat(v.url()).startsWith("http://127.0.0.1:").endsWith("/");
            assertThat(v.npm(tmp, "whoami").requireOk().stdout().strip()).isEqualTo(v.user());

            String name = VerdaccioServer.uniqueName("com.acme.fixture");
            PackResult packed = TestTarball.write(tmp.resolve("p.tgz"), name, "1.0.0");
            assertThat(packed.integrity()).startsWith("sha512-");
            assertThat(packed.shasum()).hasSize(40);
            assertThat(TestTarball.describe(packed.tarball()).integrity()).isEqualTo(packed.integrity());
            v.npm(tmp, "publish", packed.tarball().toString()).requireOk();

            VerdaccioServer.NpmResult view = v.npm(tmp, "view", name + "@1.0.0", "dist.shasum");
            assertThat(view.requireOk().stdout().strip()).isEqualTo(packed.shasum());

            // packages need authentication, and another user can be created with its own token
            assertThat(v.npmWithToken(null, tmp, "view", name).ok()).isFalse();
            String other = v.createUser("someone-else");
            assertThat(other).isNotEqualTo(v.token());
            assertThat(v.npmWithToken(other, tmp, "whoami").requireOk().stdout().strip()).isEqualTo("someone-else");
        } finally {
            v.stop();
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create(v.url() + "-/ping")).build(),
                HttpResponse.BodyHandlers.discarding())).isInstanceOf(ConnectException.class);
    }

    @Test
    void missingInstallationSaysWhatToDo() throws IOException {
        String before = System.getProperty(VerdaccioServer.DIR_PROPERTY);
        System.setProperty(VerdaccioServer.DIR_PROPERTY, tmp.toString());
        try {
            assertThatThrownBy(VerdaccioServer::start).hasMessageContaining("run npm ci in tools/verdaccio");
        } finally {
            if (before == null) {
                System.clearProperty(VerdaccioServer.DIR_PROPERTY);
            } else {
                System.setProperty(VerdaccioServer.DIR_PROPERTY, before);
            }
        }
    }
}
