package org.ebc.gateway.payment;

import java.time.Instant;
import java.util.Objects;
import org.ebc.units.CoinAmount;
import org.ebc.wallet.WalletAddress;
import org.jspecify.annotations.Nullable;

/**
 * Coins created by a block's coinbase (Part E): a mining reward, or the payment of a proof-of-flow award.
 *
 * @param ref the caller's idempotency key (e.g. {@code <block hash>:<coinbase output>}), 1-128 characters
 * @param to the address credited
 * @param amount minor units, &gt; 0
 * @param awardPeriod the award period this pays, or null for a mining reward
 * @param at when
 */
public record Mint(
        String ref,
        WalletAddress to,
        CoinAmount amount,
        @Nullable Instant awardPeriod,
        Instant at) {
    public Mint {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
        if (ref.isEmpty() || ref.length() > 128) {
            throw new IllegalArgumentException("a mint reference has 1-128 characters");
        }
        if (amount.minorUnits() <= 0) {
            throw new IllegalArgumentException("a mint creates more than nothing: " + amount);
        }
    }
}
