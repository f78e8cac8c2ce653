package org.the1studio.upm.core.fleet;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.the1studio.upm.core.io.Json;

/**
 * The fleet report in its forms: human text for the terminal and build log, JSON for machines, a self-contained
 * HTML page (table and an inline SVG chart, no external assets, so it can be archived and opened anywhere) and the
 * markdown of the Discord summary (problems only).
 */
public final class FleetReports {
    private static final ObjectWriter PRETTY = Json.MAPPER.writerWithDefaultPrettyPrinter();
    private static final Map<PackageState, String> COLORS = Map.of(
            PackageState.UP_TO_DATE, "#2e7d32",
            PackageState.UNPUBLISHED, "#ef6c00",
            PackageState.BEHIND, "#c62828",
            PackageState.INVALID_MANIFEST, "#6a1b9a",
            PackageState.ORPHANED, "#546e7a");
    private static final int DISCORD_LINES = 25;

    private FleetReports() {}

    /** One line: {@code 12 repositories, 40 packages: 35 up to date, 3 unpublished, ...}. */
    public static String summary(FleetReport r) {
        Map<PackageState, Integer> c = r.counts();
        String states = java.util.Arrays.stream(PackageState.values()).map(s -> c.get(s) + " " + s.label())
                .collect(Collectors.joining(", "));
        return r.repositories() + " repositories, " + r.packages().size() + " packages: " + states
                + (r.errors().isEmpty() ? "" : "; " + r.errors().size() + " could not be checked");
    }

    // ------------------------------------------------------------------------------------------------ text

    public static String text(FleetReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("Fleet check ").append(r.checked()).append(" (package cache of ").append(r.cacheTime()).append(")\n");
        sb.append(summary(r)).append('\n');
        List<PackageStatus> problems = r.problems();
        if (!problems.isEmpty()) {
            sb.append("\nProblems:\n");
            int w = problems.stream().mapToInt(p -> id(p).length()).max().orElse(10);
            for (PackageStatus p : problems) {
                sb.append(String.format(Locale.ROOT, "  %-17s %-" + w + "s  %s%n", p.state().label(), id(p),
                        p.repository() == null ? "(no repository)" : p.repository()
                                + (p.path() == null || p.path().isEmpty() ? "" : " " + p.path())));
                sb.append("  ").append(" ".repeat(18)).append(p.detail()).append('\n');
            }
        }
        if (!r.errors().isEmpty()) {
            sb.append("\nCould not be checked:\n");
            for (FleetProblem e : r.errors()) {
                sb.append("  ").append(e.message()).append('\n');
            }
        }
        if (!r.hasProblems()) {
            sb.append("Every package is published and up to date.\n");
        }
        return sb.toString();
    }

    private static String id(PackageStatus p) {
        return p.version() == null ? p.name() : p.name() + "@" + p.version();
    }

    // ------------------------------------------------------------------------------------------------ JSON

