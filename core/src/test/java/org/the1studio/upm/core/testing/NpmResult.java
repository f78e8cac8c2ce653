package org.the1studio.upm.core.testing;

/**
 * What a run of the real npm CLI (see {@link VerdaccioServer#npm}) produced, so tests can assert on all three.
 *
 * @param exitCode the process exit code (0 = success)
 * @param stdout   everything npm wrote to standard output
 * @param stderr   everything npm wrote to standard error
 */
public record NpmResult(int exitCode, String stdout, String stderr) {

    /** Whether npm exited with 0. */
    public boolean ok() {
        return exitCode == 0;
    }

    /** This result when npm succeeded; otherwise an {@link AssertionError} carrying npm's output. */
    public NpmResult requireOk() {
        if (exitCode != 0) {
            throw new AssertionError("npm exited with " + exitCode + "\n--- stdout ---\n" + stdout
                    + "\n--- stderr ---\n" + stderr);
        }
        return this;
    }
}
