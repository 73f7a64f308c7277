package org.ebc.agent.reading;

import java.time.Duration;
import java.time.Instant;

/**
 * When readings are due: every {@code interval} and at every market-slot border, both counted in whole
 * multiples since the epoch, so that every node of a microgrid reads at the same instants and a slot
 * border always gets its own reading even when the slot is not a multiple of the interval.
 *
 * <p>Immutable; thread-safe.
 */
public final class ReadingSchedule {
    private final long intervalMs;
    private final long slotMs;

    public ReadingSchedule(Duration interval, Duration slot) {
        this.intervalMs = interval.toMillis();
        this.slotMs = slot.toMillis();
        if (intervalMs <= 0 || slotMs <= 0) {
            throw new IllegalArgumentException("interval and slot must be positive");
        }
    }

    /** A due reading: when, and whether it is a market-slot border. */
    public record Due(Instant at, ReadingReason reason) {}

    /** The first reading due strictly after {@code after}. */
    public Due next(Instant after) {
        long t = after.toEpochMilli();
        long periodic = nextMultiple(t, intervalMs);
        long border = nextMultiple(t, slotMs);
        long at = Math.min(periodic, border);
        return new Due(Instant.ofEpochMilli(at), at == border ? ReadingReason.SLOT_BORDER : ReadingReason.PERIODIC);
    }

    /** The reason for a reading taken at {@code at} (a border if it falls exactly on one). */
    public ReadingReason reasonAt(Instant at) {
        return Math.floorMod(at.toEpochMilli(), slotMs) == 0 ? ReadingReason.SLOT_BORDER : ReadingReason.PERIODIC;
    }

    private static long nextMultiple(long t, long step) {
        return Math.addExact(Math.floorDiv(t, step), 1) * step;
    }
}
