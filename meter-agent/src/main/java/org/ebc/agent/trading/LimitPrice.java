package org.ebc.agent.trading;

import java.math.BigDecimal;
import java.util.regex.Pattern;
import org.ebc.config.ConfigException;
import org.ebc.trade.MarketInfo;
import org.ebc.units.Price;
import org.jspecify.annotations.Nullable;

/**
 * A limit price as configured: a fixed price, or {@code tariff} (the grid's tariff the market publishes).
 * Whatever is configured, a buyer never bids above the retail tariff and a seller never asks below the
 * feed-in tariff: the grid already offers both, so a worse limit can only lose money.
 *
 * @param fixed the configured price, or null for {@code tariff}
 */
public record LimitPrice(@Nullable Price fixed) {
    public static final LimitPrice TARIFF = new LimitPrice(null);
    public static final String TARIFF_WORD = "tariff";
    /** Whole coins, then up to eight decimals (a minor unit is 1e-8 coin): no exponent, no sign. */
    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,10}(\\.[0-9]{1,8})?");

    /**
     * Parses {@code tariff} or a decimal number of coins per kWh such as {@code 0.25}, exactly (no
     * floating point: {@code 0.1} is 10,000,000 minor units per kWh, not a binary approximation).
     *
     * @throws ConfigException naming {@code key} and {@code text} if it is neither
     */
    public static LimitPrice parse(String key, String text) {
        String t = text.trim();
        if (t.equalsIgnoreCase(TARIFF_WORD)) {
            return TARIFF;
        }
        if (!DECIMAL.matcher(t).matches()) {
            throw new ConfigException(
                    key, text, "tariff, or a price in coins per kWh with at most 8 decimals, such as 0.25");
        }
        BigDecimal minor = new BigDecimal(t).movePointRight(8);
        // The pattern allows at most 8 decimals and 10 integer digits, so this is a whole number that fits.
        return new LimitPrice(Price.ofMinorUnitsPerKWh(minor.longValueExact()));
    }

    /** The most a buyer bids: the configured price or retail, never above retail. */
    public Price forBuyer(MarketInfo market) {
        Price retail = market.retail();
        return fixed == null || fixed.compareTo(retail) > 0 ? retail : fixed;
    }

    /** The least a seller asks: the configured price or feed-in, never below feed-in. */
    public Price forSeller(MarketInfo market) {
        Price feedIn = market.feedIn();
        return fixed == null || fixed.compareTo(feedIn) < 0 ? feedIn : fixed;
    }

    /** As configured: {@code tariff} or the decimal coins per kWh. */
    @Override
    public String toString() {
        if (fixed == null) {
            return TARIFF_WORD;
        }
        long m = fixed.minorUnitsPerKWh();
        return BigDecimal.valueOf(m, 8).stripTrailingZeros().toPlainString() + " EC/kWh";
    }
}
