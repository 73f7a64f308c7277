package org.ebc.gateway.payment;

import java.util.Objects;
import org.ebc.units.CoinAmount;
import org.ebc.wallet.WalletAddress;

/**
 * The coins of one wallet address (or of the grid account) as this EAG holds them.
 *
 * <p>Invariants, checked here and again by the SQLite schema: {@code 0 ≤ reserved ≤ balance}, and
 * {@code appliedNonce < nextNonce}. {@code balance} counts every transfer applied (entered into the memory
 * pool), not only those in committed blocks.
 *
 * @param address the address
 * @param balance minor units the address holds, ≥ 0
 * @param reserved minor units reserved by its transfers that are admitted but not applied yet
 * @param nextNonce the nonce its next transfer must carry: 1 + the highest nonce admitted or applied
 * @param appliedNonce the highest nonce applied (0 before the first); transfers apply in nonce order
 */
public record Account(
        WalletAddress address, CoinAmount balance, CoinAmount reserved, long nextNonce, long appliedNonce) {

    public Account {
        Objects.requireNonNull(address, "address");
        if (balance.isNegative() || reserved.isNegative() || reserved.compareTo(balance) > 0) {
            throw new IllegalArgumentException("account " + address + ": balance " + balance + " and reserved "
                    + reserved + " break 0 <= reserved <= balance");
        }
        if (appliedNonce < 0 || nextNonce <= appliedNonce) {
            throw new IllegalArgumentException(
                    "account " + address + ": next nonce " + nextNonce + " must exceed applied nonce " + appliedNonce);
        }
    }

    /** An address never seen: nothing held, first nonce 1. */
    public static Account fresh(WalletAddress address) {
        return new Account(address, CoinAmount.ZERO, CoinAmount.ZERO, 1, 0);
    }

    /** What the address can still spend: balance minus reservations. */
    public CoinAmount available() {
        return balance.minus(reserved);
    }

    Account credited(CoinAmount amount) {
        return new Account(address, balance.plus(amount), reserved, nextNonce, appliedNonce);
    }

    Account reserving(CoinAmount amount) {
        return new Account(address, balance, reserved.plus(amount), nextNonce + 1, appliedNonce);
    }

    /** The transfer with {@code nonce} (the next one to apply) moves {@code amount} out. */
    Account applying(CoinAmount amount, long nonce) {
        return new Account(address, balance.minus(amount), reserved.minus(amount), nextNonce, nonce);
    }

    /** Transfers from {@code fromNonce} on were released, reserving {@code amount} in all. */
    Account releasing(CoinAmount amount, long fromNonce) {
        return new Account(address, balance, reserved.minus(amount), fromNonce, appliedNonce);
    }
}
