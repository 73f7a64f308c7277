package org.ebc.gateway.market;

/**
 * Why a set of {@link MarketParameters} cannot run a market. Each names the configuration key an operator
 * fixes and what that key expects.
 */
public enum ParameterProblem {
    SLOT_LENGTH(MarketParameters.SLOT_LENGTH, "a slot length between 1s and 24h, in whole milliseconds"),
    GATE_LEAD(
            MarketParameters.GATE_LEAD,
            "a lead time of at least 0, in whole milliseconds, such that lead (+ offer window in posted mode) is"
                    + " shorter than horizon × slot length, so that orders can be placed at all"),
    OFFER_WINDOW(
            MarketParameters.OFFER_WINDOW,
            "an offer window in whole milliseconds, longer than 0 in posted mode (sellers need time to answer the broadcast)"),
    SETTLEMENT_GRACE(MarketParameters.SETTLEMENT_GRACE, "a grace time between 0 and 24h, in whole milliseconds"),
    HORIZON(MarketParameters.HORIZON, "a horizon between 1 and " + MarketParameters.MAX_HORIZON_SLOTS + " slots"),
    RETAIL_TARIFF(
            MarketParameters.RETAIL,
            "a retail tariff of at most " + MarketParameters.PRICE_CEILING + " (coins per kWh)"),
    FEED_IN_TARIFF(
            MarketParameters.FEED_IN,
            "a feed-in tariff of at most the retail tariff (the grid never pays more than it charges)"),
    MAX_ORDER_ENERGY(
            MarketParameters.MAX_ORDER_WH,
            "a whole number of Wh between 1 and " + MarketParameters.ORDER_ENERGY_CEILING.wh()),
    MAX_LIMIT_PRICE(
            MarketParameters.MAX_ORDER_PRICE,
            "a maximum limit price of at least the retail tariff (a buyer may always bid what the grid charges) and at most "
                    + MarketParameters.PRICE_CEILING);

    private final String key;
    private final String expected;

    ParameterProblem(String key, String expected) {
        this.key = key;
        this.expected = expected;
    }

    /** The configuration key whose value is wrong. */
    public String key() {
        return key;
    }

    /** What the key expects, in words for an operator. */
    public String expected() {
        return expected;
    }
}
