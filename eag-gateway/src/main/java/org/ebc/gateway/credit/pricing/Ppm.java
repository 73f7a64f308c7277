package org.ebc.gateway.credit.pricing;

import java.math.BigInteger;
import org.ebc.units.CoinAmount;

/**
 * A non-negative rate in whole parts per million: the fixed-point form in which the bank states, stores and
 * signs a penalty or interest rate. {@code 1_000_000} ppm is a rate of 1 (100 % of the principal).
 *
 * <p>Rules: a model rate becomes ppm by {@link #floorOf} (the exact value of the double, rounded down: the
 * rate offered is never above the optimum or the cap); an amount due is {@link #of} a principal, the exact
 * product {@code minorUnits × ppm / 10^6} rounded down, in integer arithmetic.
 */
public record Ppm(long partsPerMillion) implements Comparable<Ppm> {
    public static final long PER_UNIT = 1_000_000L;
    private static final BigInteger MILLION = BigInteger.valueOf(PER_UNIT);

    public Ppm {
        if (partsPerMillion < 0) {
            throw new IllegalArgumentException("a rate is never negative: " + partsPerMillion + " ppm");
        }
    }

    /**
     * ⌊rate × 10^6⌋, computed exactly from the double's value.
     *
     * @throws IllegalArgumentException if the rate is negative or not finite
     * @throws ArithmeticException if it does not fit a long
     */
    public static Ppm floorOf(double rate) {
        if (!(rate >= 0) || !Double.isFinite(rate)) {
            throw new IllegalArgumentException("a rate must be finite and >= 0, not " + rate);
        }
        return new Ppm(ExactFloor.of(rate, 1e6, 6));
    }

    /** ⌊amount × this rate⌋ in whole minor units; never more than the exact product. */
    public CoinAmount of(CoinAmount amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("a rate applies to a non-negative amount, not " + amount);
        }
        BigInteger exact = BigInteger.valueOf(amount.minorUnits())
                .multiply(BigInteger.valueOf(partsPerMillion))
                .divide(MILLION);
        return CoinAmount.ofMinorUnits(exact.longValueExact());
    }

    /** The rate as a double, for display and plots only. */
    public double toDouble() {
        return (double) partsPerMillion / PER_UNIT;
    }

    @Override
    public int compareTo(Ppm other) {
        return Long.compare(partsPerMillion, other.partsPerMillion);
    }

    /** Human form, e.g. {@code 3.123456 (3123456 ppm)}; for display only. */
    @Override
    public String toString() {
        return String.format(
                "%d.%06d (%d ppm)", partsPerMillion / PER_UNIT, partsPerMillion % PER_UNIT, partsPerMillion);
    }
}
