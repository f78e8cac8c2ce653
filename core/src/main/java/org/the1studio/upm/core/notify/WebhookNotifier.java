package org.the1studio.upm.core.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.the1studio.upm.core.io.Json;
import org.the1studio.upm.core.publish.PublishReport;
import org.the1studio.upm.core.publish.ReportJson;
import org.the1studio.upm.core.publish.SideEffect;
import org.the1studio.upm.core.secret.Secret;

/**
 * POSTs the machine-readable report (exactly what {@code upm publish --json} prints, see {@link ReportJson}) to any
 * HTTP endpoint, for dashboards, chat bridges and other automation.
 *
 * <p>Headers: {@code X-UPM-Event: publish}, {@code X-UPM-Delivery: <run id>} (the same on every retry, so a receiver
 * can drop duplicates) and, when a secret is configured, {@code X-UPM-Signature-256: sha256=<hex>}, the HMAC-SHA256 of
 * the exact body bytes keyed with the secret (the scheme GitHub uses for its webhooks): a receiver recomputes it over
 * the raw body and compares in constant time. Any 2xx is success; 429, 5xx and network errors are retried.
 */
public final class WebhookNotifier extends HttpNotifier {
    /** Names the kind of message; the only event so far. */
    public static final String EVENT_HEADER = "X-UPM-Event";
    /** The run id; identical across retries of one delivery. */
    public static final String DELIVERY_HEADER = "X-UPM-Delivery";
    /** {@code sha256=<lower-case hex HMAC-SHA256 of the body>}, present when a secret is configured. */
    public static final String SIGNATURE_HEADER = "X-UPM-Signature-256";

    /** A notifier for {@code settings.webhookUrl()}, which must be set. */
    public WebhookNotifier(NotifySettings settings) {
        this(settings, Delivery.REAL_SLEEP);
    }

    WebhookNotifier(NotifySettings settings, Delivery.Sleeper sleeper) {
        super(settings, sleeper, "webhook URL", settings.webhookUrl(), "no webhook URL configured", "webhook request",
                settings.webhookSecret(), settings.discordWebhook(), settings.slackWebhook());
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    SideEffect deliver(PublishReport report) {
        if (endpoint.problem() != null) {
            return effect(false, "not posted: " + endpoint.problem());
        }
        byte[] body;
        try {
            body = Json.MAPPER.writeValueAsBytes(payload(report));
        } catch (JsonProcessingException e) {
            return effect(false, "could not encode the report");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(EVENT_HEADER, "publish");
        if (report.runId() != null && report.runId().matches("[A-Za-z0-9._-]{1,100}")) {
            headers.put(DELIVERY_HEADER, report.runId());
        }
        if (settings.webhookSecret() != null) {
            headers.put(SIGNATURE_HEADER, signature(settings.webhookSecret(), body));
        }
        Delivery.Result result = delivery(text -> text).post(endpoint.uri(), "application/json", body, headers);
        if (result.ok()) {
            return effect(true, "delivered to " + endpoint.host() + (settings.webhookSecret() != null ? " (signed)" : "")
                    + afterAttempts(result));
        }
        return effect(false, "not delivered: " + result.detail());
    }

    /** The body: {@link ReportJson#toJson} with every text value passed through the redaction guard. */
    ObjectNode payload(PublishReport report) {
        ObjectNode json = ReportJson.toJson(report);
        redactStrings(json);
        return json;
    }

    /** {@code sha256=} and the lower-case hex HMAC-SHA256 of {@code body} keyed with {@code secret}'s UTF-8 bytes. */
    public static String signature(Secret secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    private void redactStrings(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> it = object.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isTextual()) {
                    e.setValue(TextNode.valueOf(redactor.redact(e.getValue().asText())));
                } else {
                    redactStrings(e.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.get(i).isTextual()) {
                    array.set(i, TextNode.valueOf(redactor.redact(array.get(i).asText())));
                } else {
                    redactStrings(array.get(i));
                }
            }
        }
    }
}
