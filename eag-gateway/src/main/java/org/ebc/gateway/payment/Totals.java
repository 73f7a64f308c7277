package org.ebc.gateway.payment;

import org.ebc.units.CoinAmount;

/**
 * The sums the conservation check compares: every coin held was allocated or minted, none more.
 *
 * @param balances Σ balances of all accounts (including the grid account)
 * @param reserved Σ reservations of pending transfers
 * @param allocated Σ initial allocations
 * @param minted Σ mints (mining rewards and paid awards)
 * @param accounts number of accounts
 */
public record Totals(CoinAmount balances, CoinAmount reserved, CoinAmount allocated, CoinAmount minted, long accounts) {

    /** True when {@code balances = allocated + minted} and no more is reserved than held. */
    public boolean conserved() {
        return balances.equals(allocated.plus(minted)) && reserved.compareTo(balances) <= 0;
    }
}
