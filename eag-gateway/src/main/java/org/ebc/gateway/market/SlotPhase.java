package org.ebc.gateway.market;

/**
 * Where a slot stands at an instant (see {@link MarketCalendar#phaseAt}). The phases follow each other in
 * declaration order; {@link #REQUESTS} and {@link #OFFERS} happen in posted mode, {@link #OPEN} in auction mode.
 */
public enum SlotPhase {
    /** More than the horizon ahead: no orders yet. */
    NOT_OPEN,
    /** Auction mode: buy and sell orders are taken. */
    OPEN,
    /** Posted mode: buy requests are taken, until the request closure. */
    REQUESTS,
    /**
     * Posted mode, from the request closure (when the server broadcasts total demand and the posted price) to
     * gate closure: sell offers are taken.
     */
    OFFERS,
    /** From gate closure (when the slot is cleared) to the slot's start: no orders. */
    GATE_CLOSED,
    /** During the slot: energy is delivered. */
    DELIVERY,
    /** After the slot, within the settlement grace: border readings may still arrive. */
    AWAITING_READINGS,
    /** The grace is over: settle with whatever evidence there is (missing readings prove nothing). */
    SETTLEMENT_DUE;

    /** True if an order of {@code side} is taken in this phase. */
    public boolean accepts(Side side) {
        return switch (this) {
            case OPEN -> true;
            case REQUESTS -> side == Side.BUY;
            case OFFERS -> side == Side.SELL;
            default -> false;
        };
    }
}
