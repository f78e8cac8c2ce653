package org.the1studio.upm.jenkins;

import java.io.Serializable;
import org.the1studio.upm.core.publish.SideEffect;

/**
 * A changelog push or a notification of a publish, as Jenkins keeps it (plain strings: it crosses the agent channel
 * and is stored in {@code build.xml}). Its failure makes the build UNSTABLE, never FAILURE.
 */
public final class EffectRow implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String kind;
    private final boolean ok;
    private final String detail;

    EffectRow(SideEffect effect) {
        this.kind = effect.kind();
        this.ok = effect.ok();
        this.detail = effect.detail();
    }

    /** {@code changelog-push} or {@code notify:<name>}. */
    public String getKind() {
        return kind;
    }

    public boolean isOk() {
        return ok;
    }

    public String getDetail() {
        return detail;
    }
}
