package org.the1studio.upm.core.notify;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.the1studio.upm.core.secret.Secret;

class EndpointTest {

    @Test
    void queryParametersAreAppendedToAnExistingQuery() {
        Endpoint plain = Endpoint.of("x", Secret.of("https://discord.com/api/webhooks/1/tok"));
        assertThat(plain.withQuery("wait=true").toString()).isEqualTo("https://discord.com/api/webhooks/1/tok?wait=true");
        Endpoint withQuery = Endpoint.of("x", Secret.of("https://discord.com/api/webhooks/1/tok?with_components=true#frag"));
        assertThat(withQuery.withQuery("wait=true").toString())
                .isEqualTo("https://discord.com/api/webhooks/1/tok?with_components=true&wait=true");
    }

    @Test
    void theRedactorMasksTheUrlItsCredentialPartsAndCredentialShapes() {
        String url = "https://hooks.acme.test/upm/publish-events?key=Very-Secret-Key-123";
        Endpoint e = Endpoint.of("webhook URL", Secret.of(url));
        var redactor = e.redactor(Secret.of("hmac-signing-secret"));

        assertThat(redactor.redact("failed " + url)).isEqualTo("failed ****");
        assertThat(redactor.redact("path /upm/publish-events?key=Very-Secret-Key-123 was refused")).isEqualTo("path **** was refused");
        assertThat(redactor.redact("key=Very-Secret-Key-123")).isEqualTo("****");
        assertThat(redactor.redact("signed with hmac-signing-secret")).isEqualTo("signed with ****");
        assertThat(redactor.redact("see https://discord.com/api/webhooks/9/other-token")).isEqualTo("see ****");
        // short parts are ordinary words, not credentials
        assertThat(redactor.redact("branch main, folder upm")).isEqualTo("branch main, folder upm");
        assertThat(e.host()).isEqualTo("hooks.acme.test");
    }
}
