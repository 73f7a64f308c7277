package org.ebc.hardware.sim;

/**
 * A deterministic power curve, one value per profile second. Implementations are sequential generators:
 * {@link #watts(long)} is called for second 0, 1, 2, … in order, exactly once each, so that a seeded random
 * source gives the same curve on every run. Not thread-safe.
 */
public interface LoadProfile {
    /** Seconds in a day, for profiles that follow the time of day. */
    long DAY = 86_400;

    /**
     * The average power during profile second {@code second}, in whole W: positive = import (the node
     * draws from the grid), negative = export. Never larger in magnitude than the configured peak power.
     */
    long watts(long second);
}
