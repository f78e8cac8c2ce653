package org.the1studio.upm.core.changelog;

import java.time.Instant;

/**
 * One commit that goes into a changelog entry. The texts are untrusted (anyone with push access wrote them).
 *
 * @param id         full commit id
 * @param subject    first line of the message
 * @param body       the rest of the message without the subject, stripped ({@code ""} when none)
 * @param authorName author name
 * @param time       author time
 */
public record CommitInfo(String id, String subject, String body, String authorName, Instant time) {

    public CommitInfo {
        subject = subject == null ? "" : subject;
        body = body == null ? "" : body;
    }

    /** The first seven characters of the id. */
    public String shortId() {
        return id.length() > 7 ? id.substring(0, 7) : id;
    }
}
