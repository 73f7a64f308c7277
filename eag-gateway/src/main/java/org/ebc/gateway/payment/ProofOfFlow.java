package org.ebc.gateway.payment;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.ebc.trade.Bill;
import org.ebc.units.CoinAmount;
import org.ebc.units.Energy;
import org.ebc.wallet.WalletAddress;

/**
 * Proof-of-flow (paper §II.B.4): in each period of {@code payment.pof.period.slots} market slots, the
 * seller address that supplied the most P2P energy in this EAG earns {@code payment.pof.reward}. Energy
 * counts as the settlement proved it delivered: the {@code wh} of the period's P2P bills with that address
 * as payee, paid or not (a buyer's failure to pay is not the seller's). Ties go to the address that sorts
 * first (its text). The award is recorded as pending and enters the memory pool; Part E's coinbase pays it
 * ({@link Payments#payAward}).
 *
 * <p>Periods are aligned to the epoch like market slots are to the clock: period {@code k} starts at
 * {@code k × slot length × slots per period}. A period closes when a slot ending at or after its end is
 * settled; periods close once and in order.
 */
final class ProofOfFlow {
    /** The core's counter: epoch ms up to which periods are closed. */
    static final String CLOSED_UNTIL = "pof.closed.until";

    private ProofOfFlow() {}

    static int close(Context c, Draft d, Instant settledUntil, Duration slotLength) {
        long periodMs = Math.multiplyExact(slotLength.toMillis(), c.settings().pofPeriodSlots());
        long from = d.meta(CLOSED_UNTIL, 0);
        long until = Math.floorDiv(settledUntil.toEpochMilli(), periodMs) * periodMs;
        if (until <= from) {
            return 0;
        }
        Map<Long, Map<WalletAddress, Energy>> supplied = new TreeMap<>();
        for (BillRecord b : d.bills(Bill.P2P, Instant.ofEpochMilli(from), Instant.ofEpochMilli(until))) {
            long period = Math.floorDiv(b.bill().slot().toEpochMilli(), periodMs) * periodMs;
            supplied.computeIfAbsent(period, p -> new TreeMap<>())
                    .merge(b.bill().payee(), b.bill().energy(), Energy::plus);
        }
        int awarded = 0;
        CoinAmount reward = c.settings().pofReward();
        for (Map.Entry<Long, Map<WalletAddress, Energy>> e : supplied.entrySet()) {
            Instant period = Instant.ofEpochMilli(e.getKey());
            WalletAddress winner = null;
            Energy most = Energy.ZERO;
            // TreeMap order is the address text order, so the first of equals stays the winner.
            for (Map.Entry<WalletAddress, Energy> s : e.getValue().entrySet()) {
                if (s.getValue().compareTo(most) > 0) {
                    winner = s.getKey();
                    most = s.getValue();
                }
            }
            if (winner == null || reward.minorUnits() == 0 || d.award(period).isPresent()) {
                continue;
            }
            LedgerEntry.AwardEntry entry = new LedgerEntry.AwardEntry(winner, reward, period, most);
            d.put(new Award(period, winner, reward, most, entry.id(), null));
            d.enter(entry);
            awarded++;
        }
        d.putMeta(CLOSED_UNTIL, until);
        return awarded;
    }
}
