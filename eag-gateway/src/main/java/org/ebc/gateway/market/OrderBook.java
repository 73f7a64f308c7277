package org.ebc.gateway.market;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.ebc.units.CoinAmount;
import org.ebc.units.Energy;

/**
 * Everything a slot's clearing depends on, and nothing else: the slot, the market parameters, the orders
 * committed for it, and in posted mode the terms that were broadcast. {@link Clearing#clear} is a pure function
 * of a book; the order of {@link #orders} does not matter (the clearing ranks them itself), so a book read back
 * from storage in any order clears to the same bytes. Immutable.
 *
 * @param slot the slot
 * @param parameters the market's parameters when the slot was cleared
 * @param orders the slot's committed orders, in any order; kept in arrival order (then order id), so two books
 *     with the same orders are equal
 * @param posted the broadcast terms (posted mode only)
 */
public record OrderBook(
        MarketSlot slot, MarketParameters parameters, List<Order> orders, Optional<PostedTerms> posted) {

    /** The most orders one book may hold (a 1,000-meter EAG places a few thousand per slot). */
    public static final int MAX_ORDERS = 1_000_000;

    /** A problem with a book, and the detail an operator or auditor needs (which order, which values). */
    public record Check(BookProblem problem, String detail) {}

    /** @throws IllegalArgumentException if {@link #check} finds a problem (the message names it) */
    public OrderBook {
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(posted, "posted");
        // One order for equal books: arrival, then order id (unique within a book once checked below).
        List<Order> sorted = new ArrayList<>(orders);
        sorted.sort(Order::byArrival);
        orders = List.copyOf(sorted);
        Optional<Check> c = check(slot, parameters, orders, posted);
        if (c.isPresent()) {
            throw new IllegalArgumentException(
                    c.get().problem() + ": " + c.get().detail());
        }
    }

    /**
     * An auction book, or a posted book whose terms are computed here from its buy requests and {@code
     * referenceSupply} (the wiring computes them the same way at the request closure and broadcasts them).
     */
    public static OrderBook of(
            MarketSlot slot, MarketParameters parameters, List<Order> orders, Energy referenceSupply) {
        Optional<PostedTerms> terms = parameters.mode() == MarketMode.POSTED
                ? Optional.of(PostedTerms.compute(parameters, demandOf(orders), referenceSupply))
                : Optional.empty();
        return new OrderBook(slot, parameters, orders, terms);
    }

    /** The total energy of the buy orders: what the server counts as demand D in posted mode. */
    public static Energy demandOf(List<Order> orders) {
        return totalOf(orders, Side.BUY);
    }

    /** The total energy of the sell orders: the next slot's reference supply S_ref in posted mode. */
    public static Energy supplyOf(List<Order> orders) {
        return totalOf(orders, Side.SELL);
    }

    /** This book's total demand. */
    public Energy demand() {
        return demandOf(orders);
    }

    /** This book's total offered supply (the next slot's reference supply in posted mode). */
    public Energy supply() {
        return supplyOf(orders);
    }

    /**
     * This book run under other rules (the offline {@code market clear --mode/--pricing}): switching to auction
     * drops the posted terms; switching to posted keeps the terms if there are any, else computes them from this
     * book's demand and {@code referenceSupply}.
     */
    public OrderBook withRules(MarketMode mode, Pricing pricing, Energy referenceSupply) {
        MarketParameters p = parameters.withRules(mode, pricing);
        if (mode == MarketMode.AUCTION) {
            return new OrderBook(slot, p, orders, Optional.empty());
        }
        return posted.isPresent() ? new OrderBook(slot, p, orders, posted) : of(slot, p, orders, referenceSupply);
    }

    /** The first problem of a would-be book, or empty if it can be cleared. Never throws on hostile values. */
    public static Optional<Check> check(
            MarketSlot slot, MarketParameters parameters, List<Order> orders, Optional<PostedTerms> posted) {
        Optional<ParameterProblem> pp = parameters.problem();
        if (pp.isPresent()) {
            return fail(
                    BookProblem.BAD_PARAMETERS,
                    pp.get().key() + ": expected " + pp.get().expected());
        }
        if (slot.lengthMs() != parameters.slotLength().toMillis()) {
            return fail(
                    BookProblem.SLOT_LENGTH_MISMATCH,
                    "slot of " + slot.lengthMs() + " ms, parameters say "
                            + parameters.slotLength().toMillis() + " ms");
        }
        if (orders.size() > MAX_ORDERS) {
            return fail(BookProblem.TOO_MANY_ORDERS, orders.size() + " orders, at most " + MAX_ORDERS);
        }
        Set<OrderId> ids = new HashSet<>(orders.size() * 2);
        Set<Long> arrivals = new HashSet<>(orders.size() * 2);
        long totalWh = 0;
        for (Order o : orders) {
            if (!ids.add(o.id())) {
                return fail(BookProblem.DUPLICATE_ORDER, "order " + o.id() + " appears twice");
            }
            if (!arrivals.add(o.arrival())) {
                return fail(
                        BookProblem.DUPLICATE_ARRIVAL,
                        "arrival " + o.arrival() + " appears twice (order " + o.id() + ")");
            }
            if (o.energy().compareTo(parameters.maxOrderEnergy()) > 0) {
                return fail(
                        BookProblem.ORDER_ENERGY_ABOVE_MAXIMUM,
                        "order " + o.id() + ": " + o.energy() + ", at most " + parameters.maxOrderEnergy());
            }
            if (o.limit().compareTo(parameters.maxLimitPrice()) > 0) {
                return fail(
                        BookProblem.LIMIT_PRICE_ABOVE_MAXIMUM,
                        "order " + o.id() + ": limit " + o.limit() + ", at most " + parameters.maxLimitPrice());
            }
            totalWh += o.energy().wh(); // ≤ 10^6 orders × 10^9 Wh: cannot overflow
        }
        // Every bill line's energy belongs to one order's energy, at a price ≤ the maximum limit price, so this
        // bounds every sum of amounts the clearing and settlement make.
        BigInteger value = BigInteger.valueOf(totalWh)
                .multiply(BigInteger.valueOf(parameters.maxLimitPrice().minorUnitsPerKWh()))
                .divide(BigInteger.valueOf(1000));
        if (value.bitLength() > 63) {
            return fail(
                    BookProblem.TOTAL_VALUE_TOO_LARGE,
                    totalWh + " Wh at " + parameters.maxLimitPrice() + " exceed " + new CoinAmount(Long.MAX_VALUE));
        }
        if (parameters.mode() == MarketMode.AUCTION) {
            return posted.isPresent()
                    ? fail(BookProblem.POSTED_TERMS_IN_AUCTION, "an auction book carries no broadcast")
                    : Optional.empty();
        }
        if (posted.isEmpty()) {
            return fail(BookProblem.POSTED_TERMS_MISSING, "a posted book needs the broadcast demand and price");
        }
        PostedTerms t = posted.get();
        Energy demand = demandOf(orders);
        if (!t.demand().equals(demand)) {
            return fail(
                    BookProblem.POSTED_DEMAND_MISMATCH,
                    "broadcast demand " + t.demand() + ", the buy requests add up to " + demand);
        }
        PostedTerms expected = PostedTerms.compute(parameters, t.demand(), t.referenceSupply());
        if (!expected.price().equals(t.price())) {
            return fail(
                    BookProblem.POSTED_PRICE_MISMATCH,
                    "broadcast price " + t.price() + ", the rule gives " + expected.price() + " for demand "
                            + t.demand() + " and reference supply " + t.referenceSupply());
        }
        return Optional.empty();
    }

    /** The orders of one side, in no particular order. */
    List<Order> side(Side side) {
        List<Order> out = new ArrayList<>();
        for (Order o : orders) {
            if (o.side() == side) {
                out.add(o);
            }
        }
        return out;
    }

    private static Energy totalOf(List<Order> orders, Side side) {
        long wh = 0;
        for (Order o : orders) {
            if (o.side() == side) {
                wh = Math.addExact(wh, o.energy().wh());
            }
        }
        return Energy.ofWh(wh);
    }

    private static Optional<Check> fail(BookProblem problem, String detail) {
        return Optional.of(new Check(problem, detail));
    }
}
