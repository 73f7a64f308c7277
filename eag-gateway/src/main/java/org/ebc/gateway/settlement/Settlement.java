package org.ebc.gateway.settlement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ebc.gateway.market.Allocation;
import org.ebc.gateway.market.LargestRemainder;
import org.ebc.gateway.market.OrderId;
import org.ebc.gateway.market.OrderResult;
import org.ebc.gateway.market.Side;
import org.ebc.gateway.market.Trade;
import org.ebc.units.CoinAmount;
import org.ebc.units.Energy;
import org.ebc.units.NodeId;
import org.ebc.units.Price;
import org.ebc.wallet.WalletAddress;

/**
 * Settles a slot by its meters: a pure, deterministic function of the allocation, each participant's border
 * evidence and the grid account. Thread-safe (stateless). The rules ({@code docs/market.md} § Settlement):
 *
 * <ol>
 *   <li>A seller's delivered energy is {@code min(measured export, energy it sold)}, shared among its trades in
 *       proportion to their energy ({@link LargestRemainder}, ties to the earlier trade).
 *   <li>A buyer is billed for {@code min(what its sellers delivered towards it, measured import)}: when it took
 *       less than was delivered, its trades' shares are scaled down in proportion (largest remainder again). So
 *       it never pays for more than it bought, was delivered, or took.
 *   <li>Each billed share is a {@link BillKind#P2P} line at the trade's price: buyer pays seller {@code
 *       price.costOf(energy)}.
 *   <li>A buyer's measured import up to its orders' energy that no p2p line covers is a {@link
 *       BillKind#GRID_IMPORT} line at the retail tariff (buyer pays the grid account); a seller's measured export
 *       up to its offers' energy that no p2p line covers is a {@link BillKind#GRID_EXPORT} line at the feed-in
 *       tariff (the grid account pays the seller). Per node, that energy is shared among its orders of that side
 *       in proportion to what each has left. Energy beyond a node's orders is outside the market: the node's
 *       utility bills it.
 *   <li>A node whose border readings prove nothing ({@link Metering.Unproven}: missing after the grace,
 *       flagged or implausible) counts as having delivered and taken nothing: it is neither paid nor billed for
 *       the slot; its buyers' missing deliveries become their grid imports, and the energy its sellers had
 *       allocated to it their grid exports (rules 1 to 4 do this by themselves once its delivered and billed
 *       energy is 0).
 * </ol>
 *
 * Each line's amount is rounded down once and the same integer is debited and credited: no coin is created or
 * lost.
 */
public final class Settlement {
    private Settlement() {}

    /**
     * Settles {@code allocation}.
     *
     * @param evidence border evidence by node; a participant without an entry counts as {@link
     *     NodeEvidence#MISSING}; entries of nodes without an order are ignored
     * @param gridAccount the EAG's grid account: payee of grid-import lines, payer of grid-export lines
     */
    public static SlotSettlement settle(
            Allocation allocation, Map<NodeId, NodeEvidence> evidence, WalletAddress gridAccount) {
        return settle(allocation, allocation.digest(), evidence, gridAccount);
    }

