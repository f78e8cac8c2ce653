package org.the1studio.upm.core.pack;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns one glob path part into a Java regular expression the way minimatch's {@code AST} does (with {@code dot:
 * true}): {@code *} and {@code ?} never cross '/', character classes with POSIX names, backslash escapes and the
 * extglobs {@code @(a|b) ?(a) *(a) +(a) !(a)}. An unterminated extglob or class is taken literally, as minimatch does.
 */
final class SegmentRegex {
    private static final String QMARK = "[^/]";
    private static final String STAR = QMARK + "*?";
    private static final String STAR_NO_EMPTY = QMARK + "+?";

    private SegmentRegex() {}

    /** A node: plain (type 0) holds Strings and extglob nodes; an extglob holds plain alternatives. */
    private static final class Node {
        char type;
        final List<Object> parts = new ArrayList<>();
        boolean emptyExt;
        String literal; // set when an extglob turned out malformed

        Node(char type) {
            this.type = type;
        }
    }

    static String of(String glob) {
        Node root = new Node((char) 0);
        parse(glob, root, 0);
        boolean onlyStrings = root.parts.stream().allMatch(p -> p instanceof String);
        return plain(root, "", true, onlyStrings);
    }

    private static boolean isExtType(char c) {
        return c == '!' || c == '?' || c == '+' || c == '*' || c == '@';
    }

    private static int parse(String str, Node ast, int pos) {
        Literal literal = new Literal();
        if (ast.type == 0) {
            int i = pos;
            StringBuilder acc = new StringBuilder();
            while (i < str.length()) {
                char c = str.charAt(i++);
                if (literal.take(c, i, acc)) {
                    continue;
                }
                int next = extglob(str, c, i, ast, acc);
                if (next >= 0) {
                    i = next;
                    continue;
                }
                acc.append(c);
            }
            push(ast, acc);
            return i;
        }
        int i = pos + 1;
        Node part = new Node((char) 0);
        List<Node> alternatives = new ArrayList<>();
        StringBuilder acc = new StringBuilder();
        while (i < str.length()) {
            char c = str.charAt(i++);
            if (literal.take(c, i, acc)) {
                continue;
            }
            int next = extglob(str, c, i, part, acc);
            if (next >= 0) {
                i = next;
                continue;
            }
            if (c == '|') {
                push(part, acc);
                alternatives.add(part);
                part = new Node((char) 0);
                continue;
            }
            if (c == ')') {
                if (acc.isEmpty() && alternatives.isEmpty() && part.parts.isEmpty()) {
                    ast.emptyExt = true;
                }
                push(part, acc);
                alternatives.add(part);
                ast.parts.addAll(alternatives);
                return i;
            }
            acc.append(c);
        }
        // unfinished extglob: the rest is plain text (still glob-parsed by the caller)
        ast.literal = str.substring(pos - 1);
        return i;
    }

    /**
     * The scanning state both loops of {@link #parse} share: inside a backslash escape or a {@code [...]} class every
     * character is taken as it is.
     */
    private static final class Literal {
        private boolean escaping;
        private boolean inBrace;
        private int braceStart = -1;
        private boolean braceNeg;

        /** Appends {@code c} (read at 1-based position {@code i}) when it is part of an escape or a class. */
        boolean take(char c, int i, StringBuilder acc) {
            if (escaping || c == '\\') {
                escaping = !escaping;
            } else if (inBrace) {
                if (i == braceStart + 1) {
                    if (c == '^' || c == '!') {
                        braceNeg = true;
                    }
                } else if (c == ']' && !(i == braceStart + 2 && braceNeg)) {
                    inBrace = false;
                }
            } else if (c == '[') {
                inBrace = true;
                braceStart = i;
                braceNeg = false;
            } else {
                return false;
            }
            acc.append(c);
            return true;
        }
    }

