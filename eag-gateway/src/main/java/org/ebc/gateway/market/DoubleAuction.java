package org.ebc.gateway.market;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.ebc.units.Price;

/**
 * {@link MarketMode#AUCTION}: a periodic (call) double auction with limit prices, cleared once at gate closure.
 *
 * <h2>Priority</h2>
 *
 * Buy orders rank by limit price, highest first; sell orders by limit price, lowest first. Equal prices rank by
 * arrival index (earlier first), then by order id ({@link OrderId}: node id, then sequence), so the ranking is a
 * total order and the outcome never depends on the order in which orders are passed in.
 *
 * <h2>Matching</h2>
 *
 * Walk both rankings at once: while the current buyer's limit is at least the current seller's, match as much
 * as both have left, then move past whichever is exhausted. The last buyer and seller matched are the
 * <em>marginal</em> pair {@code (b*, a*)}; at most one order (a marginal one) is matched in part.
 *
 * <h2>Price</h2>
 *
 * <ul>
 *   <li>{@link Pricing#PAY_AS_BID}: each pair trades at the buyer's limit; the seller gets exactly what the buyer
 *       pays.
 *   <li>{@link Pricing#PAY_AS_CLEAR}: one price for every pair, the midpoint (rounded down) of the interval
 *       {@code [L, U]} with {@code L = max(limit(a*), limit of the first buyer left with energy)} and {@code U =
 *       min(limit(b*), limit of the first seller left with energy)} (an absent order does not bound). At any
 *       price in {@code [L, U]} every matched buyer and seller is willing to trade and no unmatched one would
 *       rather trade than not: it is a competitive-equilibrium price, and the midpoint shares the surplus
 *       evenly between the two sides. When the marginal buyer is only partly filled, {@code L = U =
 *       limit(b*)} (demand exceeds supply, so the price rises to the buyer's limit); when the marginal seller is,
 *       {@code L = U = limit(a*)}. With no match there is no price.
 * </ul>
 *
 * Unmatched energy is left to the grid ({@link OrderResult#grid()}).
 */
final class DoubleAuction {
    /** Highest limit first, then earliest arrival, then order id. */
    static final Comparator<Order> BIDS = (a, b) -> {
        int c = b.limit().compareTo(a.limit());
        return c != 0 ? c : Order.byArrival(a, b);
    };
    /** Lowest limit first, then earliest arrival, then order id. */
    static final Comparator<Order> ASKS = (a, b) -> {
        int c = a.limit().compareTo(b.limit());
        return c != 0 ? c : Order.byArrival(a, b);
    };

    private DoubleAuction() {}

    static Allocation clear(OrderBook book) {
        Order[] bids = Clearing.sorted(book, Side.BUY, BIDS);
        Order[] asks = Clearing.sorted(book, Side.SELL, ASKS);
        long[] bidShares = new long[bids.length];
        long[] askShares = new long[asks.length];
        int i = 0;
        int j = 0;
        long rb = bids.length > 0 ? bids[0].energy().wh() : 0;
        long ra = asks.length > 0 ? asks[0].energy().wh() : 0;
        int lastBid = -1;
        int lastAsk = -1;
        while (i < bids.length && j < asks.length && bids[i].limit().compareTo(asks[j].limit()) >= 0) {
            long q = Math.min(rb, ra);
            bidShares[i] += q;
            askShares[j] += q;
            rb -= q;
            ra -= q;
            lastBid = i;
            lastAsk = j;
            if (rb == 0 && ++i < bids.length) {
                rb = bids[i].energy().wh();
            }
            if (ra == 0 && ++j < asks.length) {
                ra = asks[j].energy().wh();
            }
        }
        Optional<Price> uniform = Optional.empty();
        Clearing.PairPrice price = (b, s) -> b.limit();
        if (lastBid >= 0 && book.parameters().pricing() == Pricing.PAY_AS_CLEAR) {
            // i and j now point at the first buyer and seller with energy left (or past the end).
            long lower = asks[lastAsk].limit().minorUnitsPerKWh();
            if (i < bids.length) {
                lower = Math.max(lower, bids[i].limit().minorUnitsPerKWh());
            }
            long upper = bids[lastBid].limit().minorUnitsPerKWh();
            if (j < asks.length) {
                upper = Math.min(upper, asks[j].limit().minorUnitsPerKWh());
            }
            Price p = Price.ofMinorUnitsPerKWh(lower + (upper - lower) / 2);
            uniform = Optional.of(p);
            price = (b, s) -> p;
        }
        List<Trade> trades = Clearing.pair(bids, bidShares, asks, askShares, price);
        return Clearing.allocation(book, uniform, trades, bids, bidShares, asks, askShares);
    }
}