    /** {@link #settle(Allocation, Map, WalletAddress)} when the caller holds the allocation's digest already. */
    public static SlotSettlement settle(
            Allocation allocation,
            String allocationDigest,
            Map<NodeId, NodeEvidence> evidence,
            WalletAddress gridAccount) {
        List<Trade> trades = allocation.trades();
        int n = trades.size();
        Map<NodeId, Tally> tallies = new HashMap<>();
        List<NodeId> participants = allocation.participants();
        for (NodeId node : participants) {
            Metering m = evidence.getOrDefault(node, NodeEvidence.MISSING).metering();
            tallies.put(node, new Tally(m));
        }
        for (OrderResult r : allocation.orders()) {
            Tally t = tally(tallies, r.order().node());
            t.orders.add(r);
            if (r.side() == Side.BUY) {
                t.ordered += r.energy().wh();
            } else {
                t.offered += r.energy().wh();
            }
        }
        for (int k = 0; k < n; k++) {
            Trade t = trades.get(k);
            tally(tallies, t.sell().node()).sales.add(k);
            tally(tallies, t.buy().node()).purchases.add(k);
        }

        // Rule 1: what each proven seller delivered, shared among its trades.
        long[] delivered = new long[n];
        for (Tally s : tallies.values()) {
            if (s.metering instanceof Metering.Measured m && !s.sales.isEmpty()) {
                long[] w = energies(trades, s.sales);
                long[] shares = LargestRemainder.apportion(Math.min(m.exported().wh(), sum(w)), w);
                spread(shares, s.sales, delivered);
            }
        }
        // Rule 2: what each proven buyer is billed, at most what it took.
        long[] billed = new long[n];
        for (Tally b : tallies.values()) {
            if (b.metering instanceof Metering.Measured m && !b.purchases.isEmpty()) {
                long[] w = pick(delivered, b.purchases);
                long received = sum(w);
                long take = Math.min(received, m.imported().wh());
                spread(take == received ? w : LargestRemainder.apportion(take, w), b.purchases, billed);
            }
        }

        // Rule 3: p2p lines, in trade order.
        List<BillLine> lines = new ArrayList<>();
        String prefix = allocation.slot().startMs() + "-";
        Map<OrderId, Long> billedByOrder = new HashMap<>();
        for (int k = 0; k < n; k++) {
            Trade t = trades.get(k);
            Tally seller = tally(tallies, t.sell().node());
            Tally buyer = tally(tallies, t.buy().node());
            seller.delivered += delivered[k];
            buyer.received += delivered[k];
            if (billed[k] == 0) {
                continue;
            }
            billedByOrder.merge(t.sell(), billed[k], Long::sum);
            billedByOrder.merge(t.buy(), billed[k], Long::sum);
            BillLine line = line(
                    prefix + lines.size(),
                    BillKind.P2P,
                    Optional.of(t.sell()),
                    Optional.of(t.buy()),
                    t.buyer(),
                    t.seller(),
                    billed[k],
                    t.price());
            lines.add(line);
            buyer.p2pImport += billed[k];
            buyer.paid += line.amount().minorUnits();
            seller.p2pExport += billed[k];
            seller.earned += line.amount().minorUnits();
        }

        // Rule 4: the grid, per side, node by node (node id order), each node's orders in arrival order.
        for (Side side : Side.values()) {
            for (NodeId node : participants) {
                Tally t = tally(tallies, node);
                if (t.metering instanceof Metering.Measured m) {
                    gridLines(side, t, m, billedByOrder, allocation, gridAccount, prefix, lines);
                }
            }
        }

        List<NodeSettlement> nodes = new ArrayList<>(participants.size());
        for (NodeId node : participants) {
            nodes.add(tally(tallies, node).summary(node));
        }
        return new SlotSettlement(
                allocation.slot(),
                allocationDigest,
                gridAccount,
                allocation.retailTariff(),
                allocation.feedInTariff(),
                lines,
                nodes);
    }

