package org.ebc.gateway.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.ebc.gateway.payment.BillRecord;
import org.ebc.gateway.payment.BillStatus;

/**
 * How fast the bench's bills were paid end to end, read from the gateway's bill records: a bill's time is from
 * its issue (settlement, just before it is published to both parties) to the moment the gateway applied the
 * payment, i.e. the payer agent's signed transfer came back over the broker, was verified and admitted, the payee
 * agent's co-signature came back and was verified, and both were committed. Bills of amount 0 (paid without a
 * transfer) are left out; they never cross the broker.
 *
 * <p>The rate is per slot, since payments come in bursts after each settlement: the slot's paid bills divided by
 * the time from its first bill's issue to its last payment. It measures the whole microgrid on this machine
 * (agents, broker, gateway sharing the cores), not the gateway alone; {@code bench-payments} measures the core.
 *
 * @param paid bills paid with a transfer
 * @param unpaid bills still open or pending at the end of the run
 * @param p50 median time from issue to payment
 * @param p99 99th percentile (nearest rank) of the same
 * @param slots slots with at least one paid bill
 * @param medianRate the median over those slots of payments per second in the slot's burst
 * @param bestRate the highest of those rates
 */
record PaymentTimes(int paid, int unpaid, Duration p50, Duration p99, int slots, double medianRate, double bestRate) {

    static PaymentTimes of(Collection<BillRecord> bills) {
        List<Long> latencies = new ArrayList<>();
        Map<Instant, Burst> bursts = new TreeMap<>();
        int unpaid = 0;
        for (BillRecord r : bills) {
            if (r.status() != BillStatus.PAID) {
                unpaid++;
                continue;
            }
            if (r.transfer() == null || r.paidAt() == null) {
                continue; // amount 0: paid at settlement, no message
            }
            Instant issued = r.bill().at();
            Instant paidAt = r.paidAt();
            latencies.add(Math.max(0, Duration.between(issued, paidAt).toMillis()));
            bursts.computeIfAbsent(r.bill().slot(), s -> new Burst()).add(issued, paidAt);
        }
        latencies.sort(null);
        List<Double> rates = new ArrayList<>();
        for (Burst b : bursts.values()) {
            rates.add(b.rate());
        }
        rates.sort(null);
        return new PaymentTimes(
                latencies.size(),
                unpaid,
                Duration.ofMillis(nearestRank(latencies, 50)),
                Duration.ofMillis(nearestRank(latencies, 99)),
                rates.size(),
                rates.isEmpty() ? 0 : rates.get((rates.size() - 1) / 2),
                rates.isEmpty() ? 0 : rates.get(rates.size() - 1));
    }

    /** The value at percentile {@code p} by the nearest-rank rule; 0 for no values. */
    static long nearestRank(List<Long> sorted, int p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }

    /** The bench's line, next to the raw verification rates measured in the same run. */
    String line(double rawOneThread, double rawAllThreads, int threads) {
        if (paid == 0) {
            return String.format(
                    Locale.ROOT,
                    "bench: payments end to end: none paid with a transfer (%d bill(s) unpaid); raw P-256 verifications/s"
                            + " %,.0f on 1 thread, %,.0f on %d",
                    unpaid,
                    rawOneThread,
                    rawAllThreads,
                    threads);
        }
        return String.format(
                Locale.ROOT,
                "bench: payments end to end (bill issued -> payer's transfer -> payee's co-signature -> applied, over the"
                        + " broker): %d paid, %d unpaid; bill to paid p50 %d ms, p99 %d ms; %.1f payments/s per slot"
                        + " (median of %d slot(s)), best %.1f/s; raw P-256 verifications/s in the same run %,.0f on 1"
                        + " thread, %,.0f on %d (the gateway verifies 2 per payment, the agents 2 more)",
                paid,
                unpaid,
                p50.toMillis(),
                p99.toMillis(),
                medianRate,
                slots,
                bestRate,
                rawOneThread,
                rawAllThreads,
                threads);
    }

    /** One slot's payments: from the first bill's issue to the last payment. */
    private static final class Burst {
        private Instant first = Instant.MAX;
        private Instant last = Instant.MIN;
        private int count;

        void add(Instant issued, Instant paid) {
            if (issued.isBefore(first)) {
                first = issued;
            }
            if (paid.isAfter(last)) {
                last = paid;
            }
            count++;
        }

        double rate() {
            // A burst shorter than 1 ms (one payment applied in the millisecond it was issued) counts as 1 ms.
            long ms = Math.max(1, Duration.between(first, last).toMillis());
            return count * 1000.0 / ms;
        }
    }
}
