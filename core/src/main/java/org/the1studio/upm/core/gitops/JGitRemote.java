package org.the1studio.upm.core.gitops;

import java.io.IOException;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.FetchResult;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.the1studio.upm.core.secret.Secret;

/** Push and fetch with JGit; https credentials from the token (user {@code x-access-token} unless given). */
final class JGitRemote implements GitRemote {
    private final Git git;
    private final String remote;
    private final CredentialsProvider credentials;
    private final int timeoutSeconds;

    JGitRemote(Git git, String remote, String username, Secret token, int timeoutSeconds) {
        this.git = git;
        this.remote = remote;
        this.credentials = token == null ? null
                : new UsernamePasswordCredentialsProvider(username == null ? "x-access-token" : username, token.reveal());
        this.timeoutSeconds = timeoutSeconds;
    }

    @Override
    public String name() {
        return "JGit";
    }

    @Override
    public PushOutcome push(ObjectId commit, String branch) {
        String ref = "refs/heads/" + branch;
        try {
            var push = git.push().setRemote(remote).setRefSpecs(new RefSpec(commit.name() + ":" + ref))
                    .setCredentialsProvider(credentials).setTimeout(timeoutSeconds);
            // PushCommand ignores remote.<name>.receivepack; honour it like git does (a local remote with hooks)
            String receivePack = git.getRepository().getConfig().getString("remote", remote, "receivepack");
            if (receivePack != null && !receivePack.isBlank()) {
                push.setReceivePack(receivePack);
            }
            Iterable<PushResult> results = push.call();
            for (PushResult r : results) {
                RemoteRefUpdate u = r.getRemoteUpdate(ref);
                if (u == null) {
                    continue;
                }
                String said = (u.getMessage() == null ? "" : " " + u.getMessage())
                        + (r.getMessages() == null || r.getMessages().isBlank() ? "" : " " + r.getMessages().strip());
                return switch (u.getStatus()) {
                    case OK, UP_TO_DATE -> new PushOutcome(Status.OK, u.getStatus().name());
                    case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED ->
                            new PushOutcome(Status.NON_FAST_FORWARD, u.getStatus().name() + said);
                    default -> new PushOutcome(Status.REJECTED, u.getStatus().name() + said);
                };
            }
            return new PushOutcome(Status.FAILED, "the remote did not report on " + ref);
        } catch (GitAPIException | RuntimeException e) {
            return new PushOutcome(Status.FAILED, String.valueOf(e.getMessage()));
        }
    }

    @Override
    public ObjectId fetch(String branch) throws IOException {
        String ref = "refs/heads/" + branch;
        try {
            FetchResult r = git.fetch().setRemote(remote)
                    .setRefSpecs(new RefSpec("+" + ref + ":refs/remotes/" + remote + "/" + branch))
                    .setCredentialsProvider(credentials).setTimeout(timeoutSeconds).call();
            Ref advertised = r.getAdvertisedRef(ref);
            return advertised == null ? null : advertised.getObjectId();
        } catch (GitAPIException | RuntimeException e) {
            throw new IOException("fetching " + branch + " from " + remote + " failed: " + e.getMessage(), e);
        }
    }
}
