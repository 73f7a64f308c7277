package org.ebc.gateway.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.ebc.gateway.market.Allocation;
import org.ebc.gateway.market.Clearing;
import org.ebc.gateway.market.MarketFixtures;
import org.ebc.gateway.market.MarketMode;
import org.ebc.gateway.market.MarketParameters;
import org.ebc.gateway.market.MarketSlot;
import org.ebc.gateway.market.Order;
import org.ebc.gateway.market.OrderBook;
import org.ebc.gateway.market.OrderId;
import org.ebc.gateway.market.OrderResult;
import org.ebc.gateway.market.Pricing;
import org.ebc.gateway.market.Side;
import org.ebc.gateway.market.Trade;
import org.ebc.units.Energy;
import org.ebc.units.NodeId;
import org.ebc.units.Price;
import org.ebc.wallet.WalletAddress;
import org.junit.jupiter.api.Test;

/**
 * 10,000 seeded random books (both modes, both pricings, nodes that buy and sell at once, several orders per
 * node) and random meter evidence (deliveries short and long, missing and flagged borders): the clearing and
 * the settlement keep every rule, and shuffled input gives identical bytes. A failure names its seed.
 */
class ClearingAndSettlementPropertyTest {
    private static final int BOOKS = 10_000;
    private static final List<WalletAddress> WALLETS = new ArrayList<>();

    static {
        for (int k = 0; k < 24; k++) {
            WALLETS.add(MarketFixtures.wallet("property-" + k));
        }
    }

    @Test
    void tenThousandRandomSlotsClearAndSettleByTheRules() {
        for (long seed = 0; seed < BOOKS; seed++) {
            try {
                checkOne(seed);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
            }
        }
    }

    private static void checkOne(long seed) {
        Random r = new Random(seed);
        MarketParameters p = parameters(r);
        MarketSlot slot =
                new MarketSlot(MarketFixtures.SLOT.startMs(), p.slotLength().toMillis());
        int nodes = 1 + r.nextInt(8);
        List<Order> orders = new ArrayList<>();
        int count = r.nextInt(25);
        long seq = 0;
        for (int k = 0; k < count; k++) {
            int node = r.nextInt(nodes);
            Side side = r.nextBoolean() ? Side.BUY : Side.SELL;
            long wh = 1L + (r.nextInt(5) == 0 ? r.nextInt(3) : r.nextInt(3000));
            long limit = p.feedInTariff().minorUnitsPerKWh()
                    + r.nextLong(p.retailTariff().minorUnitsPerKWh()
                            - p.feedInTariff().minorUnitsPerKWh()
                            + 1);
            if (r.nextInt(10) == 0) {
                limit = r.nextLong(p.maxLimitPrice().minorUnitsPerKWh() + 1);
            }
            orders.add(new Order(
                    NodeId.of("n" + node),
                    seq++,
                    WALLETS.get(r.nextInt(WALLETS.size())),
                    side,
                    Energy.ofWh(wh),
                    Price.ofMinorUnitsPerKWh(limit),
                    r.nextInt(3) * 1000L + k)); // arrivals unique but not in list order
        }
        OrderBook book = OrderBook.of(slot, p, orders, Energy.ofWh(r.nextInt(40_000)));
        Allocation a = Clearing.clear(book);
        checkAllocation(book, a);

        Map<NodeId, NodeEvidence> evidence = new HashMap<>();
        for (int node = 0; node < nodes; node++) {
            evidence.put(NodeId.of("n" + node), evidence(r));
        }
        WalletAddress grid = MarketFixtures.grid();
        SlotSettlement s = Settlement.settle(a, evidence, grid);
        checkSettlement(a, evidence, s, grid);

        // Determinism: the same book and evidence in another order give the same bytes.
        List<Order> shuffled = new ArrayList<>(orders);
        Collections.shuffle(shuffled, new Random(~seed));
        Allocation again = Clearing.clear(new OrderBook(slot, p, shuffled, book.posted()));
        assertThat(again.canonicalBytes()).isEqualTo(a.canonicalBytes());
        Map<NodeId, NodeEvidence> otherOrder = new TreeMap<>(Collections.reverseOrder());
        otherOrder.putAll(evidence);
        assertThat(Settlement.settle(again, otherOrder, grid).canonicalBytes()).isEqualTo(s.canonicalBytes());
    }

