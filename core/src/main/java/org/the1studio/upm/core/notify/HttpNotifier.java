package org.the1studio.upm.core.notify;

import java.util.function.Function;
import org.the1studio.upm.core.audit.Redactor;
import org.the1studio.upm.core.publish.PublishReport;
import org.the1studio.upm.core.publish.SideEffect;
import org.the1studio.upm.core.secret.Secret;

/**
 * What the Discord, Slack and generic webhook notifiers share: one configured endpoint whose URL and every other
 * configured secret are masked in anything reported, the rule of which runs are worth a message, a retrying
 * {@link Delivery}, and a redacted {@link SideEffect} for every outcome, including a crash while building the
 * message. Each notifier supplies its request and its own wording.
 */
abstract class HttpNotifier implements Notifier {
    final NotifySettings settings;
    final Endpoint endpoint;
    final Redactor redactor;
    private final Delivery.Sleeper sleeper;
    private final String request;

    /**
     * @param url      the notifier's own URL; {@code missing} is the message when it is not configured
     * @param request  what a crash says could not be built or sent ("Slack message")
     * @param others   the other configured secrets, masked as well
     */
    HttpNotifier(NotifySettings settings, Delivery.Sleeper sleeper, String urlLabel, Secret url, String missing,
            String request, Secret... others) {
        if (url == null) {
            throw new IllegalArgumentException(missing);
        }
        this.settings = settings;
        this.endpoint = Endpoint.of(urlLabel, url);
        this.redactor = endpoint.redactor(others);
        this.sleeper = sleeper;
        this.request = request;
    }

    /** Sends one message about a report worth announcing; never throws. */
    @Override
    public final SideEffect send(PublishReport report) {
        try {
            if (!ReportView.worthSending(report, settings.notifyOnSkip())) {
                return effect(true, ReportView.notSentDetail());
            }
            return deliver(report);
        } catch (RuntimeException e) {
            return crashed(e);
        }
    }

    /** Builds and posts the message for {@code report}. */
    abstract SideEffect deliver(PublishReport report);

    /** The outcome when building or sending threw. */
    final SideEffect crashed(RuntimeException e) {
        return effect(false, "could not build or send the " + request + ": " + e.getClass().getSimpleName());
    }

    /** A delivery to this endpoint with the configured timeout and attempts; {@code errorText} shortens error bodies. */
    final Delivery delivery(Function<String, String> errorText) {
        return new Delivery(endpoint, settings.timeout(), settings.maxAttempts(), sleeper, redactor, errorText);
    }

    /** " after 1 attempt" or " after N attempts". */
    static String afterAttempts(Delivery.Result result) {
        return " after " + result.attempts() + (result.attempts() == 1 ? " attempt" : " attempts");
    }

    final SideEffect effect(boolean ok, String detail) {
        return new SideEffect("notify:" + name(), ok, redactor.redact(detail));
    }
}
