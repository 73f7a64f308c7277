package org.ebc.gateway.market;

import java.time.Duration;
import java.time.Instant;

/**
 * One market slot: the interval {@code [start, start + length)}, identified by its start in epoch milliseconds.
 * Slots are aligned to whole multiples of their length since the epoch, the instants at which every meter agent
 * takes a border reading ({@code org.ebc.agent.reading.ReadingSchedule}), so the registers at a slot's borders
 * are signed readings. Immutable.
 *
 * @param startMs the slot's start, epoch milliseconds; a whole multiple of {@code lengthMs}
 * @param lengthMs the slot's length in milliseconds, positive
 */
public record MarketSlot(long startMs, long lengthMs) implements Comparable<MarketSlot> {

    public MarketSlot {
        if (lengthMs <= 0) {
            throw new IllegalArgumentException("slot length must be positive: " + lengthMs + " ms");
        }
        if (!isAligned(startMs, lengthMs)) {
            throw new IllegalArgumentException(
                    "slot start " + startMs + " is not a whole multiple of its length " + lengthMs + " ms");
        }
    }

    /** True if a slot of {@code lengthMs} may start at {@code startMs}; for validators that must not throw. */
    public static boolean isAligned(long startMs, long lengthMs) {
        return lengthMs > 0 && Math.floorMod(startMs, lengthMs) == 0 && startMs <= Long.MAX_VALUE - lengthMs;
    }

    /** The slot of {@code length} that contains {@code instant}. */
    public static MarketSlot containing(Instant instant, Duration length) {
        long l = length.toMillis();
        return new MarketSlot(Math.floorDiv(instant.toEpochMilli(), l) * l, l);
    }

    /** The end of the slot (exclusive), epoch milliseconds: the next slot's start. */
    public long endMs() {
        return startMs + lengthMs;
    }

    public Instant start() {
        return Instant.ofEpochMilli(startMs);
    }

    public Instant end() {
        return Instant.ofEpochMilli(endMs());
    }

    public Duration length() {
        return Duration.ofMillis(lengthMs);
    }

    /** The slot {@code n} slots later (earlier for a negative {@code n}). */
    public MarketSlot plus(long n) {
        return new MarketSlot(Math.addExact(startMs, Math.multiplyExact(n, lengthMs)), lengthMs);
    }

    public boolean contains(Instant instant) {
        long t = instant.toEpochMilli();
        return t >= startMs && t < endMs();
    }

    @Override
    public int compareTo(MarketSlot other) {
        int c = Long.compare(startMs, other.startMs);
        return c != 0 ? c : Long.compare(lengthMs, other.lengthMs);
    }

    /** E.g. {@code 2026-11-21T10:15:00Z+PT15M}; for logs. */
    @Override
    public String toString() {
        return start() + "+" + length();
    }
}
