package org.the1studio.upm.core.pack;

import java.text.Normalizer;
import java.util.Comparator;
import java.util.Locale;

/**
 * The order in which npm writes files into a tarball: npm-packlist sorts by lower-cased extension, then lower-cased
 * base name, then the whole path, each with {@code String.localeCompare(other, 'en')} (ICU root collation).
 *
 * <p>The order only affects how well the tarball compresses and the order of {@link PackResult#files()}, never which
 * files or bytes are packed. {@link java.text.Collator} does not follow ICU (it ignores '-' and orders punctuation
 * differently), so this is a small ICU-like collation: ASCII punctuation in ICU's order, then digits, then letters;
 * accents are a secondary and case a tertiary difference (lower case first), as in ICU.
 */
final class NpmOrder {
    /** ICU root order of ASCII space and punctuation (all of them sort before digits and letters). */
    private static final String PUNCTUATION = " _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$";

    static final Comparator<String> LOCALE_EN = NpmOrder::localeCompare;

    /** npm-packlist's {@code sort}: extension, base name, then path. */
    static final Comparator<String> PACKLIST = (a, b) -> {
        int c = localeCompare(extname(a).toLowerCase(Locale.ROOT), extname(b).toLowerCase(Locale.ROOT));
        if (c != 0) {
            return c;
        }
        c = localeCompare(basename(a).toLowerCase(Locale.ROOT), basename(b).toLowerCase(Locale.ROOT));
        return c != 0 ? c : localeCompare(a, b);
    };

    private NpmOrder() {}

    static String basename(String path) {
        String p = path;
        while (p.endsWith("/") && p.length() > 1) {
            p = p.substring(0, p.length() - 1);
        }
        int slash = p.lastIndexOf('/');
        return slash < 0 ? p : p.substring(slash + 1);
    }

    /** Node's {@code path.extname}: from the last '.' of the base name, '' for dot-files and names without a dot. */
    static String extname(String path) {
        String base = basename(path);
        int dot = base.lastIndexOf('.');
        if (dot <= 0 || base.equals("..")) {
            return "";
        }
        return base.substring(dot);
    }

    static int localeCompare(String a, String b) {
        String da = decompose(a);
        String db = decompose(b);
        int c = comparePrimary(da, db);
        if (c != 0) {
            return c;
        }
        c = compareSecondary(da, db);
        if (c != 0) {
            return c;
        }
        c = compareTertiary(da, db);
        return c != 0 ? c : a.compareTo(b);
    }

    private static String decompose(String s) {
        if (s.chars().allMatch(c -> c < 0x80)) {
            return s; // ASCII is already in normal form
        }
        return Normalizer.normalize(s.replace("ß", "ss"), Normalizer.Form.NFD);
    }

    private static boolean isMark(int cp) {
        int t = Character.getType(cp);
        return t == Character.NON_SPACING_MARK || t == Character.COMBINING_SPACING_MARK || t == Character.ENCLOSING_MARK;
    }

    private static boolean ignorable(int cp) {
        return cp < 0x20 || cp == 0x7f || isMark(cp);
    }

    private static long primary(int cp) {
        int p = PUNCTUATION.indexOf(cp);
        if (p >= 0) {
            return p;
        }
        if (cp >= '0' && cp <= '9') {
            return 100 + cp - '0';
        }
        int lower = Character.toLowerCase(cp);
        if (lower >= 'a' && lower <= 'z') {
            return 200 + lower - 'a';
        }
        if (Character.isWhitespace(cp)) {
            return -1;
        }
        if (!Character.isLetterOrDigit(cp)) {
            return 50; // other symbols: after ASCII punctuation, before digits
        }
        return 1000L + lower;
    }

    private static int comparePrimary(String a, String b) {
        int i = 0;
        int j = 0;
        while (true) {
            while (i < a.length() && ignorable(a.codePointAt(i))) {
                i += Character.charCount(a.codePointAt(i));
            }
            while (j < b.length() && ignorable(b.codePointAt(j))) {
                j += Character.charCount(b.codePointAt(j));
            }
            if (i >= a.length() || j >= b.length()) {
                return Boolean.compare(i < a.length(), j < b.length());
            }
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            int c = Long.compare(primary(ca), primary(cb));
            if (c == 0 && primary(ca) == 50) {
                c = Integer.compare(ca, cb);
            }
            if (c != 0) {
                return c;
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
    }

    /** Accents: compare, base letter by base letter, the marks that follow it. */
    private static int compareSecondary(String a, String b) {
        return marks(a).compareTo(marks(b));
    }

    private static String marks(String s) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (isMark(cp)) {
                sb.appendCodePoint(cp);
            } else if (!ignorable(cp)) {
                sb.append('\u0000');
            }
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    private static int compareTertiary(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            boolean ua = Character.isUpperCase(a.charAt(i));
            boolean ub = Character.isUpperCase(b.charAt(i));
            if (ua != ub) {
                return ua ? 1 : -1;
            }
        }
        return 0;
    }
}