    /**
     * When {@code c} opens an extglob ({@code i} is just past it), parses it into {@code target} (or appends it as text
     * when it is malformed) and returns the position after it; otherwise -1.
     */
    private static int extglob(String str, char c, int i, Node target, StringBuilder acc) {
        if (!isExtType(c) || i >= str.length() || str.charAt(i) != '(') {
            return -1;
        }
        push(target, acc);
        Node ext = new Node(c);
        int next = parse(str, ext, i);
        if (ext.literal != null) {
            acc.append(ext.literal);
        } else {
            target.parts.add(ext);
        }
        return next;
    }

    private static void push(Node node, StringBuilder acc) {
        if (!acc.isEmpty()) {
            node.parts.add(acc.toString());
            acc.setLength(0);
        }
    }

    /**
     * Regex for a plain node. {@code rest} is the regex of whatever follows this node up to the end of the path part,
     * needed inside {@code !(...)} (minimatch copies the remainder into negations).
     */
    private static String plain(Node node, String rest, boolean isRoot, boolean noEmpty) {
        StringBuilder out = new StringBuilder();
        List<Object> parts = node.parts;
        for (int i = 0; i < parts.size(); i++) {
            Object p = parts.get(i);
            if (p instanceof String s) {
                out.append(glob(s, noEmpty));
            } else {
                StringBuilder after = new StringBuilder();
                for (int j = i + 1; j < parts.size(); j++) {
                    Object q = parts.get(j);
                    after.append(q instanceof String s ? glob(s, false) : ext((Node) q, ""));
                }
                boolean whole = isRoot && parts.size() == 1;
                out.append(ext((Node) p, after + rest, whole));
            }
        }
        return out.toString();
    }

    private static String ext(Node node, String rest) {
        return ext(node, rest, false);
    }

    private static String ext(Node node, String rest, boolean whole) {
        if (node.type == '!') {
            if (node.emptyExt) {
                return STAR_NO_EMPTY;
            }
            List<String> alts = new ArrayList<>();
            for (Object alt : node.parts) {
                alts.add(plain((Node) alt, rest, false, false) + rest + "(?:$|/)");
            }
            return "(?:(?!(?:" + String.join("|", alts) + "))" + STAR + ")";
        }
        List<String> alts = new ArrayList<>();
        for (Object alt : node.parts) {
            String re = plain((Node) alt, rest, false, false);
            if (!whole || !re.isEmpty()) {
                alts.add(re);
            }
        }
        String body = String.join("|", alts);
        if (whole && body.isEmpty()) {
            return glob(render(node), false);
        }
        return switch (node.type) {
            case '@' -> "(?:" + body + ")";
            case '?' -> "(?:" + body + ")?";
            case '+' -> "(?:" + body + ")+";
            default -> "(?:" + body + ")*";
        };
    }

    private static String render(Node node) {
        StringBuilder sb = new StringBuilder();
        if (node.type != 0) {
            sb.append(node.type).append('(');
            for (int i = 0; i < node.parts.size(); i++) {
                if (i > 0) {
                    sb.append('|');
                }
                sb.append(render((Node) node.parts.get(i)));
            }
            return sb.append(')').toString();
        }
        for (Object p : node.parts) {
            sb.append(p instanceof String s ? s : render((Node) p));
        }
        return sb.toString();
    }

