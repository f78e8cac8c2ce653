package org.the1studio.upm.core.config;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which branches may really publish ("allowed branches" of the Jenkins configuration). Every other branch (pull
 * requests, feature branches) still runs, as a dry run, so a pull request shows what its merge would publish.
 *
 * <p>Entries are branch names or globs, separated by commas or whitespace: {@code *} matches within one path segment
 * ({@code release/*} matches {@code release/1.2} but not {@code release/1.2/hotfix}), {@code **} matches across
 * segments, {@code ?} one character. Matching is on the branch name as text, never as a file path, so any name git
 * allows is accepted on any controller.
 */
public final class BranchRule {
    private BranchRule() {}

    /** The entries of a setting value; empty when nothing is set. */
    public static List<String> parse(String setting) {
        if (setting == null || setting.isBlank()) {
            return List.of();
        }
        return Arrays.stream(setting.strip().split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
    }

    /** True when {@code branch} equals or matches one of the entries of {@code setting}. */
    public static boolean allows(String setting, String branch) {
        if (branch == null || branch.isBlank()) {
            return false;
        }
        for (String entry : parse(setting)) {
            if (entry.equals(branch) || toRegex(entry).matcher(branch).matches()) {
                return true;
            }
        }
        return false;
    }

    static Pattern toRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
