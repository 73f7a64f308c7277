package org.ebc.gateway.payment;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.ebc.units.CoinAmount;
import org.ebc.wallet.WalletAddress;

/**
 * Releases transfers that were not co-signed in time. Releasing transfer {@code n} of a payer also
 * releases every later live transfer of that payer ({@code n+1, n+2, …}, co-signed or not): they could
 * never apply without {@code n}, because the chain takes each nonce exactly after the previous one. The
 * payer's next nonce goes back to {@code n}, so no gap is left; each released transfer is told to its
 * payer (EXPIRED, or RELEASED for those behind it), its reservation returns, its bill opens again, and
 * the same signed transfer may be submitted again while its nonce is the next one (after that it is a
 * {@link Refusal#REPLAY}).
 */
final class Release {
    /** A grid-export bill whose payee did not co-sign waits before the grid pays it again: timeout × 2^(n-1), at most this. */
    static final Duration MAX_GRID_RETRY = Duration.ofHours(1);

    private Release() {}

    /** Releases the payer's first overdue pending transfer and everything behind it. */
    static void releaseOverdue(Context c, Draft d, WalletAddress payer) {
        for (TransferRecord t : d.liveTransfers(payer)) {
            if (overdue(t, d.now)) {
                release(c, d, t);
                return;
            }
        }
    }

    /** Releases every overdue pending transfer (the wiring's timer calls this through {@link Payments#expire}). */
    static int releaseAllOverdue(Context c, Draft d) {
        int released = 0;
        for (TransferRecord stored : d.store.overdue(d.now)) {
            TransferRecord t = d.transfer(stored.digest()).orElseThrow();
            if (overdue(t, d.now)) {
                released += release(c, d, t);
            }
        }
        return released;
    }

    private static boolean overdue(TransferRecord t, Instant now) {
        return t.state() == TransferState.PENDING && now.isAfter(t.deadline());
    }

    private static int release(Context c, Draft d, TransferRecord first) {
        List<TransferRecord> released = d.liveTransfers(first.payer()).stream()
                .filter(t -> t.nonce() >= first.nonce())
                .toList();
        CoinAmount sum = CoinAmount.ZERO;
        boolean grid = first.payer().equals(c.grid());
        for (TransferRecord t : released) {
            Refusal why = t.digest().equals(first.digest()) ? Refusal.EXPIRED : Refusal.RELEASED;
            sum = sum.plus(t.amount());
            d.put(t.with(TransferState.RELEASED, null, why));
            BillRecord bill =
                    d.bill(t.bill()).orElseThrow(() -> new IllegalStateException("bill of " + t + " vanished"));
            if (grid && why == Refusal.EXPIRED) {
                int attempts = bill.attempts() + 1;
                d.put(bill.reopened(attempts, d.now.plus(backoff(c.settings().cosignTimeout(), attempts))));
            } else {
                d.put(bill.reopened(bill.attempts(), bill.retryAt()));
            }
            String detail = why == Refusal.EXPIRED
                    ? "not co-signed by " + t.deadline() + "; released, bill " + t.bill() + " open again"
                    : "released behind the expired nonce " + first.nonce() + "; submit again in nonce order";
            c.tellOwner(d, t.payer(), "transfer", t.digest(), Outcome.Status.REFUSED, why.name(), detail);
            c.tellOwner(d, t.payee(), "cosign", t.digest(), Outcome.Status.REFUSED, why.name(), detail);
        }
        d.put(d.account(first.payer()).releasing(sum, first.nonce()));
        if (grid) {
            d.gridMayPay = true;
        }
        return released.size();
    }

    static Duration backoff(Duration timeout, int attempts) {
        Duration d = timeout.multipliedBy(1L << Math.min(attempts - 1, 20));
        return d.compareTo(MAX_GRID_RETRY) > 0 ? MAX_GRID_RETRY : d;
    }
}
