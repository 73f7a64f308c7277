package org.ebc.agent.delivery;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Reconnect delays: doubling from {@code min} up to {@code max}, each drawn uniformly from the upper half
 * of the current step, so that the meters of a substation do not all reconnect in the same millisecond
 * after the broker restarts. Randomness is injected (tests pin a seed).
 *
 * <p>Not thread-safe: used on the agent thread.
 */
public final class Backoff {
    private final long minMs;
    private final long maxMs;
    private final RandomGenerator random;
    private long stepMs;

    public Backoff(Duration min, Duration max, RandomGenerator random) {
        this.minMs = Math.max(1, min.toMillis());
        this.maxMs = Math.max(minMs, max.toMillis());
        this.random = random;
        this.stepMs = minMs;
    }

    /** The next delay, then the step doubles (up to max). */
    public Duration next() {
        long half = stepMs / 2;
        long delay = half + (half > 0 ? random.nextLong(stepMs - half + 1) : stepMs);
        stepMs = Math.min(maxMs, stepMs * 2);
        return Duration.ofMillis(Math.max(1, delay));
    }

    /** After a successful connection. */
    public void reset() {
        stepMs = minMs;
    }
}
