package org.ebc.gateway.market;

/** Why a set of orders, parameters and posted terms is not a book that can be cleared (see {@link OrderBook#check}). */
public enum BookProblem {
    /** The parameters have a {@link ParameterProblem}. */
    BAD_PARAMETERS,
    /** The slot's length is not the parameters' slot length. */
    SLOT_LENGTH_MISMATCH,
    /** More than {@link OrderBook#MAX_ORDERS} orders. */
    TOO_MANY_ORDERS,
    /** Two orders with one order id ({@code <node>/<seq>}). */
    DUPLICATE_ORDER,
    /** Two orders with one arrival index. */
    DUPLICATE_ARRIVAL,
    /** An order asks for or offers more than the parameters' maximum order energy. */
    ORDER_ENERGY_ABOVE_MAXIMUM,
    /** An order's limit price is above the parameters' maximum limit price. */
    LIMIT_PRICE_ABOVE_MAXIMUM,
    /**
     * All the book's energy priced at the maximum limit price would not fit a coin amount (a long of minor
     * units), so sums of bill amounts could overflow.
     */
    TOTAL_VALUE_TOO_LARGE,
    /** Posted mode without the broadcast terms. */
    POSTED_TERMS_MISSING,
    /** Auction mode with posted terms: there is no broadcast in an auction. */
    POSTED_TERMS_IN_AUCTION,
    /** The broadcast demand is not the total energy of the book's buy requests. */
    POSTED_DEMAND_MISMATCH,
    /** The broadcast price is not the posted-price rule applied to the broadcast demand and reference supply. */
    POSTED_PRICE_MISMATCH
}
