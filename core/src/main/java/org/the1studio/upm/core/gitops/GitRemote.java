package org.the1studio.upm.core.gitops;

import java.io.IOException;
import org.eclipse.jgit.lib.ObjectId;

/** Push and fetch of one branch on one remote, by JGit or by the git command line. */
interface GitRemote {

    /** How a push ended. */
    enum Status {
        /** The remote branch now points at the commit. */
        OK,
        /** The remote branch has commits we do not have: fetch, rebase, retry. */
        NON_FAST_FORWARD,
        /** The remote refused for another reason (protected branch, hook): a side branch may still be accepted. */
        REJECTED,
        /** No answer (network, authentication, unknown remote): nothing else will work either. */
        FAILED
    }

    /** A push outcome with the remote's words (credentials already masked by the caller). */
    record PushOutcome(Status status, String message) {
    }

    /** Pushes {@code commit} to {@code refs/heads/<branch>}; never force. */
    PushOutcome push(ObjectId commit, String branch);

    /**
     * Fetches {@code refs/heads/<branch>} into {@code refs/remotes/<remote>/<branch>}.
     *
     * @return the remote branch head, or {@code null} when the remote has no such branch
     */
    ObjectId fetch(String branch) throws IOException;

    /** {@code JGit} or {@code git}, for messages. */
    String name();
}
