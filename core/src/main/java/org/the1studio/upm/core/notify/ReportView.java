package org.the1studio.upm.core.notify;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.the1studio.upm.core.publish.Outcome;
import org.the1studio.upm.core.publish.PackageOutcome;
import org.the1studio.upm.core.publish.PlanAction;
import org.the1studio.upm.core.publish.PublishReport;
import org.the1studio.upm.core.publish.RunInfo;
import org.the1studio.upm.core.publish.SideEffect;

/**
 * What every chat sink says about a run, independent of its markup: whether to speak at all, the headline, the
 * colour, the order of packages, and the links (registry page, commit, changelog, build).
 *
 * <p>Links are only built from configuration and git metadata, never from commit text, and only when they are plain
 * http(s) URLs without characters that could break out of a markdown link.
 */
final class ReportView {

    /** The mood of a run: green, red or amber. */
    enum Tone {
        SUCCESS(0x2ECC71),
        FAILURE(0xE74C3C),
        WARNING(0xF1A81B);

        final int rgb;

        Tone(int rgb) {
            this.rgb = rgb;
        }
    }

    private static final Pattern SCP_LIKE = Pattern.compile("^[\\w.-]+@([\\w.-]+):(.+)$");
    private static final Pattern UNSAFE_URL_CHARS = Pattern.compile("[\\s()<>\\[\\]\"'`\\\\|{}^]");

    private final PublishReport report;

    ReportView(PublishReport report) {
        this.report = report;
    }

    /**
     * Whether the run deserves a message: every run that had package version changes does (an all-skipped one in
     * amber, so a re-run is visibly harmless); a run that found no version change at all (most pushes) only when
     * {@code notifyOnSkip}.
     */
    static boolean worthSending(PublishReport report, boolean notifyOnSkip) {
        return notifyOnSkip || !report.packages().isEmpty();
    }

    /** Detail of the side effect when nothing is sent. */
    static String notSentDetail() {
        return "no package version changed: no message sent (set notifyOnSkip to announce such runs)";
    }

    Tone tone() {
        if (report.hasFailures()) {
            return Tone.FAILURE;
        }
        if (report.allSkipped() || !otherFailedEffects().isEmpty()) {
            return Tone.WARNING;
        }
        return Tone.SUCCESS;
    }

    /** Failed side effects other than notifications (e.g. the changelog commit that could not be pushed). */
    List<SideEffect> otherFailedEffects() {
        return report.sideEffects().stream().filter(s -> !s.ok() && !s.kind().startsWith("notify:")).toList();
    }

    /** "2 published, 1 failed", "nothing to publish (3 skipped)", with "(dry run)" when nothing was written. */
    String result() {
        long published = count(Outcome.PUBLISHED);
        long would = count(Outcome.WOULD_PUBLISH);
        long failed = count(Outcome.FAILED);
        long skipped = count(Outcome.SKIPPED);
        List<String> parts = new ArrayList<>();
        if (failed > 0) {
            parts.add(failed + " failed");
        }
        if (published > 0) {
            parts.add(published + " published");
        }
        if (would > 0) {
            parts.add(would + " would publish");
        }
        String text;
        if (parts.isEmpty()) {
            text = report.packages().isEmpty() ? "no package changes" : "nothing to publish (" + skipped + " skipped)";
        } else {
            if (skipped > 0) {
                parts.add(skipped + " skipped");
            }
            text = String.join(", ", parts);
        }
        return report.dryRun() ? text + " (dry run)" : text;
    }

    private long count(Outcome o) {
        return report.packages().stream().filter(p -> p.outcome() == o).count();
    }

    /** Failures first, then (would-be) publications, then skipped; report order within each group. */
    List<PackageOutcome> ordered() {
        return report.packages().stream().sorted(Comparator.comparingInt(ReportView::rank)).toList();
    }

