package org.the1studio.upm.jenkins;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.Arrays;
import java.util.List;

/**
 * The "allowed branches" setting: which branches may really publish. Every other branch (pull requests, feature
 * branches) still runs, as a dry run, so a pull request shows what its merge would publish.
 *
 * <p>Entries are branch names or globs ({@code release/*}), separated by commas or whitespace.
 */
final class BranchRule {
    private BranchRule() {}

    /** The entries of a setting value; empty when nothing is set. */
    static List<String> parse(String setting) {
        if (setting == null || setting.isBlank()) {
            return List.of();
        }
        return Arrays.stream(setting.strip().split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
    }

    /** True when {@code branch} equals or matches one of the entries. */
    static boolean allows(String setting, String branch) {
        for (String entry : parse(setting)) {
            if (entry.equals(branch)) {
                return true;
            }
            PathMatcher glob = FileSystems.getDefault().getPathMatcher("glob:" + entry);
            if (glob.matches(Path.of(branch))) {
                return true;
            }
        }
        return false;
    }
}
