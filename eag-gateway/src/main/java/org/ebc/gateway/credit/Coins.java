package org.ebc.gateway.credit;

import org.ebc.units.CoinAmount;
import org.ebc.wallet.WalletAddress;

/**
 * Port: the coins the bank moves, in the EAG's account pool (the payment core's accounts). Moves are atomic and
 * conserve coins: {@code from} loses exactly what {@code to} gains.
 */
public interface Coins {
    CoinAmount balance(WalletAddress address);

    /** Moves {@code amount} (&gt; 0); false, changing nothing, if {@code from} does not hold it. */
    boolean move(WalletAddress from, WalletAddress to, CoinAmount amount);
}