    public static ObjectNode jsonTree(FleetReport r) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("schema", 1);
        n.put("checked", r.checked());
        n.put("cacheTime", r.cacheTime());
        n.put("registry", r.registry());
        n.put("repositories", r.repositories());
        n.put("result", r.hasProblems() ? "problems" : "ok");
        n.put("exitCode", r.exitCode());
        ObjectNode counts = n.putObject("counts");
        r.counts().forEach((s, c) -> counts.put(s.name().toLowerCase(Locale.ROOT), c));
        ArrayNode pkgs = n.putArray("packages");
        for (PackageStatus p : r.packages()) {
            ObjectNode o = pkgs.addObject();
            o.put("state", p.state().name().toLowerCase(Locale.ROOT));
            o.put("name", p.name());
            o.put("version", p.version());
            o.put("repository", p.repository());
            o.put("path", p.path());
            o.put("commit", p.commit());
            o.put("registry", p.registry());
            o.put("highestPublished", p.highest());
            o.put("latest", p.latest());
            o.put("detail", p.detail());
        }
        ArrayNode errs = n.putArray("errors");
        for (FleetProblem e : r.errors()) {
            errs.addObject().put("repository", e.repository()).put("package", e.subject()).put("message", e.message());
        }
        return n;
    }

    public static String json(FleetReport r) {
        try {
            return PRETTY.writeValueAsString(jsonTree(r)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    // ------------------------------------------------------------------------------------------------ Discord

    /** Title of the Discord summary. */
    public static String discordTitle(FleetReport r) {
        int n = r.problems().size() + r.errors().size();
        return "Fleet check: " + n + (n == 1 ? " problem" : " problems") + " in " + r.packages().size() + " packages";
    }

    /** Markdown body of the Discord summary: the counts and the problems only (the notifier defuses mentions). */
    public static String discordMarkdown(FleetReport r) {
        StringBuilder sb = new StringBuilder();
        Map<PackageState, Integer> c = r.counts();
        List<String> parts = new ArrayList<>();
        for (PackageState s : PackageState.values()) {
            if (s.isProblem() && c.get(s) > 0) {
                parts.add("**" + c.get(s) + "** " + s.label());
            }
        }
        if (!r.errors().isEmpty()) {
            parts.add("**" + r.errors().size() + "** not checked");
        }
        sb.append(String.join(" · ", parts)).append(" (").append(c.get(PackageState.UP_TO_DATE))
                .append(" up to date, ").append(r.repositories()).append(" repositories)\n\n");
        int lines = 0;
        List<PackageStatus> problems = r.problems();
        for (PackageStatus p : problems) {
            if (lines++ >= DISCORD_LINES) {
                break;
            }
            sb.append("• **").append(p.state().label()).append("** `").append(code(id(p))).append('`');
            if (p.repository() != null) {
                sb.append(" — ").append(shortRepo(p.repository()));
            }
            sb.append('\n');
        }
        for (FleetProblem e : r.errors()) {
            if (lines++ >= DISCORD_LINES) {
                break;
            }
            sb.append("• **not checked** ").append(e.repository() == null ? "" : shortRepo(e.repository()) + ": ")
                    .append(escape(firstSentence(e.message()))).append('\n');
        }
        int total = problems.size() + r.errors().size();
        if (total > DISCORD_LINES) {
            sb.append("… and ").append(total - DISCORD_LINES).append(" more (see the full report)\n");
        }
        return sb.toString().strip();
    }

    private static String shortRepo(String url) {
        try {
            return RepoRef.parse(url).fullName();
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    private static String code(String s) {
        return s.replace("`", "'");
    }

    private static String escape(String s) {
        return s.replaceAll("([*_~`|>\\\\])", "\\\\$1");
    }

    private static String firstSentence(String s) {
        String t = s.length() > 200 ? s.substring(0, 200) + "…" : s;
        return t.replace('\n', ' ');
    }

    // ------------------------------------------------------------------------------------------------ HTML

    /** A self-contained page: summary cards, an SVG donut of the states, per-repository bars and a sortable table. */
    public static String html(FleetReport r) {
        Map<PackageState, Integer> c = r.counts();
        StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>UPM fleet check ").append(esc(r.checked())).append("</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body>\n<header>\n<h1>UPM fleet check</h1>\n<p class=\"meta\">Checked ")
                .append(esc(r.checked())).append(" · package cache of ").append(esc(r.cacheTime())).append(" · registry ")
                .append(esc(r.registry())).append("</p>\n<p class=\"verdict ").append(r.hasProblems() ? "bad" : "good")
                .append("\">").append(r.hasProblems() ? esc(discordTitle(r)) : "Every package is published and up to date")
                .append("</p>\n</header>\n<main>\n<section class=\"overview\">\n");
        h.append(donut(c, r.packages().size()));
        h.append("<div class=\"cards\">\n");
        card(h, "repositories", Integer.toString(r.repositories()), "#37474f");
        for (PackageState s : PackageState.values()) {
            card(h, s.label(), Integer.toString(c.get(s)), COLORS.get(s));
        }
        if (!r.errors().isEmpty()) {
            card(h, "not checked", Integer.toString(r.errors().size()), "#b71c1c");
        }
        h.append("</div>\n</section>\n");
        h.append(repoBars(r));
        if (!r.errors().isEmpty()) {
            h.append("<section>\n<h2>Could not be checked</h2>\n<ul class=\"errors\">\n");
            for (FleetProblem e : r.errors()) {
                h.append("<li>").append(esc(e.message())).append("</li>\n");
            }
            h.append("</ul>\n</section>\n");
        }
        h.append("<section>\n<h2>Packages</h2>\n<table id=\"packages\">\n<thead><tr>")
                .append("<th>State</th><th>Package</th><th>Repository</th><th>Published</th><th>latest</th><th>Detail</th>")
                .append("</tr></thead>\n<tbody>\n");
        for (PackageStatus p : r.packages()) {
            h.append("<tr class=\"").append(p.state().name().toLowerCase(Locale.ROOT).replace('_', '-')).append("\">")
                    .append("<td><span class=\"badge\" style=\"background:").append(COLORS.get(p.state())).append("\">")
                    .append(esc(p.state().label())).append("</span></td>")
                    .append("<td><code>").append(esc(p.name())).append("</code>")
                    .append(p.version() == null ? "" : " <span class=\"ver\">" + esc(p.version()) + "</span>").append("</td>")
                    .append("<td>").append(p.repository() == null ? "<span class=\"none\">none</span>"
                            : "<a href=\"" + esc(p.repository()) + "\">" + esc(shortRepo(p.repository())) + "</a>"
                            + (p.path() == null || p.path().isEmpty() ? "" : "<br><small>" + esc(p.path()) + "</small>"))
                    .append("</td>")
                    .append("<td>").append(p.highest() == null ? "—" : esc(p.highest())).append("</td>")
                    .append("<td>").append(p.latest() == null ? "—" : esc(p.latest())).append("</td>")
                    .append("<td class=\"detail\">").append(esc(p.detail())).append("</td></tr>\n");
        }
        h.append("</tbody>\n</table>\n</section>\n</main>\n<footer>upm fleet check · exit code ").append(r.exitCode())
                .append("</footer>\n<script>\n").append(SORT).append("</script>\n</body>\n</html>\n");
        return h.toString();
    }

    private static void card(StringBuilder h, String label, String value, String color) {
        h.append("<div class=\"card\" style=\"border-top-color:").append(color).append("\"><div class=\"num\">")
                .append(esc(value)).append("</div><div class=\"label\">").append(esc(label)).append("</div></div>\n");
    }

    /** An SVG donut with one arc per non-empty state. */
    static String donut(Map<PackageState, Integer> counts, int total) {
        double r = 70;
        double circumference = 2 * Math.PI * r;
        StringBuilder s = new StringBuilder();
        s.append("<svg class=\"donut\" viewBox=\"0 0 200 200\" width=\"200\" height=\"200\" role=\"img\" aria-label=\"")
                .append("packages by state\">\n<circle cx=\"100\" cy=\"100\" r=\"70\" fill=\"none\" stroke=\"#eceff1\"")
                .append(" stroke-width=\"28\"/>\n");
        double offset = 0;
        for (PackageState st : PackageState.values()) {
            int n = counts.get(st);
            if (n == 0 || total == 0) {
                continue;
            }
            double len = circumference * n / total;
            s.append(String.format(Locale.ROOT, "<circle cx=\"100\" cy=\"100\" r=\"70\" fill=\"none\" stroke=\"%s\""
                    + " stroke-width=\"28\" stroke-dasharray=\"%.3f %.3f\" stroke-dashoffset=\"%.3f\""
                    + " transform=\"rotate(-90 100 100)\"><title>%s: %d</title></circle>%n",
                    COLORS.get(st), len, circumference - len, -offset, esc(st.label()), n));
            offset += len;
        }
        s.append("<text x=\"100\" y=\"96\" text-anchor=\"middle\" class=\"total\">").append(total).append("</text>\n")
                .append("<text x=\"100\" y=\"118\" text-anchor=\"middle\" class=\"sub\">packages</text>\n</svg>\n");
        return s.toString();
    }

    /** One stacked bar per repository (problems first), as SVG. */
    static String repoBars(FleetReport r) {
        Map<String, Map<PackageState, Integer>> byRepo = new LinkedHashMap<>();
        for (PackageStatus p : r.packages()) {
            String key = p.repository() == null ? "(no repository)" : shortRepo(p.repository());
            byRepo.computeIfAbsent(key, k -> new java.util.EnumMap<>(PackageState.class)).merge(p.state(), 1, Integer::sum);
        }
        if (byRepo.isEmpty()) {
            return "";
        }
        int max = byRepo.values().stream().mapToInt(m -> m.values().stream().mapToInt(Integer::intValue).sum()).max().orElse(1);
        int rowH = 22;
        int labelW = 220;
        int barW = 560;
        int height = byRepo.size() * rowH + 30;
        StringBuilder s = new StringBuilder();
        s.append("<section>\n<h2>By repository</h2>\n<svg class=\"bars\" viewBox=\"0 0 ").append(labelW + barW + 50)
                .append(' ').append(height).append("\" width=\"").append(labelW + barW + 50)
                .append("\" role=\"img\" aria-label=\"packages per repository\">\n");
        int y = 4;
        for (Map.Entry<String, Map<PackageState, Integer>> e : byRepo.entrySet()) {
            s.append("<text x=\"").append(labelW - 8).append("\" y=\"").append(y + 15)
                    .append("\" text-anchor=\"end\" class=\"repo\">").append(esc(e.getKey())).append("</text>\n");
            double x = labelW;
            int sum = 0;
            for (PackageState st : PackageState.values()) {
                int n = e.getValue().getOrDefault(st, 0);
                if (n == 0) {
                    continue;
                }
                double w = (double) barW * n / max;
                s.append(String.format(Locale.ROOT, "<rect x=\"%.2f\" y=\"%d\" width=\"%.2f\" height=\"16\" rx=\"2\""
                        + " fill=\"%s\"><title>%s: %d %s</title></rect>%n", x, y + 2, Math.max(w - 1, 1), COLORS.get(st),
                        esc(e.getKey()), n, esc(st.label())));
                x += w;
                sum += n;
            }
            s.append(String.format(Locale.ROOT, "<text x=\"%.2f\" y=\"%d\" class=\"n\">%d</text>%n", x + 6, y + 15, sum));
            y += rowH;
        }
        int lx = labelW;
        for (PackageState st : PackageState.values()) {
            s.append("<rect x=\"").append(lx).append("\" y=\"").append(y + 8).append("\" width=\"10\" height=\"10\" fill=\"")
                    .append(COLORS.get(st)).append("\"/><text x=\"").append(lx + 14).append("\" y=\"").append(y + 17)
                    .append("\" class=\"legend\">").append(esc(st.label())).append("</text>\n");
            lx += 14 + (int) (st.label().length() * 6.3) + 20;
        }
        s.append("</svg>\n</section>\n");
        return s.toString();
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }

    private static final String CSS = """
            :root { color-scheme: light; --fg:#1f2933; --muted:#616e7c; --line:#e4e7eb; --bg:#f5f7fa; }
            * { box-sizing: border-box; }
            body { margin:0; font:14px/1.45 -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
                   color:var(--fg); background:var(--bg); }
            header { background:#263238; color:#fff; padding:20px 32px; }
            header h1 { margin:0 0 4px; font-size:22px; font-weight:600; }
            .meta { margin:0; color:#b0bec5; font-size:13px; }
            .verdict { display:inline-block; margin:12px 0 0; padding:4px 12px; border-radius:14px; font-weight:600; }
            .verdict.good { background:#2e7d32; } .verdict.bad { background:#c62828; }
            main { padding:24px 32px; max-width:1280px; }
            section { background:#fff; border:1px solid var(--line); border-radius:8px; padding:16px 20px; margin-bottom:20px; }
            h2 { margin:0 0 12px; font-size:16px; }
            .overview { display:flex; gap:28px; align-items:center; flex-wrap:wrap; }
            .donut .total { font-size:34px; font-weight:700; fill:var(--fg); }
            .donut .sub { font-size:12px; fill:var(--muted); }
            .cards { display:flex; flex-wrap:wrap; gap:12px; flex:1 1 420px; align-content:center; }
            svg.bars { max-width:100%; height:auto; }
            .card { min-width:120px; padding:10px 14px; border:1px solid var(--line); border-top:4px solid; border-radius:6px; }
            .card .num { font-size:24px; font-weight:700; }
            .card .label { color:var(--muted); font-size:12px; text-transform:uppercase; letter-spacing:.04em; }
            .bars .repo, .bars .n, .bars .legend { font-size:12px; fill:var(--fg); }
            table { width:100%; border-collapse:collapse; }
            th, td { text-align:left; padding:7px 10px; border-bottom:1px solid var(--line); vertical-align:top; }
            th { cursor:pointer; user-select:none; color:var(--muted); font-size:12px; text-transform:uppercase;
                 letter-spacing:.04em; white-space:nowrap; }
            th:hover { color:var(--fg); }
            tbody tr:hover { background:#f9fafb; }
            tr.up-to-date td.detail { color:var(--muted); }
            .badge { display:inline-block; padding:2px 8px; border-radius:10px; color:#fff; font-size:12px; white-space:nowrap; }
            code { font:13px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
            .ver { color:var(--muted); font:13px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
            .none { color:var(--muted); font-style:italic; }
            a { color:#1565c0; text-decoration:none; } a:hover { text-decoration:underline; }
            small { color:var(--muted); }
            .errors li { margin-bottom:6px; }
            footer { padding:0 32px 24px; color:var(--muted); font-size:12px; }
            """;

    private static final String SORT = """
            document.querySelectorAll('#packages th').forEach(function (th, col) {
              th.addEventListener('click', function () {
                var body = th.closest('table').tBodies[0];
                var rows = Array.prototype.slice.call(body.rows);
                var asc = th.dataset.dir !== 'asc';
                th.dataset.dir = asc ? 'asc' : 'desc';
                rows.sort(function (a, b) {
                  var x = a.cells[col].textContent, y = b.cells[col].textContent;
                  return asc ? x.localeCompare(y, undefined, {numeric: true}) : y.localeCompare(x, undefined, {numeric: true});
                });
                rows.forEach(function (r) { body.appendChild(r); });
              });
            });
            """;
}
