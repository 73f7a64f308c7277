package org.ebc.agent.trading;

import java.time.Instant;
import java.util.Objects;
import org.ebc.payment.BalanceNotice;
import org.ebc.units.CoinAmount;
import org.ebc.wallet.WalletAddress;

/**
 * What the node knows about one of its addresses: the latest balance notice from its EAG, and the nonce its
 * next transfer carries.
 *
 * @param balance the notice's balance, minor units
 * @param pending the notice's reserved amount (pending transfers), minor units
 * @param noticeNonce the notice's next nonce (the gateway's view)
 * @param noticeSeq the notice's sequence; -1 while none has arrived
 * @param nextNonce the nonce the next transfer from this address carries (the agent's view, durable): the
 *     higher of the notice's and one past the last transfer the gateway did not refuse
 */
public record WalletState(
        WalletAddress address,
        CoinAmount balance,
        CoinAmount pending,
        long noticeNonce,
        long noticeSeq,
        Instant noticeAt,
        long nextNonce) {

    public WalletState {
        Objects.requireNonNull(address, "address");
        if (nextNonce < 1 || noticeNonce < 1) {
            throw new IllegalArgumentException("nonces start at 1");
        }
    }

    /** An address no notice has been received for and no transfer signed from. */
    public static WalletState fresh(WalletAddress address) {
        return new WalletState(address, CoinAmount.ZERO, CoinAmount.ZERO, 1, -1, Instant.EPOCH, 1);
    }

    public boolean hasNotice() {
        return noticeSeq >= 0;
    }

    /** What the latest notice says this address can still spend. */
    public CoinAmount available() {
        return balance.minus(pending);
    }

    /** After a newer notice: its figures; the next nonce never falls behind the gateway's. */
    public WalletState withNotice(BalanceNotice n) {
        return new WalletState(
                address, n.balance(), n.pending(), n.nextNonce(), n.seq(), n.at(), Math.max(nextNonce, n.nextNonce()));
    }

    public WalletState withNextNonce(long n) {
        return new WalletState(address, balance, pending, noticeNonce, noticeSeq, noticeAt, n);
    }
}
