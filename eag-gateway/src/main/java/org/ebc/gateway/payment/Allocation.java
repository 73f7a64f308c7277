package org.ebc.gateway.payment;

import java.time.Instant;
import java.util.Objects;
import org.ebc.units.CoinAmount;
import org.ebc.wallet.WalletAddress;

/**
 * An initial allocation, granted once per holder.
 *
 * @param holder the node id, or for the grid account the EAG id
 * @param grid true for the grid account's float
 * @param to the address credited
 * @param amount minor units minted, &gt; 0
 * @param at when
 */
public record Allocation(String holder, boolean grid, WalletAddress to, CoinAmount amount, Instant at) {
    public Allocation {
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
        if (amount.minorUnits() <= 0) {
            throw new IllegalArgumentException("an allocation is more than nothing");
        }
    }

    /** The key a store keeps allocations under: one per node, one for the grid. */
    public String key() {
        return (grid ? "grid:" : "node:") + holder;
    }
}
