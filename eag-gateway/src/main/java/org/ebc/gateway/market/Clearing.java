package org.ebc.gateway.market;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import org.ebc.units.Energy;
import org.ebc.units.Price;

/**
 * Clears a slot: a pure, deterministic function from an {@link OrderBook} to its {@link Allocation}. The same
 * book gives the same allocation (and the same canonical bytes) whatever order its orders are in, on any
 * machine, so an auditor re-running an exported book ({@code eag-gateway market clear}) gets the published
 * bytes. Thread-safe (stateless).
 *
 * <p>Both modes work in two steps: decide how much of each order is matched ({@link DoubleAuction},
 * {@link PostedMarket}), then {@link #pair} buyers with sellers greedily in priority order. Apart from one sort
 * per side the work is linear, and a book of n orders yields at most n − 1 trades.
 */
public final class Clearing {
    private Clearing() {}

    /** The allocation of {@code book} under its parameters' mode and pricing. */
    public static Allocation clear(OrderBook book) {
        return switch (book.parameters().mode()) {
            case AUCTION -> DoubleAuction.clear(book);
            case POSTED -> PostedMarket.clear(book);
        };
    }

    /** The price of one matched pair. */
    @FunctionalInterface
    interface PairPrice {
        Price of(Order buyer, Order seller);
    }

    /**
     * Pairs buyers and sellers greedily in the given orders: the first buyer with a share with the first seller
     * with a share, for as much as both have left, then on to whichever ran out. Shares of 0 are skipped.
     *
     * @param buyShares each buyer's matched energy, Wh; the sum must equal the sum of {@code sellShares}
     * @return the trades, in pairing order
     */
    static List<Trade> pair(Order[] buyers, long[] buyShares, Order[] sellers, long[] sellShares, PairPrice price) {
        List<Trade> trades = new ArrayList<>();
        int i = next(buyShares, 0);
        int j = next(sellShares, 0);
        long rb = i < buyers.length ? buyShares[i] : 0;
        long rs = j < sellers.length ? sellShares[j] : 0;
        while (i < buyers.length && j < sellers.length) {
            long q = Math.min(rb, rs);
            Order b = buyers[i];
            Order s = sellers[j];
            trades.add(new Trade(s.id(), b.id(), s.wallet(), b.wallet(), Energy.ofWh(q), price.of(b, s)));
            rb -= q;
            rs -= q;
            if (rb == 0) {
                i = next(buyShares, i + 1);
                rb = i < buyers.length ? buyShares[i] : 0;
            }
            if (rs == 0) {
                j = next(sellShares, j + 1);
                rs = j < sellers.length ? sellShares[j] : 0;
            }
        }
        if (i < buyers.length || j < sellers.length) {
            throw new IllegalStateException("buy and sell shares do not add up to the same volume");
        }
        return trades;
    }

    /**
     * The allocation: {@code buyers} and {@code sellers} hold every order of the book (each exactly once) with its
     * matched energy in {@code buyShares} / {@code sellShares}.
     */
    static Allocation allocation(
            OrderBook book,
            Optional<Price> price,
            List<Trade> trades,
            Order[] buyers,
            long[] buyShares,
            Order[] sellers,
            long[] sellShares) {
        // Results in the book's order (arrival): no sort, and as canonical as any, arrivals being unique.
        IdentityHashMap<Order, Long> matched = new IdentityHashMap<>(2 * (buyers.length + sellers.length));
        for (int k = 0; k < buyers.length; k++) {
            matched.put(buyers[k], buyShares[k]);
        }
        for (int k = 0; k < sellers.length; k++) {
            matched.put(sellers[k], sellShares[k]);
        }
        List<OrderResult> results = new ArrayList<>(book.orders().size());
        for (Order o : book.orders()) {
            long wh = matched.getOrDefault(o, 0L);
            results.add(new OrderResult(o.id(), o.side(), o.wallet(), o.energy(), Energy.ofWh(wh)));
        }
        MarketParameters p = book.parameters();
        return new Allocation(
                book.slot(),
                p.mode(),
                p.pricing(),
                p.retailTariff(),
                p.feedInTariff(),
                price,
                book.posted(),
                trades,
                results);
    }

    /** The book's orders of one side, sorted. */
    static Order[] sorted(OrderBook book, Side side, Comparator<Order> order) {
        Order[] out = book.side(side).toArray(Order[]::new);
        java.util.Arrays.sort(out, order);
        return out;
    }

    private static int next(long[] shares, int from) {
        int k = from;
        while (k < shares.length && shares[k] == 0) {
            k++;
        }
        return k;
    }
}
