package org.ebc.gateway.market;

import java.util.Objects;
import org.ebc.units.Energy;
import org.ebc.wallet.WalletAddress;

/**
 * What the clearing gave one order: the energy matched with other nodes, and the rest ({@link #grid()}), which
 * the main grid supplies at the retail tariff (a buy order) or takes at the feed-in tariff (a sell order).
 * Immutable.
 *
 * @param order the order
 * @param side its side
 * @param wallet its wallet address
 * @param energy its energy
 * @param matched the part matched in the market, 0 ≤ matched ≤ energy
 */
public record OrderResult(OrderId order, Side side, WalletAddress wallet, Energy energy, Energy matched) {

    public OrderResult {
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(wallet, "wallet");
        if (matched.isNegative() || energy.isLessThan(matched)) {
            throw new IllegalArgumentException("matched " + matched + " outside 0.." + energy);
        }
    }

    /** The part left to the grid: imported from it for a buy order, exported to it for a sell order. */
    public Energy grid() {
        return energy.minus(matched);
    }
}
