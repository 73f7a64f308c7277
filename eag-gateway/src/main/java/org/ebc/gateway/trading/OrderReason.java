package org.ebc.gateway.trading;

/**
 * Why the transaction server refused an order that passed the ingress checks. The name is the {@code reason} of
 * the negative receipt; each is counted and logged once per node and minute.
 */
public enum OrderReason {
    /** The node's order sequence is not above its last order's: a replayed or reordered order. */
    REPLAY,
    /** The order names an instant at which no slot of this market starts. */
    NOT_A_SLOT,
    /** Gate closure of the slot has passed (or the slot is over). */
    GATE_CLOSED,
    /** The slot starts further ahead than the market's horizon. */
    BEYOND_HORIZON,
    /** Posted mode: a buy request after the request closure (demand and price are already broadcast). */
    REQUESTS_CLOSED,
    /** Posted mode: a sell offer before the demand and price were broadcast. */
    OFFERS_NOT_OPEN,
    /** The node already has an order in this slot. */
    DUPLICATE_SLOT,
    /** More energy than the market's largest order. */
    ENERGY_ABOVE_MAXIMUM,
    /** A limit price above the market's maximum. */
    PRICE_ABOVE_MAXIMUM,
    /** The order's wallet address is not one the node holds. */
    ADDRESS_NOT_OWNED,
    /** The node is flagged for the operator (a double-signed page, say) and may not trade until cleared. */
    NODE_FLAGGED,
    /** The node is on the consortium's blacklist (Part F: a defaulted loan). */
    BLACKLISTED
}
