package org.ebc.hardware.s0;

import java.util.function.LongSupplier;
import org.ebc.hardware.Direction;
import org.ebc.units.Energy;
import org.ebc.units.Power;

/**
 * One S0 input: turns a stream of raw line levels into counted pulses. Pure logic, no Pi4J: the
 * {@link S0Meter} feeds it levels from GPIO events, tests feed it directly.
 *
 * <p><b>Debounce.</b> A raw level becomes the debounced level only once it has held for the debounce time.
 * Events carry no timestamp, so each level change is stamped with the injected clock on arrival, and
 * stability is judged when the next change arrives or when the channel is read (whichever comes first).
 * A pulse is counted when the debounced level turns active; its time is the raw edge that started it, so
 * the interval between pulses is not disturbed by when the confirmation happened. Bounce inside a pulse
 * (a short drop) never lasts the debounce time, so it neither ends the pulse nor starts a second one.
 *
 * <p><b>Plausibility.</b> A pulse whose leading edge follows the previous one sooner than the configured
 * minimum interval is counted like any other — the register counts what the wire carried, and dropping
 * pulses would make it wrong in the other direction — and is also counted as implausible, so that the next
 * {@link #reading()} reports it and the driver can surface it as a fault.
 *
 * <p><b>Thread-safety.</b> All methods are synchronized; the clock is read inside the lock, so the order of
 * timestamps matches the order in which level changes and reads are applied even when Pi4J's event threads
 * and the agent's reading thread interleave.
 */
final class S0Channel {
    private final Direction direction;
    private final PulseConstant constant;
    private final long debounceNanos;
    private final long minIntervalNanos;
    private final LongSupplier nanoTime;

    private boolean rawActive;
    private long rawSince;
    private boolean debouncedActive;
    private long pulses;
    private long lastPulseAt;
    private long lastIntervalNanos;
    private long implausibleTotal;
    private long implausibleUnreported;
    private long shortestUnreportedNanos = Long.MAX_VALUE;

    /**
     * @param initiallyActive the line level when the driver starts; a pulse already on at start is not
     *                        counted (its leading edge happened before the driver counted anything)
     */
    S0Channel(
            Direction direction,
            PulseConstant constant,
            long debounceNanos,
            long minIntervalNanos,
            LongSupplier nanoTime,
            boolean initiallyActive) {
        this.direction = direction;
        this.constant = constant;
        this.debounceNanos = debounceNanos;
        this.minIntervalNanos = minIntervalNanos;
        this.nanoTime = nanoTime;
        this.rawActive = initiallyActive;
        this.debouncedActive = initiallyActive;
        this.rawSince = nanoTime.getAsLong();
    }

    Direction direction() {
        return direction;
    }

    /** A level change seen on the line; repeated levels (a missed opposite edge) are ignored. */
    synchronized void onLevel(boolean active) {
        long now = nanoTime.getAsLong();
        if (active == rawActive) {
            return;
        }
        settle(now);
        rawActive = active;
        rawSince = now;
    }

    /** Confirms the current level if it has held for the debounce time, then reports the counters. */
    synchronized Reading reading() {
        long now = nanoTime.getAsLong();
        settle(now);
        Power power = Power.ZERO;
        if (pulses >= 2) {
            // The latest interval, or longer if the line has been quiet longer than that: power falls
            // towards zero when pulses stop instead of freezing at the last value.
            power = constant.powerFor(Math.max(lastIntervalNanos, Math.max(1, now - lastPulseAt)));
        }
        Reading r = new Reading(
                pulses,
                constant.energyOf(pulses),
                power,
                implausibleTotal,
                implausibleUnreported,
                implausibleUnreported == 0 ? 0 : shortestUnreportedNanos);
        implausibleUnreported = 0;
        shortestUnreportedNanos = Long.MAX_VALUE;
        return r;
    }

    synchronized long pulses() {
        return pulses;
    }

    private void settle(long now) {
        if (rawActive != debouncedActive && now - rawSince >= debounceNanos) {
            debouncedActive = rawActive;
            if (debouncedActive) {
                countPulse(rawSince);
            }
        }
    }

    private void countPulse(long leadingEdge) {
        if (pulses > 0) {
            long interval = leadingEdge - lastPulseAt;
            if (interval < minIntervalNanos) {
                implausibleTotal++;
                implausibleUnreported++;
                shortestUnreportedNanos = Math.min(shortestUnreportedNanos, interval);
            }
            lastIntervalNanos = Math.max(1, interval);
        }
        lastPulseAt = leadingEdge;
        pulses++;
    }

    /**
     * The counters of one channel at one read.
     *
     * @param pulses                   debounced pulses since driver start
     * @param energy                   {@code pulses} in whole Wh, rounded down
     * @param power                    magnitude of the power estimate, W (0 until two pulses were seen)
     * @param implausibleTotal         pulses since start that came faster than the plausibility limit
     * @param implausibleSinceLastRead those of them not reported by an earlier reading
     * @param shortestIntervalNanos    the shortest of those intervals, ns (0 if there were none)
     */
    record Reading(
            long pulses,
            Energy energy,
            Power power,
            long implausibleTotal,
            long implausibleSinceLastRead,
            long shortestIntervalNanos) {}
}
