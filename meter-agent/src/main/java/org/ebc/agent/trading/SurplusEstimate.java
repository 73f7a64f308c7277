package org.ebc.agent.trading;

import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.ebc.units.Energy;

/**
 * The node's recent surplus per market slot, from its own durable registers at slot borders: export minus
 * import between the oldest border reading inside the window and the newest one, per slot length. With the
 * default window of one slot that is exactly the last completed slot's net flow. Readings missing in
 * between (the agent was down) widen the span, never the result: the difference is divided by the span
 * actually covered.
 *
 * <p>Rounding: the per-slot figure is truncated toward zero, so the node never sells or buys more than its
 * registers show. Stateless.
 */
public final class SurplusEstimate {
    private SurplusEstimate() {}

    /**
     * The estimated surplus per slot (positive: the node exports; negative: it imports), or empty when there
     * is no recent pair of readings.
     *
     * @param readings border readings, oldest first
     * @param slot the market's slot length
     * @param windowSlots how many past slots to average, ≥ 1
     * @param now the newest reading must be from the current slot's border or the one before
     */
    public static Optional<Energy> perSlot(List<BorderReading> readings, Duration slot, int windowSlots, Instant now) {
        if (readings.size() < 2 || windowSlots < 1) {
            return Optional.empty();
        }
        long slotMs = slot.toMillis();
        BorderReading last = readings.get(readings.size() - 1);
        if (now.toEpochMilli() - last.border().toEpochMilli() > 2 * slotMs) {
            return Optional.empty(); // stale: the border readings have stopped
        }
        long span = Math.multiplyExact(slotMs, windowSlots);
        BorderReading first = null;
        for (BorderReading r : readings) {
            long dt = last.border().toEpochMilli() - r.border().toEpochMilli();
            if (dt > 0 && dt <= span) {
                first = r;
                break; // oldest first: the first inside the window covers the widest span
            }
        }
        if (first == null) {
            return Optional.empty();
        }
        long dt = last.border().toEpochMilli() - first.border().toEpochMilli();
        long net = last.net().minus(first.net()).wh();
        // BigInteger: net × slotMs can exceed a long for absurd registers; the quotient never does.
        BigInteger perSlot = BigInteger.valueOf(net)
                .multiply(BigInteger.valueOf(slotMs))
                .divide(BigInteger.valueOf(dt)); // BigInteger division truncates toward zero
        return Optional.of(Energy.ofWh(perSlot.longValueExact()));
    }
}
