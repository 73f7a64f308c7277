package org.ebc.gateway.market;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.ebc.units.Energy;
import org.ebc.units.NodeId;
import org.ebc.units.Price;

/**
 * The outcome of clearing one slot ({@link Clearing#clear}): who trades how much with whom at what price, and
 * what each order leaves to the grid. It names nodes (through order ids) and wallet addresses: the gateway sends
 * each node only its own part ({@link #viewOf}) and publishes on the market topic only the aggregates ({@link
 * #summary}). Immutable.
 *
 * <p>{@link #canonicalBytes()} is its one encoding: JSON in a fixed field order, integers only (Wh, minor units
 * per kWh, epoch ms), trades in matching order, orders in arrival order. The same book always gives the same bytes,
 * whatever order its orders came in; {@link #digest()} names them.
 *
 * @param slot the slot
 * @param mode the market mode it was cleared in
 * @param pricing the pricing rule (auction; recorded but not used in posted mode)
 * @param retailTariff the grid's retail tariff, what unmatched demand costs (and settlement bills)
 * @param feedInTariff the grid's feed-in tariff, what unmatched supply earns
 * @param price the uniform price: the posted price in posted mode (always), the clearing price in a
 *     pay-as-clear auction with at least one trade; empty for pay-as-bid or when nothing traded in an auction
 * @param posted the broadcast terms (posted mode)
 * @param trades the matched pairs, in matching order
 * @param orders every order of the book with its matched and grid energy, in arrival order (the book's order)
 */
public record Allocation(
        MarketSlot slot,
        MarketMode mode,
        Pricing pricing,
        Price retailTariff,
        Price feedInTariff,
        Optional<Price> price,
        Optional<PostedTerms> posted,
        List<Trade> trades,
        List<OrderResult> orders) {

    public Allocation {
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(pricing, "pricing");
        Objects.requireNonNull(retailTariff, "retailTariff");
        Objects.requireNonNull(feedInTariff, "feedInTariff");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(posted, "posted");
        trades = List.copyOf(trades);
        orders = List.copyOf(orders);
    }

    /** Energy traded between nodes: the sum of the trades, which is both Σ matched buys and Σ matched sells. */
    public Energy volume() {
        long wh = 0;
        for (Trade t : trades) {
            wh += t.energy().wh();
        }
        return Energy.ofWh(wh);
    }

    /** Unmatched demand, bought from the main grid at the retail tariff. */
    public Energy gridImport() {
        return gridOf(Side.BUY);
    }

    /** Unmatched supply, sold to the main grid at the feed-in tariff. */
    public Energy gridExport() {
        return gridOf(Side.SELL);
    }

    /** The canonical bytes (see the class comment and {@code docs/market.md}). */
    public byte[] canonicalBytes() {
        return AllocationJson.write(this);
    }

    /** SHA-256 of {@link #canonicalBytes()}, 64 lowercase hex digits. */
    public String digest() {
        return ContentDigest.sha256Hex(canonicalBytes());
    }

    /** What {@code node} placed, bought and sold in this slot: the part of the allocation sent to it alone. */
    public NodeAllocation viewOf(NodeId node) {
        List<OrderResult> own = new ArrayList<>();
        for (OrderResult r : orders) {
            if (r.order().node().equals(node)) {
                own.add(r);
            }
        }
        List<Trade> purchases = new ArrayList<>();
        List<Trade> sales = new ArrayList<>();
        for (Trade t : trades) {
            if (t.buy().node().equals(node)) {
                purchases.add(t);
            }
            if (t.sell().node().equals(node)) {
                sales.add(t);
            }
        }
        return new NodeAllocation(slot, node, price, own, purchases, sales);
    }

    /** The nodes with at least one order, in node-id order. */
    public List<NodeId> participants() {
        SortedSet<NodeId> nodes = new TreeSet<>();
        for (OrderResult r : orders) {
            nodes.add(r.order().node());
        }
        return List.copyOf(nodes);
    }

    /** The aggregates for the market topic (no node ids, no addresses), with {@code digest} of this allocation. */
    public MarketSummary summary(String digest) {
        return new MarketSummary(
                slot, mode, pricing, price, orders.size(), trades.size(), volume(), gridImport(), gridExport(), digest);
    }

    /** {@link #summary(String)} with this allocation's own digest. */
    public MarketSummary summary() {
        return summary(digest());
    }

    private Energy gridOf(Side side) {
        long wh = 0;
        for (OrderResult r : orders) {
            if (r.side() == side) {
                wh += r.grid().wh();
            }
        }
        return Energy.ofWh(wh);
    }
}
