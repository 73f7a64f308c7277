package org.ebc.gateway.market;

/**
 * Whether an order for a slot is on time (see {@link MarketCalendar#timingOf}); the wiring turns every value
 * but {@link #ON_TIME} into its own refusal reason.
 */
public enum OrderTiming {
    ON_TIME,
    /** The slot starts more than the horizon ahead. */
    BEYOND_HORIZON,
    /** Gate closure has passed (or the slot is over). */
    GATE_CLOSED,
    /** Posted mode: a buy request after the request closure (the demand has been broadcast). */
    REQUESTS_CLOSED,
    /** Posted mode: a sell offer before the demand and price were broadcast. */
    OFFERS_NOT_OPEN
}