    private static MarketParameters parameters(Random r) {
        MarketParameters d = MarketParameters.DEFAULTS;
        long retail = 1L + r.nextInt(50_000_000);
        long feedIn = r.nextLong(retail + 1);
        return new MarketParameters(
                r.nextBoolean() ? MarketMode.POSTED : MarketMode.AUCTION,
                r.nextBoolean() ? Pricing.PAY_AS_CLEAR : Pricing.PAY_AS_BID,
                r.nextBoolean() ? Duration.ofMinutes(15) : Duration.ofSeconds(5),
                Duration.ZERO,
                Duration.ofSeconds(1),
                d.settlementGrace(),
                4,
                Price.ofMinorUnitsPerKWh(retail),
                Price.ofMinorUnitsPerKWh(feedIn),
                d.maxOrderEnergy(),
                Price.ofMinorUnitsPerKWh(retail + r.nextInt(10_000_000)));
    }

    private static NodeEvidence evidence(Random r) {
        int kind = r.nextInt(12);
        if (kind == 0) {
            return NodeEvidence.MISSING;
        }
        if (kind == 1) {
            List<ProofFailure> failures = List.of(ProofFailure.values());
            ProofFailure f = failures.get(r.nextInt(failures.size()));
            return new NodeEvidence(BorderEvidence.registers(Energy.ZERO, Energy.ZERO), BorderEvidence.unproven(f));
        }
        long si = r.nextInt(1_000_000);
        long se = r.nextInt(1_000_000);
        long di = r.nextInt(5) == 0 ? 0 : r.nextInt(r.nextBoolean() ? 50 : 6000);
        long de = r.nextInt(5) == 0 ? 0 : r.nextInt(r.nextBoolean() ? 50 : 6000);
        if (kind == 2) {
            de = -1L - r.nextInt(10); // a register going down
        }
        return NodeEvidence.of(
                Energy.ofWh(si), Energy.ofWh(se), Energy.ofWh(si + di), Energy.ofWh(Math.max(0, se + de)));
    }

    private static void checkAllocation(OrderBook book, Allocation a) {
        Map<OrderId, Order> byId = new HashMap<>();
        book.orders().forEach(o -> byId.put(o.id(), o));
        Map<OrderId, Long> traded = new HashMap<>();
        for (Trade t : a.trades()) {
            Order b = java.util.Objects.requireNonNull(byId.get(t.buy()), "trade names an unknown buy order");
            Order s = java.util.Objects.requireNonNull(byId.get(t.sell()), "trade names an unknown sell order");
            assertThat(b.side()).isEqualTo(Side.BUY);
            assertThat(s.side()).isEqualTo(Side.SELL);
            assertThat(t.buyer()).isEqualTo(b.wallet());
            assertThat(t.seller()).isEqualTo(s.wallet());
            // Nobody trades beyond its limit.
            assertThat(t.price()).isLessThanOrEqualTo(b.limit()).isGreaterThanOrEqualTo(s.limit());
            if (a.price().isPresent()) {
                assertThat(t.price()).isEqualTo(a.price().get());
            }
            traded.merge(t.buy(), t.energy().wh(), Long::sum);
            traded.merge(t.sell(), t.energy().wh(), Long::sum);
        }
        long buys = 0;
        long sells = 0;
        assertThat(a.orders()).hasSize(book.orders().size());
        for (OrderResult res : a.orders()) {
            assertThat(res.matched().wh()).isEqualTo(traded.getOrDefault(res.order(), 0L));
            assertThat(res.matched()).isLessThanOrEqualTo(res.energy());
            Order o = java.util.Objects.requireNonNull(byId.get(res.order()), "result of an unknown order");
            assertThat(res.matched().plus(res.grid())).isEqualTo(o.energy());
            if (res.side() == Side.BUY) {
                buys += res.matched().wh();
            } else {
                sells += res.matched().wh();
            }
        }
        // Energy is conserved exactly: matched buys = matched sells = the traded volume.
        assertThat(buys).isEqualTo(sells).isEqualTo(a.volume().wh());
        assertThat(a.trades().size())
                .isLessThanOrEqualTo(Math.max(0, book.orders().size() - 1));
        if (a.mode() == MarketMode.POSTED) {
            Price p = a.price().orElseThrow();
            assertThat(p).isBetween(a.feedInTariff(), a.retailTariff());
        }
    }

