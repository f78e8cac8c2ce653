package org.the1studio.upm

/**
 * Failure notifications from the library itself, for failures the publish engine cannot report because it did not
 * run to its end (a checkout that fails, missing credentials, a fleet check that cannot start).
 *
 * Why a helper: both {@code upmPublish} and {@code upmFleetCheck} must notify on failure without ever turning a
 * notification problem into a second failure or hiding the first one. It calls the plugin's {@code upmNotify}
 * step, which sends through the sinks of the global {@code upmPublisher} configuration (Discord, Slack, webhook)
 * and redacts secrets. Runs as CPS code (it calls steps); {@code steps} is the calling script.
 */
class Notices implements Serializable {

    private static final long serialVersionUID = 1L

    /**
     * Sends one failure notification; logs, and never throws, when it cannot.
     *
     * @param steps   the pipeline script ({@code this} in a var)
     * @param what    what failed, e.g. {@code "upmPublish on main"}
     * @param message why, one sentence (already free of secrets: it comes from a step's error message)
     */
    static void failure(def steps, String what, String message) {
        String text = "${what} failed: ${message ?: 'see the build log'}".toString()
        try {
            steps.upmNotify(status: 'FAILURE', message: text)
        } catch (NoSuchMethodError missing) {
            steps.echo('[upm] no failure notification sent: this Jenkins has no upmNotify step ' +
                    '(install or update the upm-publisher plugin)')
        } catch (Exception problem) {
            steps.echo("[upm] no failure notification sent: ${problem.message}".toString())
        }
    }
}