    /**
     * The grid lines of one proven node and side: its measured flow up to its orders' energy, less what p2p lines
     * cover, shared among its orders of that side by what each has left.
     */
    private static void gridLines(
            Side side,
            Tally t,
            Metering.Measured m,
            Map<OrderId, Long> billedByOrder,
            Allocation allocation,
            WalletAddress grid,
            String prefix,
            List<BillLine> lines) {
        List<OrderResult> orders = new ArrayList<>();
        for (OrderResult r : t.orders) {
            if (r.side() == side) {
                orders.add(r);
            }
        }
        if (orders.isEmpty()) {
            return;
        }
        long[] left = new long[orders.size()];
        long billed = 0;
        long total = 0;
        for (int k = 0; k < left.length; k++) {
            OrderResult r = orders.get(k);
            long b = billedByOrder.getOrDefault(r.order(), 0L);
            left[k] = r.energy().wh() - b;
            billed += b;
            total += r.energy().wh();
        }
        boolean buy = side == Side.BUY;
        long measured = buy ? m.imported().wh() : m.exported().wh();
        long gridWh = Math.min(measured, total) - billed;
        long[] shares = LargestRemainder.apportion(gridWh, left);
        Price price = buy ? allocation.retailTariff() : allocation.feedInTariff();
        for (int k = 0; k < shares.length; k++) {
            if (shares[k] == 0) {
                continue;
            }
            OrderResult r = orders.get(k);
            BillLine line = buy
                    ? line(
                            prefix + lines.size(),
                            BillKind.GRID_IMPORT,
                            Optional.empty(),
                            Optional.of(r.order()),
                            r.wallet(),
                            grid,
                            shares[k],
                            price)
                    : line(
                            prefix + lines.size(),
                            BillKind.GRID_EXPORT,
                            Optional.of(r.order()),
                            Optional.empty(),
                            grid,
                            r.wallet(),
                            shares[k],
                            price);
            lines.add(line);
            if (buy) {
                t.gridImport += shares[k];
                t.paid += line.amount().minorUnits();
            } else {
                t.gridExport += shares[k];
                t.earned += line.amount().minorUnits();
            }
        }
    }

    /** The tally of a node of the allocation; a trade naming a node without an order is not an allocation. */
    private static Tally tally(Map<NodeId, Tally> tallies, NodeId node) {
        Tally t = tallies.get(node);
        if (t == null) {
            throw new IllegalArgumentException("the allocation trades for node " + node + ", which has no order in it");
        }
        return t;
    }

    private static BillLine line(
            String id,
            BillKind kind,
            Optional<OrderId> sell,
            Optional<OrderId> buy,
            WalletAddress payer,
            WalletAddress payee,
            long wh,
            Price price) {
        Energy e = Energy.ofWh(wh);
        return new BillLine(id, kind, sell, buy, payer, payee, e, price, price.costOf(e));
    }

    private static long[] energies(List<Trade> trades, List<Integer> indices) {
        long[] w = new long[indices.size()];
        for (int k = 0; k < w.length; k++) {
            w[k] = trades.get(indices.get(k)).energy().wh();
        }
        return w;
    }

    private static long[] pick(long[] values, List<Integer> indices) {
        long[] w = new long[indices.size()];
        for (int k = 0; k < w.length; k++) {
            w[k] = values[indices.get(k)];
        }
        return w;
    }

    private static void spread(long[] shares, List<Integer> indices, long[] into) {
        for (int k = 0; k < shares.length; k++) {
            into[indices.get(k)] = shares[k];
        }
    }

    private static long sum(long[] values) {
        long s = 0;
        for (long v : values) {
            s += v;
        }
        return s;
    }

    /** One node's running totals while its slot is settled (Wh and minor units). */
    private static final class Tally {
        final Metering metering;
        final List<OrderResult> orders = new ArrayList<>();
        final List<Integer> sales = new ArrayList<>();
        final List<Integer> purchases = new ArrayList<>();
        long ordered;
        long offered;
        long delivered;
        long received;
        long p2pImport;
        long p2pExport;
        long gridImport;
        long gridExport;
        long paid;
        long earned;

        Tally(Metering metering) {
            this.metering = metering;
        }

        NodeSettlement summary(NodeId node) {
            return new NodeSettlement(
                    node,
                    metering,
                    Energy.ofWh(ordered),
                    Energy.ofWh(offered),
                    Energy.ofWh(matched(Side.BUY)),
                    Energy.ofWh(matched(Side.SELL)),
                    Energy.ofWh(delivered),
                    Energy.ofWh(received),
                    Energy.ofWh(p2pImport),
                    Energy.ofWh(p2pExport),
                    Energy.ofWh(gridImport),
                    Energy.ofWh(gridExport),
                    CoinAmount.ofMinorUnits(paid),
                    CoinAmount.ofMinorUnits(earned));
        }

        private long matched(Side side) {
            long wh = 0;
            for (OrderResult r : orders) {
                if (r.side() == side) {
                    wh += r.matched().wh();
                }
            }
            return wh;
        }
    }
}
