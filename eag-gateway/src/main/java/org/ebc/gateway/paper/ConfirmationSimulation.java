package org.ebc.gateway.paper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ebc.units.CoinAmount;

/**
 * Fig. 5 (paper §V-B): average confirmation time and trades per hour for node pairs trading over a window,
 * with a slow chain (60-minute confirmation, "like Bitcoin"), our chain, and credit-based payment. A
 * discrete-event model, written down in docs/paper-comparison.md §4:
 *
 * <ul>
 *   <li>Pair i's buyer wants to trade f_i ∈ {1, …, max} times an hour (uniform, seeded), at the times
 *       φ_i + j·60/f_i minutes, j = 0, 1, … while inside the window, with a phase φ_i uniform in [0, 60/f_i).
 *   <li>Each trade costs {@code tradeCost}; the buyer starts with {@code coinsEach}. Paying on a chain: a
 *       wallet spends only confirmed coins and a payment returns its change in the same transaction, so the
 *       buyer has at most one unconfirmed payment (the paper: nodes "cannot perform next energy trading until
 *       the last trading finishing the consensus process"); a trade that comes due while one is unconfirmed
 *       waits, first come first served, and its payment is sent when the previous one is confirmed. The
 *       trade is finished (the seller holds spendable coins) when its payment is confirmed, a fixed
 *       confirmation time after it is sent. A buyer without the coins for a trade skips it.
 *   <li>Credit-based payment: every trade is paid from the bank's token at once; the seller is paid by
 *       the bank after {@code creditLatency}; the chain confirms the credit records in the background and
 *       nobody waits for it; the token covers every trade of the window.
 *   <li>A node's total confirmation time is the sum over its trades that came due in the window of
 *       (finished − due), the queue included; every such trade is run to completion, even past the
 *       window. Its trades per hour are the trades finished inside the window over the window's hours.
 * </ul>
 *
 * The number of EAGs (51 in the paper) enters only through our chain's confirmation time, which Part E's
 * consortium bench measures for n EAGs.
 */
public final class ConfirmationSimulation {
    /**
     * @param seed draws the frequencies and phases
     * @param pairs 50
     * @param window 240 minutes
     * @param maxFrequency trades per hour are drawn from 1 … this (5)
     * @param coinsEach each buyer's coins at the start (20 coins)
     * @param tradeCost what one trade costs (1 coin: <b>our choice</b>, the paper gives no price)
     * @param eags 51; only a label: it is in {@code chainConfirmation}
     * @param slowConfirmation 60 minutes
     * @param chainConfirmation our chain's confirmation time: the paper's example is 10 minutes; to be
     *     replaced by Part E's measured p50 for n = 51
     * @param creditLatency from the buyer's payment to the seller paid by the bank (default 50 ms, Part F's
     *     p99 target; to be replaced by the credit-payment bench's measured p50)
     */
    public record Setup(
            long seed,
            int pairs,
            Duration window,
            int maxFrequency,
            CoinAmount coinsEach,
            CoinAmount tradeCost,
            int eags,
            Duration slowConfirmation,
            Duration chainConfirmation,
            Duration creditLatency) {
        public Setup {
            if (pairs < 1 || maxFrequency < 1 || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("pairs, frequency and window must be positive");
            }
            if (tradeCost.minorUnits() < 1 || coinsEach.isNegative()) {
                throw new IllegalArgumentException("a trade costs at least one minor unit; coins are never negative");
            }
            if (slowConfirmation.isNegative() || chainConfirmation.isNegative() || creditLatency.isNegative()) {
                throw new IllegalArgumentException("durations are never negative");
            }
        }

        public static Setup paper(long seed, Duration chainConfirmation, Duration creditLatency) {
            return new Setup(
                    seed,
                    50,
                    Duration.ofMinutes(240),
                    5,
                    CoinAmount.ofCoins(20),
                    CoinAmount.ofCoins(1),
                    51,
                    Duration.ofMinutes(60),
                    chainConfirmation,
                    creditLatency);
        }
    }

    /** The three ways of paying. */
    public enum Scheme {
        SLOW_CHAIN("60-min chain"),
        OUR_CHAIN("our chain"),
        CREDIT("credit-based payment");

        private final String label;

