package org.the1studio.upm.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final Instant NOW = Instant.parse("2015-10-21T07:28:00Z");

    @Test
    void backoffDoublesUpToTheCapAndJitterStaysWithinItsFraction() {
        RetryPolicy p = new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofSeconds(5), 0.2, Duration.ofSeconds(60));
        assertThat(p.backoff(1, 0.5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.backoff(2, 0.5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(p.backoff(3, 0.5)).isEqualTo(Duration.ofSeconds(4));
        assertThat(p.backoff(4, 0.5)).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.backoff(40, 0.5)).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.backoff(1, 0.0)).isEqualTo(Duration.ofMillis(800));
        assertThat(p.backoff(1, 0.999999)).isEqualTo(Duration.ofMillis(1200));
        assertThat(p.backoff(4, 0.999999)).as("jitter never exceeds the cap").isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void retryAfterAcceptsSecondsAndHttpDatesAndIgnoresGarbage() {
        assertThat(RetryPolicy.parseRetryAfter("120", NOW)).contains(Duration.ofSeconds(120));
        assertThat(RetryPolicy.parseRetryAfter(" 0 ", NOW)).contains(Duration.ZERO);
        assertThat(RetryPolicy.parseRetryAfter("Wed, 21 Oct 2015 07:28:30 GMT", NOW)).contains(Duration.ofSeconds(30));
        assertThat(RetryPolicy.parseRetryAfter("Wed, 21 Oct 2015 07:00:00 GMT", NOW)).contains(Duration.ZERO);
        assertThat(RetryPolicy.parseRetryAfter("soon", NOW)).isEmpty();
        assertThat(RetryPolicy.parseRetryAfter(null, NOW)).isEmpty();
        assertThat(RetryPolicy.parseRetryAfter("99999999999999999999999", NOW)).isPresent();
        RetryPolicy p = RetryPolicy.defaults();
        assertThat(p.capRetryAfter(Duration.ofHours(2))).isEqualTo(p.maxRetryAfter());
        assertThat(p.capRetryAfter(Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void invalidPoliciesAreRefused() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, 0, Duration.ZERO))
                .hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 1.5, Duration.ZERO))
                .hasMessageContaining("jitter");
        assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
    }
}