    private static int rank(PackageOutcome p) {
        return switch (p.outcome()) {
            case FAILED -> 0;
            case PUBLISHED, WOULD_PUBLISH -> 1;
            case SKIPPED -> 2;
        };
    }

    /** One or two words for what happened to a package. */
    static String label(PackageOutcome p) {
        if (p.outcome() == Outcome.FAILED) {
            PlanAction a = p.action();
            if (a == null) {
                return "failed";
            }
            return switch (a) {
                case CONFLICT -> "conflict";
                case REJECT_ROLLBACK -> "rejected (rollback)";
                case INVALID -> "invalid";
                case REGISTRY_ERROR -> "registry error";
                default -> "failed";
            };
        }
        return switch (p.outcome()) {
            case PUBLISHED -> "published";
            case WOULD_PUBLISH -> "would publish";
            case SKIPPED -> "skipped";
            case FAILED -> "failed";
        };
    }

    /** A symbol for the package's result. */
    static String icon(PackageOutcome p) {
        return switch (p.outcome()) {
            case PUBLISHED -> "✅";
            case WOULD_PUBLISH -> "📦";
            case SKIPPED -> "⏭️";
            case FAILED -> p.action() == PlanAction.CONFLICT ? "⚠️" : "❌";
        };
    }

    /** "1.0.0 → 1.1.0 (minor)", "new 1.0.0", without markup; versions are validated semver, names reverse-domain. */
    static String versions(PackageOutcome p) {
        String bump = p.bump() == null ? null : p.bump().label();
        String move = p.oldVersion() == null || p.oldVersion().isBlank()
                ? "new " + p.newVersion()
                : p.oldVersion() + " → " + p.newVersion();
        return bump == null || bump.equals("new") || bump.equals("none") ? move : move + " (" + bump + ")";
    }

    /** "owner/repo" (or the folder name) for the headline; "repository" when unknown. */
    String repositoryName() {
        RunInfo run = report.run();
        String repo = run == null ? null : run.repository();
        if (repo == null || repo.isBlank()) {
            return "repository";
        }
        String web = webUrl(repo);
        String path = web != null ? URI.create(web).getPath() : repo.replace('\\', '/');
        path = path.replaceAll("/+$", "").replaceAll("\\.git$", "");
        String[] parts = path.split("[/:]");
        List<String> nonEmpty = new ArrayList<>();
        for (String part : parts) {
            if (!part.isBlank()) {
                nonEmpty.add(part);
            }
        }
        if (nonEmpty.isEmpty()) {
            return "repository";
        }
        if (web != null && nonEmpty.size() >= 2) {
            return nonEmpty.get(nonEmpty.size() - 2) + "/" + nonEmpty.get(nonEmpty.size() - 1);
        }
        return nonEmpty.get(nonEmpty.size() - 1);
    }

    /** Short commit id, or "" when unknown. */
    String shortCommit() {
        String c = report.run() == null ? null : report.run().commit();
        return c == null ? "" : c.length() > 7 ? c.substring(0, 7) : c;
    }

    /** Link to the head commit on the git host, or {@code null}. */
    String commitUrl() {
        RunInfo run = report.run();
        if (run == null || run.commit() == null || !run.commit().matches("[0-9a-fA-F]{7,64}")) {
            return null;
        }
        String web = webUrl(run.repository());
        if (web == null) {
            return null;
        }
        return safeUrl(web + (isGitLab(web) ? "/-/commit/" : isBitbucket(web) ? "/commits/" : "/commit/") + run.commit());
    }