        Scheme(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One buyer under one scheme.
     *
     * @param totalMinutes Σ (finished − due) over the trades due in the window that were paid
     * @param due trades that came due in the window
     * @param skipped trades skipped for want of coins (never, with the paper's 20 coins at 1 coin a trade)
     * @param finishedInWindow trades finished inside the window
     */
    public record NodeResult(
            int pair, int frequency, Scheme scheme, double totalMinutes, int due, int skipped, int finishedInWindow) {}

    /** Averages over the buyers with one frequency (0 = all buyers). */
    public record Row(
            int frequency,
            int nodes,
            Scheme scheme,
            double meanTotalMinutes,
            double meanMinutesPerTrade,
            double tradesPerHour,
            double requestedPerHour) {}

    public record Result(Setup setup, List<NodeResult> nodes, List<Row> rows) {
        public Result {
            nodes = List.copyOf(nodes);
            rows = List.copyOf(rows);
        }

        public Row row(int frequency, Scheme scheme) {
            return rows.stream()
                    .filter(r -> r.frequency() == frequency && r.scheme() == scheme)
                    .findFirst()
                    .orElseThrow();
        }
    }

    private ConfirmationSimulation() {}

    public static Result run(Setup setup) {
        SplittableRandom random = new SplittableRandom(setup.seed());
        double window = minutes(setup.window());
        List<NodeResult> nodes = new ArrayList<>();
        for (int pair = 0; pair < setup.pairs(); pair++) {
            int f = 1 + random.nextInt(setup.maxFrequency());
            double spacing = 60.0 / f;
            double phase = spacing * random.nextDouble();
            List<Double> due = new ArrayList<>();
            for (int j = 0; phase + j * spacing < window; j++) {
                due.add(phase + j * spacing);
            }
            nodes.add(chain(setup, pair, f, due, Scheme.SLOW_CHAIN, minutes(setup.slowConfirmation())));
            nodes.add(chain(setup, pair, f, due, Scheme.OUR_CHAIN, minutes(setup.chainConfirmation())));
            nodes.add(credit(setup, pair, f, due));
        }
        List<Row> rows = new ArrayList<>();
        for (int f = 0; f <= setup.maxFrequency(); f++) {
            for (Scheme s : Scheme.values()) {
                int frequency = f;
                List<NodeResult> group = nodes.stream()
                        .filter(n -> n.scheme() == s && (frequency == 0 || n.frequency() == frequency))
                        .toList();
                rows.add(summarise(frequency, s, group, window));
            }
        }
        return new Result(setup, nodes, rows);
    }

    private static NodeResult chain(
            Setup setup, int pair, int f, List<Double> due, Scheme scheme, double confirmation) {
        double window = minutes(setup.window());
        long balance = setup.coinsEach().minorUnits();
        long cost = setup.tradeCost().minorUnits();
        double previousConfirmed = Double.NEGATIVE_INFINITY;
        double total = 0;
        int finished = 0;
        int skipped = 0;
        for (double d : due) {
            if (balance < cost) {
                skipped++;
                continue;
            }
            balance -= cost;
            double sent = Math.max(d, previousConfirmed);
            double confirmed = sent + confirmation;
            previousConfirmed = confirmed;
            total += confirmed - d;
            if (confirmed <= window) {
                finished++;
            }
        }
        return new NodeResult(pair, f, scheme, total, due.size(), skipped, finished);
    }

    private static NodeResult credit(Setup setup, int pair, int f, List<Double> due) {
        double window = minutes(setup.window());
        double latency = minutes(setup.creditLatency());
        double total = 0;
        int finished = 0;
        for (double d : due) {
            total += latency;
            if (d + latency <= window) {
                finished++;
            }
        }
        return new NodeResult(pair, f, Scheme.CREDIT, total, due.size(), 0, finished);
    }

    private static Row summarise(int frequency, Scheme scheme, List<NodeResult> group, double window) {
        int n = group.size();
        if (n == 0) {
            return new Row(frequency, 0, scheme, Double.NaN, Double.NaN, Double.NaN, frequency);
        }
        double hours = window / 60;
        double total = group.stream().mapToDouble(NodeResult::totalMinutes).sum();
        int due = group.stream().mapToInt(r -> r.due() - r.skipped()).sum();
        int finished = group.stream().mapToInt(NodeResult::finishedInWindow).sum();
        double requested =
                group.stream().mapToInt(NodeResult::frequency).average().orElseThrow();
        return new Row(
                frequency, n, scheme, total / n, due == 0 ? Double.NaN : total / due, finished / hours / n, requested);
    }

    static double minutes(Duration d) {
        return d.toNanos() / 60e9;
    }
}
