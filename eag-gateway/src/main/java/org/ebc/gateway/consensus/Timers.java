package org.ebc.gateway.consensus;

import java.time.Duration;

/**
 * Schedules the core's timers. The adapter calls {@link ConsensusCore#onTimer} with the key after
 * {@code delay}, on the core's thread, measured on its clock (the test harness uses a virtual clock).
 */
public interface Timers {

    void schedule(TimerKey key, Duration delay);
}
