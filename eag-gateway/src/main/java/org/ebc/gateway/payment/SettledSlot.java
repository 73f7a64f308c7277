package org.ebc.gateway.payment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.ebc.trade.Bill;

/**
 * What settlement hands to the payments after a slot: the slot, the market's slot length (proof-of-flow
 * periods are whole numbers of slots), and every bill of the slot.
 *
 * @param slot the slot's start
 * @param slotLength the market's slot length, &gt; 0
 * @param bills the slot's bills, in the order settlement numbered them
 */
public record SettledSlot(Instant slot, Duration slotLength, List<Bill> bills) {
    public SettledSlot {
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(slotLength, "slotLength");
        if (slotLength.isNegative() || slotLength.toMillis() <= 0) {
            throw new IllegalArgumentException("a slot lasts at least a millisecond, not " + slotLength);
        }
        bills = List.copyOf(bills);
    }

    public Instant end() {
        return slot.plus(slotLength);
    }
}
