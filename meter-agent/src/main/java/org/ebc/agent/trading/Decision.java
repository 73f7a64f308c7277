package org.ebc.agent.trading;

import java.util.Objects;
import java.util.Optional;
import org.ebc.trade.Side;
import org.ebc.units.Energy;
import org.ebc.units.Price;

/**
 * What the node does in the next slot: buy or sell {@code energy} at {@code limit}, or nothing.
 *
 * @param side buy or sell; empty for idle
 * @param energy how much, Wh (zero when idle)
 * @param limit a buyer's highest or a seller's lowest price (zero when idle)
 * @param why one sentence for the operator: the estimate and the reserve it came from
 */
public record Decision(Optional<Side> side, Energy energy, Price limit, String why) {
    public Decision {
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(energy, "energy");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(why, "why");
        if (side.isPresent() != energy.wh() > 0) {
            throw new IllegalArgumentException("an order is for > 0 Wh and idle is for none: " + side + " " + energy);
        }
    }

    public static Decision idle(String why) {
        return new Decision(Optional.empty(), Energy.ZERO, Price.ZERO, why);
    }

    public static Decision of(Side side, Energy energy, Price limit, String why) {
        return new Decision(Optional.of(side), energy, limit, why);
    }

    public boolean isIdle() {
        return side.isEmpty();
    }

    public boolean is(Side s) {
        return side.isPresent() && side.get() == s;
    }

    /** The decision as one word: buy, sell or idle. */
    public String word() {
        return side.map(Side::word).orElse("idle");
    }
}
