package org.the1studio.upm.jenkins;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import hudson.AbortException;
import hudson.Util;
import hudson.model.Run;
import hudson.model.TaskListener;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.the1studio.upm.core.secret.Secret;

/**
 * Turns credential ids into core {@link Secret}s, on the controller, in the context of the run: the lookup honours
 * the folder scope of the job and the permissions of whoever started it, and every use is tracked (credential
 * fingerprints show which builds used the npm token).
 */
final class StepCredentials {
    private StepCredentials() {}

    /** A username and token for an https git push. */
    record UserToken(String username, Secret token) {}

    /**
     * The value of a "Secret text" credential, or {@code null} when {@code id} is blank.
     *
     * @param purpose  what it is for, for the messages ("registry token")
     * @param required when true, an id that cannot be found fails the step; otherwise it is a warning
     */
    static Secret secretText(Run<?, ?> run, TaskListener listener, String id, String purpose, boolean required)
            throws AbortException {
        String v = Util.fixEmptyAndTrim(id);
        if (v == null) {
            return null;
        }
        StringCredentials c = CredentialsProvider.findCredentialById(v, StringCredentials.class, run);
        if (c == null) {
            String message = "the " + purpose + " credential '" + v + "' was not found: add a Secret text credential"
                    + " with this id (Manage Jenkins > Credentials, or the job's folder) that this build may use";
            if (required) {
                throw new AbortException("[upm] " + message);
            }
            listener.getLogger().println("[upm] WARNING: " + message + "; carrying on without it");
            return null;
        }
        CredentialsProvider.track(run, c);
        return Secret.ofNullable(c.getSecret().getPlainText());
    }

    /** A "Username with password" credential (a GitHub App or a personal token) for the changelog push. */
    static UserToken usernamePassword(Run<?, ?> run, TaskListener listener, String id) {
        String v = Util.fixEmptyAndTrim(id);
        if (v == null) {
            return null;
        }
        StandardUsernamePasswordCredentials c =
                CredentialsProvider.findCredentialById(v, StandardUsernamePasswordCredentials.class, run);
        if (c == null) {
            listener.getLogger().println("[upm] WARNING: the git credential '" + v + "' (Username with password) was"
                    + " not found; the changelog push will use the workspace's own git credentials");
            return null;
        }
        CredentialsProvider.track(run, c);
        return new UserToken(c.getUsername(), Secret.ofNullable(c.getPassword().getPlainText()));
    }
}