    /** Link to the package's changelog on the run's branch (where the changelog commit is pushed), or {@code null}. */
    String changelogUrl(PackageOutcome p) {
        RunInfo run = report.run();
        if (run == null || p.changelogPath() == null || p.changelogPath().isBlank()) {
            return null;
        }
        String web = webUrl(run.repository());
        String ref = run.branch() != null && !run.branch().isBlank() ? run.branch() : run.commit();
        if (web == null || ref == null) {
            return null;
        }
        String path = p.changelogPath().replace('\\', '/').replaceAll("^/+", "");
        StringBuilder encoded = new StringBuilder();
        for (String segment : path.split("/")) {
            if (encoded.length() > 0) {
                encoded.append('/');
            }
            encoded.append(encode(segment));
        }
        String blob = isGitLab(web) ? "/-/blob/" : isBitbucket(web) ? "/src/" : "/blob/";
        return safeUrl(web + blob + encodeRef(ref) + "/" + encoded);
    }

    /** The package's page on the registry's web UI (npmjs.com for the public registry, Verdaccio's otherwise), or {@code null}. */
    String packageUrl(PackageOutcome p) {
        RunInfo run = report.run();
        if (run == null || run.registry() == null || p.outcome() != Outcome.PUBLISHED) {
            return null;
        }
        URI registry;
        try {
            registry = URI.create(run.registry().strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (registry.getHost() == null || registry.getRawUserInfo() != null) {
            return null;
        }
        String host = registry.getHost().toLowerCase(Locale.ROOT);
        if (host.equals("registry.npmjs.org") || host.equals("registry.npmjs.com")) {
            return safeUrl("https://www.npmjs.com/package/" + p.name() + "/v/" + encode(p.newVersion()));
        }
        String base = registry.toString().replaceAll("[?#].*$", "").replaceAll("/+$", "");
        return safeUrl(base + "/-/web/detail/" + p.name());
    }

    /** The CI build, or {@code null}. */
    String buildUrl() {
        return report.run() == null ? null : safeUrl(report.run().buildUrl());
    }

    /** https web address of a git remote ({@code https://host/owner/repo}), or {@code null} for local paths and unknown shapes. */
    static String webUrl(String repository) {
        if (repository == null || repository.isBlank()) {
            return null;
        }
        String r = repository.strip();
        String host;
        String path;
        Matcher scp = SCP_LIKE.matcher(r);
        if (!r.contains("://") && scp.matches()) {
            host = scp.group(1);
            path = scp.group(2);
        } else {
            URI uri;
            try {
                uri = URI.create(r);
            } catch (IllegalArgumentException e) {
                return null;
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("https") || scheme.equals("http") || scheme.equals("ssh") || scheme.equals("git"))
                    || uri.getHost() == null) {
                return null;
            }
            host = uri.getHost();
            path = uri.getPath();
        }
        path = path == null ? "" : path.replaceAll("^/+", "").replaceAll("/+$", "").replaceAll("\\.git$", "");
        if (path.isBlank() || !path.contains("/")) {
            return null;
        }
        return safeUrl("https://" + host.toLowerCase(Locale.ROOT) + "/" + path);
    }

    /** {@code url} when it is an http(s) URL that cannot break out of markdown or mrkdwn link syntax, else {@code null}. */
    static String safeUrl(String url) {
        if (url == null || url.isBlank() || url.length() > 500) {
            return null;
        }
        String u = url.strip();
        String lower = u.toLowerCase(Locale.ROOT);
        if (!(lower.startsWith("https://") || lower.startsWith("http://")) || UNSAFE_URL_CHARS.matcher(u).find()) {
            return null;
        }
        try {
            URI uri = URI.create(u);
            if (uri.getHost() == null || uri.getRawUserInfo() != null) {
                return null;
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return u;
    }

    private static boolean isGitLab(String web) {
        return URI.create(web).getHost().contains("gitlab");
    }

    private static boolean isBitbucket(String web) {
        return URI.create(web).getHost().contains("bitbucket");
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String encodeRef(String ref) {
        StringBuilder sb = new StringBuilder();
        for (String part : ref.split("/")) {
            if (sb.length() > 0) {
                sb.append('/');
            }
            sb.append(encode(part));
        }
        return sb.toString();
    }
}
