package org.ebc.gateway.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.ebc.gateway.market.Allocation;
import org.ebc.gateway.market.Clearing;
import org.ebc.gateway.market.MarketMode;
import org.ebc.gateway.market.MarketParameters;
import org.ebc.gateway.market.MarketSlot;
import org.ebc.gateway.market.Order;
import org.ebc.gateway.market.OrderBook;
import org.ebc.gateway.market.Pricing;
import org.ebc.gateway.settlement.NodeEvidence;
import org.ebc.gateway.settlement.Settlement;
import org.ebc.gateway.settlement.SlotSettlement;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;

/**
 * {@code eag-gateway bench-market}: how long the gateway takes at gate closure to clear a slot of N orders (each
 * mode and pricing), and after a slot to settle M meters, against a baseline measured in the same run: sorting
 * the same N orders by limit price alone, the least any price-ranked clearing must do. Each figure is timed over
 * R runs after W warm-up runs (so the JIT has compiled the path) and reported as p50, p99 and minimum of the
 * wall-clock time, and p50 of the thread's CPU time (on a shared machine the wall clock also counts the time the
 * thread waited for a core). Single thread, as the gateway clears. Prints figures; asserts nothing.
 */
public final class MarketBenchmark {
    static final MarketSlot SLOT = new MarketSlot(1_764_000_000_000L, 900_000L);
    /** What the issue asks of this machine (p50). */
    static final double CLEAR_TARGET_MS = 20;

    static final double SETTLE_TARGET_MS = 100;

    /**
     * @param orders orders in the slot that is cleared
     * @param meters meters (one order each) in the slot that is settled
     * @param runs timed runs per figure
     * @param warmup untimed runs first
     * @param seed the books' seed
     */
    public record Options(int orders, int meters, int runs, int warmup, long seed) {
        public Options {
            if (orders < 2 || meters < 2 || runs < 1 || warmup < 0) {
                throw new IllegalArgumentException(
                        "orders and meters at least 2, runs at least 1, warmup not negative");
            }
        }
    }

    /**
     * One figure, milliseconds per run: wall-clock p50, p99 and minimum, and the p50 of the thread's own CPU time
     * (what the work costs when the machine is shared and the thread waits for a core; NaN where the JVM cannot
     * measure thread CPU time).
     */
    public record Timing(String what, double p50Ms, double p99Ms, double minMs, double cpuP50Ms) {}

    private MarketBenchmark() {}

    public static List<Timing> run(Options o, PrintStream out) {
        out.printf(
                "bench-market: clear %d orders, settle %d meters; %d timed runs after %d warm-up runs each; seed %d; %d core(s), Java %s%n",
                o.orders(),
                o.meters(),
                o.runs(),
                o.warmup(),
                o.seed(),
                Runtime.getRuntime().availableProcessors(),
                Runtime.version());
        List<Timing> timings = new ArrayList<>();
        MarketParameters base = MarketParameters.DEFAULTS;
        OrderBook any = SyntheticBooks.book(
                SLOT, base.withRules(MarketMode.AUCTION, Pricing.PAY_AS_CLEAR), o.orders(), o.seed());
        Order[] orders = any.orders().toArray(Order[]::new);
        Comparator<Order> byPrice = Comparator.comparing(Order::limit);
        timings.add(time("baseline: sort " + o.orders() + " orders by limit price", o, () -> {
            Order[] copy = orders.clone();
            Arrays.sort(copy, byPrice);
            return copy[copy.length / 2].energy().wh();
        }));
        for (MarketMode mode : MarketMode.values()) {
            for (Pricing pricing :
                    mode == MarketMode.POSTED ? List.of(Pricing.PAY_AS_CLEAR) : List.of(Pricing.values())) {
                OrderBook book = SyntheticBooks.book(SLOT, base.withRules(mode, pricing), o.orders(), o.seed());
                String name = mode == MarketMode.POSTED ? "posted" : "auction " + pricing.wireName();
                Allocation a = Clearing.clear(book);
                out.printf(
                        "bench-market: %s: %d trade(s), volume %s, price %s, allocation %d bytes%n",
                        name,
                        a.trades().size(),
                        a.volume(),
                        a.price().map(Object::toString).orElse("per pair"),
                        a.canonicalBytes().length);
                timings.add(time(
                        "clear " + o.orders() + " orders, " + name,
                        o,
                        () -> Clearing.clear(book).volume().wh()));
                timings.add(time(
                        "  + canonical bytes and SHA-256",
                        o,
                        () -> Clearing.clear(book).digest().charAt(0)));
            }
        }
        OrderBook small = SyntheticBooks.book(
                SLOT, base.withRules(MarketMode.AUCTION, Pricing.PAY_AS_CLEAR), o.meters(), o.seed() + 1);
        Allocation a = Clearing.clear(small);
        String digest = a.digest();
        Map<NodeId, NodeEvidence> evidence = SyntheticBooks.evidence(small, o.seed() + 2);
        WalletAddress grid = SyntheticBooks.wallet(o.seed(), -1);
        SlotSettlement s = Settlement.settle(a, digest, evidence, grid);
        out.printf(
                "bench-market: settlement of %d meters (auction pay-as-clear, %d trade(s)): %d bill line(s), %d unproven%n",
                o.meters(), a.trades().size(), s.lines().size(), s.unproven().size());
        timings.add(time(
                "settle " + o.meters() + " meters",
                o,
                () -> Settlement.settle(a, digest, evidence, grid).lines().size()));
        timings.add(time(
                "  + canonical bytes and SHA-256",
                o,
                () -> Settlement.settle(a, digest, evidence, grid).digest().charAt(0)));
        return timings;
    }

    public static void print(List<Timing> timings, PrintStream out) {
        out.printf("%-52s %9s %9s %9s %12s%n", "", "p50 ms", "p99 ms", "min ms", "CPU p50 ms");
        for (Timing t : timings) {
            out.printf("%-52s %9.2f %9.2f %9.2f %12.2f%n", t.what(), t.p50Ms(), t.p99Ms(), t.minMs(), t.cpuP50Ms());
        }
        out.printf(
                "targets (p50, this machine): clear ≤ %.0f ms, settle ≤ %.0f ms%n", CLEAR_TARGET_MS, SETTLE_TARGET_MS);
    }

    /** Times {@code work}; its result is folded into a checksum printed nowhere but kept, so the JIT cannot drop it. */
    private static Timing time(String what, Options o, LongSupplier work) {
        long check = 0;
        for (int k = 0; k < o.warmup(); k++) {
            check += work.getAsLong();
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpu = threads.isCurrentThreadCpuTimeSupported();
        long[] ns = new long[o.runs()];
        long[] cpuNs = new long[o.runs()];
        for (int k = 0; k < o.runs(); k++) {
            long c0 = cpu ? threads.getCurrentThreadCpuTime() : 0;
            long t0 = System.nanoTime();
            check += work.getAsLong();
            ns[k] = System.nanoTime() - t0;
            cpuNs[k] = cpu ? threads.getCurrentThreadCpuTime() - c0 : 0;
        }
        Arrays.sort(ns);
        Arrays.sort(cpuNs);
        BLACKHOLE[0] ^= check;
        return new Timing(
                what,
                ns[(ns.length - 1) / 2] / 1e6,
                ns[(int) Math.ceil(ns.length * 0.99) - 1] / 1e6,
                ns[0] / 1e6,
                cpu ? cpuNs[(cpuNs.length - 1) / 2] / 1e6 : Double.NaN);
    }

    private static final long[] BLACKHOLE = new long[1];
}
