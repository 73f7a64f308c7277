package org.ebc.gateway.consensus.harness;

import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.function.BooleanSupplier;

/**
 * Discrete-event time: actions run in order of their virtual time (ties in the order they were
 * scheduled), so a run depends only on its seed. Nothing sleeps; a simulated minute takes as long as the
 * work done in it.
 */
public final class Simulation {
    private record Event(long time, long seq, Runnable action) {}

    private final PriorityQueue<Event> queue =
            new PriorityQueue<>(Comparator.comparingLong(Event::time).thenComparingLong(Event::seq));
    private final VirtualClock clock = new VirtualClock();
    private long seq;
    private long events;

    public VirtualClock clock() {
        return clock;
    }

    public long now() {
        return clock.millis();
    }

    public void after(long delayMillis, Runnable action) {
        queue.add(new Event(now() + Math.max(0, delayMillis), seq++, action));
    }

    /** Runs events until {@code done} holds (true) or {@code maxMillis} of virtual time pass (false). */
    public boolean runUntil(BooleanSupplier done, long maxMillis) {
        long end = now() + maxMillis;
        while (!done.getAsBoolean()) {
            Event e = queue.peek();
            if (e == null || e.time() > end) {
                clock.set(Math.max(now(), end));
                return done.getAsBoolean();
            }
            queue.poll();
            clock.set(e.time());
            events++;
            e.action().run();
        }
        return true;
    }

    public void runFor(long millis) {
        runUntil(() -> false, millis);
    }

    /** Events run so far. */
    public long events() {
        return events;
    }
}
