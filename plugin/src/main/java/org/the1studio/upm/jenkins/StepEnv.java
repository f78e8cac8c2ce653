package org.the1studio.upm.jenkins;

import hudson.EnvVars;
import hudson.Util;

/**
 * What a step takes from the build's environment when the pipeline does not say it: the base commit, the branch and
 * the build URL. Only Jenkins knows these; everything else the engine reads from git itself.
 */
final class StepEnv {
    private StepEnv() {}

    /**
     * The base commit: the argument, else the last successfully built commit ({@code GIT_PREVIOUS_SUCCESSFUL_COMMIT},
     * set by the git plugin), else {@code null} (the engine then compares with {@code HEAD~1}). Starting from the last
     * success means a failed or aborted build never loses a version bump: the next build still sees it.
     */
    static String base(String argument, EnvVars env) {
        String arg = Util.fixEmptyAndTrim(argument);
        return arg != null ? arg : Util.fixEmptyAndTrim(env.get("GIT_PREVIOUS_SUCCESSFUL_COMMIT", null));
    }

    /**
     * The branch being built: {@code BRANCH_NAME} (multibranch and organization folders), else
     * {@code GIT_LOCAL_BRANCH}, else {@code GIT_BRANCH} without its remote prefix; {@code null} when unknown.
     */
    static String branch(EnvVars env) {
        String name = Util.fixEmptyAndTrim(env.get("BRANCH_NAME", null));
        if (name != null) {
            return name;
        }
        name = Util.fixEmptyAndTrim(env.get("GIT_LOCAL_BRANCH", null));
        if (name != null) {
            return name;
        }
        name = Util.fixEmptyAndTrim(env.get("GIT_BRANCH", null));
        if (name == null) {
            return null;
        }
        for (String prefix : new String[] {"refs/remotes/origin/", "refs/heads/", "origin/"}) {
            if (name.startsWith(prefix)) {
                return name.substring(prefix.length());
            }
        }
        return name;
    }

    /** {@code BUILD_URL}, or {@code null} when Jenkins' root URL is not configured. */
    static String buildUrl(EnvVars env) {
        return Util.fixEmptyAndTrim(env.get("BUILD_URL", null));
    }
}
