package org.ebc.gateway.payment;

import java.time.Instant;
import java.util.Objects;
import org.ebc.units.CoinAmount;
import org.ebc.units.Energy;
import org.ebc.wallet.WalletAddress;
import org.jspecify.annotations.Nullable;

/**
 * A proof-of-flow award: the seller address that supplied the most P2P energy in this EAG in one period.
 *
 * @param period the period's start
 * @param to the winning seller address
 * @param amount the reward, minor units
 * @param wh the P2P energy it supplied in the period
 * @param entry the memory-pool id of its {@code award} entry
 * @param paidBy the mint reference that paid it (Part E's coinbase), or null while pending
 */
public record Award(
        Instant period,
        WalletAddress to,
        CoinAmount amount,
        Energy wh,
        String entry,
        @Nullable String paidBy) {
    public Award {
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(wh, "wh");
        Objects.requireNonNull(entry, "entry");
    }

    public boolean paid() {
        return paidBy != null;
    }

    Award paidBy(String ref) {
        return new Award(period, to, amount, wh, entry, ref);
    }
}
