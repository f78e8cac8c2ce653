package org.the1studio.upm.core.registry;

import java.time.Duration;

/** Waits between attempts; injectable so tests check the delays without waiting them. */
@FunctionalInterface
public interface Sleeper {
    /** {@link Thread#sleep}. */
    Sleeper SYSTEM = d -> {
        if (!d.isNegative() && !d.isZero()) {
            Thread.sleep(d.toMillis());
        }
    };

    void sleep(Duration duration) throws InterruptedException;
}
