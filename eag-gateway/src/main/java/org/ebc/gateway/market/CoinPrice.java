package org.ebc.gateway.market;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.regex.Pattern;
import org.ebc.units.CoinAmount;
import org.ebc.units.Price;

/**
 * Prices as people write them in configuration files: decimal coins per kWh such as {@code 0.30}, at most eight
 * decimals (one minor unit per kWh), never negative, no exponent. Parsed exactly with {@link BigDecimal}, never
 * through {@code double}.
 */
public final class CoinPrice {
    private static final Pattern SHAPE = Pattern.compile("[0-9]{1,12}(\\.[0-9]{1,8})?");

    private CoinPrice() {}

    /** The price written as {@code text} (e.g. {@code 0.30} → 30,000,000 minor units per kWh), or empty. */
    public static Optional<Price> parse(String text) {
        if (!SHAPE.matcher(text).matches()) {
            return Optional.empty();
        }
        BigDecimal minor = new BigDecimal(text).movePointRight(8);
        if (minor.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return Optional.empty();
        }
        // Eight decimals at most (checked by the pattern), so this is a whole number of minor units.
        return Optional.of(Price.ofMinorUnitsPerKWh(minor.longValueExact()));
    }

    /** {@code price} in the form {@link #parse} reads, with all eight decimals, e.g. {@code 0.30000000}. */
    public static String format(Price price) {
        long m = price.minorUnitsPerKWh();
        return String.format("%d.%08d", m / CoinAmount.MINOR_UNITS_PER_COIN, m % CoinAmount.MINOR_UNITS_PER_COIN);
    }
}