    /** minimatch {@code #parseGlob}: a plain run of glob text. */
    private static String glob(String glob, boolean noEmpty) {
        StringBuilder re = new StringBuilder();
        boolean escaping = false;
        boolean inStar = false;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (escaping) {
                escaping = false;
                re.append(escape(c));
                continue;
            }
            if (c == '*') {
                if (inStar) {
                    continue;
                }
                inStar = true;
                re.append(noEmpty && glob.chars().allMatch(ch -> ch == '*') ? STAR_NO_EMPTY : STAR);
                continue;
            }
            inStar = false;
            if (c == '\\') {
                if (i == glob.length() - 1) {
                    re.append("\\\\");
                } else {
                    escaping = true;
                }
                continue;
            }
            if (c == '[') {
                String[] cls = new String[1];
                int consumed = parseClass(glob, i, cls);
                if (consumed > 0) {
                    re.append(cls[0]);
                    i += consumed - 1;
                    continue;
                }
            }
            if (c == '?') {
                re.append(QMARK);
                continue;
            }
            re.append(escape(c));
        }
        return re.toString();
    }

    private static String escape(char c) {
        return Character.isLetterOrDigit(c) || c > 127 ? String.valueOf(c) : "\\" + c;
    }

    private static final String[][] POSIX = {
        {"[:alnum:]", "\\p{L}\\p{Nl}\\p{Nd}", ""},
        {"[:alpha:]", "\\p{L}\\p{Nl}", ""},
        {"[:ascii:]", "\\x00-\\x7f", ""},
        {"[:blank:]", "\\p{Zs}\\t", ""},
        {"[:cntrl:]", "\\p{Cc}", ""},
        {"[:digit:]", "\\p{Nd}", ""},
        {"[:graph:]", "\\p{Z}\\p{C}", "neg"},
        {"[:lower:]", "\\p{Ll}", ""},
        {"[:print:]", "\\p{C}", ""},
        {"[:punct:]", "\\p{P}", ""},
        {"[:space:]", "\\p{Z}\\t\\r\\n\\x0B\\f", ""},
        {"[:upper:]", "\\p{Lu}", ""},
        {"[:word:]", "\\p{L}\\p{Nl}\\p{Nd}\\p{Pc}", ""},
        {"[:xdigit:]", "A-Fa-f0-9", ""},
    };

    /** minimatch {@code parseClass}; returns the number of characters consumed (0 = not a class, take '[' literally). */
    private static int parseClass(String glob, int pos, String[] out) {
        List<String> ranges = new ArrayList<>();
        List<String> negs = new ArrayList<>();
        int i = pos + 1;
        boolean sawStart = false;
        boolean escaping = false;
        boolean negate = false;
        int endPos = pos;
        String rangeStart = "";
        outer:
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if ((c == '!' || c == '^') && i == pos + 1) {
                negate = true;
                i++;
                continue;
            }
            if (c == ']' && sawStart && !escaping) {
                endPos = i + 1;
                break;
            }
            sawStart = true;
            if (c == '\\') {
                if (!escaping) {
                    escaping = true;
                    i++;
                    continue;
                }
            }
            if (c == '[' && !escaping) {
                for (String[] cls : POSIX) {
                    if (glob.startsWith(cls[0], i)) {
                        if (!rangeStart.isEmpty()) {
                            out[0] = "(?!)";
                            return glob.length() - pos;
                        }
                        i += cls[0].length();
                        (cls[2].isEmpty() ? ranges : negs).add(cls[1]);
                        continue outer;
                    }
                }
            }
            escaping = false;
            if (!rangeStart.isEmpty()) {
                if (c > rangeStart.charAt(0)) {
                    ranges.add(classEscape(rangeStart.charAt(0)) + "-" + classEscape(c));
                } else if (c == rangeStart.charAt(0)) {
                    ranges.add(classEscape(c));
                }
                rangeStart = "";
                i++;
                continue;
            }
            if (glob.startsWith("-]", i + 1)) {
                ranges.add(classEscape(c) + "\\-");
                i += 2;
                continue;
            }
            if (glob.startsWith("-", i + 1)) {
                rangeStart = String.valueOf(c);
                i += 2;
                continue;
            }
            ranges.add(classEscape(c));
            i++;
        }
        if (endPos < i) {
            return 0;
        }
        if (ranges.isEmpty() && negs.isEmpty()) {
            out[0] = "(?!)";
            return glob.length() - pos;
        }
        String sranges = "[" + (negate ? "^" : "") + String.join("", ranges) + "]";
        String snegs = "[" + (negate ? "" : "^") + String.join("", negs) + "]";
        out[0] = !ranges.isEmpty() && !negs.isEmpty() ? "(?:" + sranges + "|" + snegs + ")"
                : !ranges.isEmpty() ? sranges : snegs;
        return endPos - pos;
    }

    private static String classEscape(char c) {
        return Character.isLetterOrDigit(c) || c > 127 ? String.valueOf(c) : "\\" + c;
    }
}