    private static void checkSettlement(
            Allocation a, Map<NodeId, NodeEvidence> evidence, SlotSettlement s, WalletAddress grid) {
        Map<Integer, Long> billedPerTrade = new HashMap<>();
        Map<NodeId, long[]> perNode = new LinkedHashMap<>(); // p2p in, p2p out, grid in, grid out
        Map<WalletAddress, Long> balance = new HashMap<>();
        int lastTrade = -1;
        for (BillLine l : s.lines()) {
            assertThat(l.amount()).isEqualTo(l.price().costOf(l.energy()));
            assertThat(l.energy().wh()).isPositive();
            balance.merge(l.payer(), -l.amount().minorUnits(), Long::sum);
            balance.merge(l.payee(), l.amount().minorUnits(), Long::sum);
            switch (l.kind()) {
                case P2P -> {
                    int k = tradeIndex(a, l, lastTrade);
                    lastTrade = k;
                    Trade t = a.trades().get(k);
                    assertThat(l.price()).isEqualTo(t.price());
                    assertThat(l.payer()).isEqualTo(t.buyer());
                    assertThat(l.payee()).isEqualTo(t.seller());
                    // A line never bills more than its trade's energy.
                    assertThat(l.energy()).isLessThanOrEqualTo(t.energy());
                    billedPerTrade.merge(k, l.energy().wh(), Long::sum);
                    node(perNode, t.buy().node())[0] += l.energy().wh();
                    node(perNode, t.sell().node())[1] += l.energy().wh();
                }
                case GRID_IMPORT -> {
                    assertThat(l.payee()).isEqualTo(grid);
                    assertThat(l.price()).isEqualTo(a.retailTariff());
                    node(perNode, l.buyOrder().orElseThrow().node())[2] +=
                            l.energy().wh();
                }
                case GRID_EXPORT -> {
                    assertThat(l.payer()).isEqualTo(grid);
                    assertThat(l.price()).isEqualTo(a.feedInTariff());
                    node(perNode, l.sellOrder().orElseThrow().node())[3] +=
                            l.energy().wh();
                }
            }
        }
        // No coin is created or lost: every debit has its credit.
        assertThat(balance.values().stream().mapToLong(Long::longValue).sum()).isZero();
        for (NodeId node : a.participants()) {
            long[] sums = node(perNode, node);
            Metering m = evidence.getOrDefault(node, NodeEvidence.MISSING).metering();
            NodeSettlement ns = s.node(node).orElseThrow();
            long ordered = total(a, node, Side.BUY, false);
            long offered = total(a, node, Side.SELL, false);
            long bought = total(a, node, Side.BUY, true);
            long sold = total(a, node, Side.SELL, true);
            assertThat(ns.metering()).isEqualTo(m);
            assertThat(ns.p2pImport().wh()).isEqualTo(sums[0]);
            assertThat(ns.p2pExport().wh()).isEqualTo(sums[1]);
            assertThat(ns.gridImport().wh()).isEqualTo(sums[2]);
            assertThat(ns.gridExport().wh()).isEqualTo(sums[3]);
            if (m instanceof Metering.Measured me) {
                // A buyer never pays p2p for more than it bought or took; all it took within its orders is billed.
                assertThat(sums[0])
                        .isLessThanOrEqualTo(Math.min(bought, me.imported().wh()));
                assertThat(sums[0] + sums[2])
                        .isEqualTo(Math.min(ordered, me.imported().wh()));
                // A seller is never paid for more than it delivered (its export, at most what it sold).
                assertThat(sums[1])
                        .isLessThanOrEqualTo(Math.min(sold, me.exported().wh()));
                assertThat(ns.delivered().wh())
                        .isEqualTo(Math.min(sold, me.exported().wh()));
                assertThat(sums[1] + sums[3])
                        .isEqualTo(Math.min(offered, me.exported().wh()));
            } else {
                assertThat(sums).containsOnly(0L);
                assertThat(ns.paid().minorUnits() + ns.earned().minorUnits()).isZero();
            }
        }
        for (int k = 0; k < a.trades().size(); k++) {
            assertThat(billedPerTrade.getOrDefault(k, 0L))
                    .isLessThanOrEqualTo(a.trades().get(k).energy().wh());
        }
    }

    /** The trade a p2p line bills: lines follow trade order, at most one per trade. */
    private static int tradeIndex(Allocation a, BillLine l, int after) {
        for (int k = after + 1; k < a.trades().size(); k++) {
            Trade t = a.trades().get(k);
            if (t.sell().equals(l.sellOrder().orElseThrow())
                    && t.buy().equals(l.buyOrder().orElseThrow())) {
                return k;
            }
        }
        throw new AssertionError("p2p line " + l.id() + " bills no trade after #" + after);
    }

    private static long total(Allocation a, NodeId node, Side side, boolean matched) {
        long wh = 0;
        for (OrderResult r : a.orders()) {
            if (r.order().node().equals(node) && r.side() == side) {
                wh += matched ? r.matched().wh() : r.energy().wh();
            }
        }
        return wh;
    }

    private static long[] node(Map<NodeId, long[]> perNode, NodeId node) {
        return perNode.computeIfAbsent(node, n -> new long[4]);
    }
}
