package org.ebc.units;

import java.math.BigInteger;

/**
 * A price of energy in coin minor units per kWh (DESIGN §7), never negative. 1 EC/kWh is
 * {@value CoinAmount#MINOR_UNITS_PER_COIN} minor units per kWh, so a price carries eight decimals of a coin
 * per kWh and a price per Wh still has five.
 *
 * <p>{@link #costOf} is the one rounding rule for turning energy into money: the exact product
 * {@code wh × minorUnitsPerKWh / 1000}, rounded down to a whole minor unit. Rounding happens once per bill
 * line, and the same integer is debited from the payer and credited to the payee, so rounding never
 * creates or destroys a coin.
 */
public record Price(long minorUnitsPerKWh) implements Comparable<Price> {
    public static final Price ZERO = new Price(0);
    private static final BigInteger THOUSAND = BigInteger.valueOf(1000);

    public Price {
        if (minorUnitsPerKWh < 0) {
            throw new IllegalArgumentException("a price is never negative: " + minorUnitsPerKWh + " minor units/kWh");
        }
    }

    public static Price ofMinorUnitsPerKWh(long minorUnitsPerKWh) {
        return new Price(minorUnitsPerKWh);
    }

    /**
     * The cost of {@code energy} at this price, rounded down to a whole minor unit.
     *
     * @throws IllegalArgumentException if the energy is negative
     * @throws ArithmeticException if the cost does not fit a long
     */
    public CoinAmount costOf(Energy energy) {
        if (energy.isNegative()) {
            throw new IllegalArgumentException("cost of negative energy " + energy);
        }
        long wh = energy.wh();
        long hi = Math.multiplyHigh(wh, minorUnitsPerKWh);
        if (hi == 0 && wh * minorUnitsPerKWh >= 0) {
            return CoinAmount.ofMinorUnits(wh * minorUnitsPerKWh / 1000);
        }
        BigInteger exact = BigInteger.valueOf(wh)
                .multiply(BigInteger.valueOf(minorUnitsPerKWh))
                .divide(THOUSAND);
        return CoinAmount.ofMinorUnits(exact.longValueExact());
    }

    @Override
    public int compareTo(Price other) {
        return Long.compare(minorUnitsPerKWh, other.minorUnitsPerKWh);
    }

    /** Human form, e.g. {@code 0.25000000 EC/kWh}; for display only. */
    @Override
    public String toString() {
        return String.format(
                "%d.%08d EC/kWh",
                minorUnitsPerKWh / CoinAmount.MINOR_UNITS_PER_COIN, minorUnitsPerKWh % CoinAmount.MINOR_UNITS_PER_COIN);
    }
}
