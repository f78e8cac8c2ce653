package org.the1studio.upm.core.fleet;

/**
 * What talking to GitHub cost in one run: shown after {@code upm cache build} so the rate limit stays visible.
 *
 * @param requests        requests sent
 * @param notModified     conditional requests GitHub answered with 304 (free: they do not count against the limit)
 * @param rateLimitWaits  waits for the primary rate limit to reset
 * @param secondaryWaits  waits asked for by a secondary rate limit ({@code retry-after})
 * @param remaining       requests left in the current window as GitHub last said, or -1 when unknown
 */
public record GitHubStats(long requests, long notModified, long rateLimitWaits, long secondaryWaits, int remaining) {}
