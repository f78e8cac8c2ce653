package org.the1studio.upm.core.registry;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How often and how patiently a registry call is retried: network errors, 5xx and 429 are retried with exponential
 * backoff and jitter; a {@code Retry-After} on 429/503 replaces the backoff, capped at {@link #maxRetryAfter()}.
 * Other 4xx answers are final and never retried.
 *
 * @param maxAttempts   attempts in total, including the first (1 = no retry)
 * @param baseDelay     delay before the second attempt; doubled for each further one
 * @param maxDelay      upper bound of a backoff delay
 * @param jitter        fraction (0..1) by which a backoff delay is randomly shortened or lengthened, so that many
 *                      builds hitting one registry do not retry in lockstep
 * @param maxRetryAfter upper bound of a server-requested {@code Retry-After} wait
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, double jitter, Duration maxRetryAfter) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
        }
        if (baseDelay.isNegative() || maxDelay.isNegative() || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("retry delays must not be negative");
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be between 0 and 1, was " + jitter);
        }
    }

    /** 4 attempts, 1 s, 2 s, 4 s (+-20 %), at most 30 s per wait, Retry-After honoured up to 60 s. */
    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2, Duration.ofSeconds(60));
    }

    /** A single attempt. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 0, Duration.ZERO);
    }

    /** This policy with another number of attempts. */
    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, baseDelay, maxDelay, jitter, maxRetryAfter);
    }

    /**
     * The backoff before attempt {@code failedAttempt + 1}.
     *
     * @param failedAttempt the attempt that just failed (1-based)
     * @param random        a uniform random number in [0, 1) choosing the jitter
     */
    public Duration backoff(int failedAttempt, double random) {
        double base = baseDelay.toMillis() * Math.pow(2, Math.max(0, failedAttempt - 1));
        double capped = Math.min(base, maxDelay.toMillis());
        double jittered = capped * (1 + jitter * (2 * random - 1));
        return Duration.ofMillis(Math.max(0, Math.min(Math.round(jittered), maxDelay.toMillis())));
    }

    /** A server-requested wait, capped at {@link #maxRetryAfter()}; never negative. */
    public Duration capRetryAfter(Duration requested) {
        if (requested.isNegative()) {
            return Duration.ZERO;
        }
        return requested.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : requested;
    }

    /**
     * Parses a {@code Retry-After} header: delta-seconds ({@code 120}) or an HTTP-date
     * ({@code Wed, 21 Oct 2015 07:28:00 GMT}) relative to {@code now}. Empty when absent or unparseable.
     */
    public static Optional<Duration> parseRetryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        if (v.chars().allMatch(Character::isDigit)) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
            } catch (NumberFormatException e) {
                return Optional.of(Duration.ofSeconds(Long.MAX_VALUE / 1000)); // absurdly large: the cap applies
            }
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(now, at);
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
