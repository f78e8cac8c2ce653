package org.the1studio.upm.core.pack;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Bash-style brace expansion as npm's {@code brace-expansion} does it for minimatch: {@code a{b,c}d}, nested sets,
 * numeric and alphabetic sequences ({@code {1..3}}, {@code {a..c}}, {@code {01..10..2}}), escaped braces left alone.
 */
final class BraceExpansion {
    private static final int MAX = 100_000;
    private static final String ESC_SLASH = "\uE000";
    private static final String ESC_OPEN = "\uE001";
    private static final String ESC_CLOSE = "\uE002";
    private static final String ESC_COMMA = "\uE003";
    private static final String ESC_PERIOD = "\uE004";
    private static final Pattern NUMERIC_SEQ = Pattern.compile("^-?\\d+\\.\\.-?\\d+(?:\\.\\.-?\\d+)?$");
    private static final Pattern ALPHA_SEQ = Pattern.compile("^[a-zA-Z]\\.\\.[a-zA-Z](?:\\.\\.-?\\d+)?$");
    private static final Pattern COMMA_AFTER = Pattern.compile(",(?!,).*\\}");

    private BraceExpansion() {}

    static List<String> expand(String str) {
        if (str.isEmpty()) {
            return List.of();
        }
        if (str.startsWith("{}")) {
            str = "\\{\\}" + str.substring(2);
        }
        List<String> out = new ArrayList<>();
        for (String s : expand(escape(str), true)) {
            out.add(unescape(s));
        }
        return out;
    }

    private static String escape(String s) {
        return s.replace("\\\\", ESC_SLASH).replace("\\{", ESC_OPEN).replace("\\}", ESC_CLOSE)
                .replace("\\,", ESC_COMMA).replace("\\.", ESC_PERIOD);
    }

    private static String unescape(String s) {
        return s.replace(ESC_SLASH, "\\").replace(ESC_OPEN, "{").replace(ESC_CLOSE, "}")
                .replace(ESC_COMMA, ",").replace(ESC_PERIOD, ".");
    }

    private record Balanced(String pre, String body, String post) {}

    /** balanced-match: the first balanced {...} pair. */
    private static Balanced balanced(String str) {
        int[] r = range(str);
        if (r == null) {
            return null;
        }
        return new Balanced(str.substring(0, r[0]), str.substring(r[0] + 1, r[1]), str.substring(r[1] + 1));
    }

    private static int[] range(String str) {
        int ai = str.indexOf('{');
        int bi = str.indexOf('}', ai + 1);
        int i = ai;
        int[] result = null;
        if (ai >= 0 && bi > 0) {
            List<Integer> begs = new ArrayList<>();
            int left = str.length();
            int right = -1;
            while (i >= 0 && result == null) {
                if (i == ai) {
                    begs.add(i);
                    ai = str.indexOf('{', i + 1);
                } else if (begs.size() == 1) {
                    int r = begs.remove(begs.size() - 1);
                    result = new int[] {r, bi};
                } else {
                    int beg = begs.remove(begs.size() - 1);
                    if (beg < left) {
                        left = beg;
                        right = bi;
                    }
                    bi = str.indexOf('}', i + 1);
                }
                i = ai < bi && ai >= 0 ? ai : bi;
            }
            if (!begs.isEmpty() && right != -1) {
                result = new int[] {left, right};
            }
        }
        return result;
    }

    private static List<String> parseCommaParts(String str) {
        if (str.isEmpty()) {
            return new ArrayList<>(List.of(""));
        }
        Balanced m = balanced(str);
        if (m == null) {
            return new ArrayList<>(Arrays.asList(str.split(",", -1)));
        }
        List<String> p = new ArrayList<>(Arrays.asList(m.pre.split(",", -1)));
        p.set(p.size() - 1, p.get(p.size() - 1) + "{" + m.body + "}");
        List<String> postParts = parseCommaParts(m.post);
        if (!m.post.isEmpty()) {
            p.set(p.size() - 1, p.get(p.size() - 1) + postParts.remove(0));
            p.addAll(postParts);
        }
        return p;
    }

    private static List<String> expand(String str, boolean isTop) {
        Balanced m = balanced(str);
        if (m == null) {
            return List.of(str);
        }
        String pre = m.pre;
        List<String> post = m.post.isEmpty() ? List.of("") : expand(m.post, false);
        List<String> out = new ArrayList<>();
        if (pre.endsWith("$")) {
            for (String p : post) {
                out.add(pre + "{" + m.body + "}" + p);
            }
            return out;
        }
        boolean numeric = NUMERIC_SEQ.matcher(m.body).matches();
        boolean alpha = ALPHA_SEQ.matcher(m.body).matches();
        boolean sequence = numeric || alpha;
        boolean options = m.body.indexOf(',') >= 0;
        if (!sequence && !options) {
            if (COMMA_AFTER.matcher(m.post).find()) {
                return expand(m.pre + "{" + m.body + ESC_CLOSE + m.post, isTop);
            }
            return List.of(str);
        }
        List<String> values;
        if (sequence) {
            values = sequence(m.body, alpha);
        } else {
            List<String> n = parseCommaParts(m.body);
            if (n.size() == 1) {
                List<String> inner = new ArrayList<>();
                for (String s : expand(n.get(0), false)) {
                    inner.add("{" + s + "}");
                }
                if (inner.size() == 1) {
                    for (String p : post) {
                        out.add(m.pre + inner.get(0) + p);
                    }
                    return out;
                }
                n = inner;
            }
            values = new ArrayList<>();
            for (String s : n) {
                values.addAll(expand(s, false));
            }
        }
        for (String v : values) {
            for (String p : post) {
                if (out.size() >= MAX) {
                    return out;
                }
                String expansion = pre + v + p;
                if (!isTop || sequence || !expansion.isEmpty()) {
                    out.add(expansion);
                }
            }
        }
        return out;
    }

    private static List<String> sequence(String body, boolean alpha) {
        String[] n = body.split("\\.\\.");
        int x = numeric(n[0]);
        int y = numeric(n[1]);
        int width = Math.max(n[0].length(), n[1].length());
        int incr = n.length == 3 ? Math.max(Math.abs(numeric(n[2])), 1) : 1;
        boolean reverse = y < x;
        if (reverse) {
            incr = -incr;
        }
        boolean pad = Arrays.stream(n).anyMatch(s -> s.matches("^-?0\\d.*"));
        List<String> out = new ArrayList<>();
        for (int i = x; reverse ? i >= y : i <= y; i += incr) {
            if (out.size() >= MAX) {
                break;
            }
            String c;
            if (alpha) {
                c = String.valueOf((char) i);
                if (c.equals("\\")) {
                    c = "";
                }
            } else {
                c = String.valueOf(i);
                if (pad) {
                    int need = width - c.length();
                    if (need > 0) {
                        String z = "0".repeat(need);
                        c = i < 0 ? "-" + z + c.substring(1) : z + c;
                    }
                }
            }
            out.add(c);
        }
        return out;
    }

    private static int numeric(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return s.charAt(0);
        }
    }
}
