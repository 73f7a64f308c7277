package org.ebc.units;

/**
 * An amount of active energy in whole watt-hours (Wh).
 *
 * <p>Energy registers only ever count upwards, so most values are non-negative; a signed difference
 * between two registers is also an {@code Energy}. Sign convention where it matters: positive means
 * energy flowing in the direction named by the register (import: from the grid into the node; export:
 * from the node into the grid). No {@code double} ever stands for energy on a stored or signed path.
 */
public record Energy(long wh) implements Comparable<Energy> {

    public static final Energy ZERO = new Energy(0);

    public static Energy ofWh(long wh) {
        return new Energy(wh);
    }

    /** @throws ArithmeticException if {@code kWh * 1000} overflows a long */
    public static Energy ofKWh(long kWh) {
        return new Energy(Math.multiplyExact(kWh, 1000L));
    }

    public Energy plus(Energy other) {
        return new Energy(Math.addExact(wh, other.wh));
    }

    public Energy minus(Energy other) {
        return new Energy(Math.subtractExact(wh, other.wh));
    }

    public boolean isNegative() {
        return wh < 0;
    }

    public boolean isLessThan(Energy other) {
        return wh < other.wh;
    }

    @Override
    public int compareTo(Energy other) {
        return Long.compare(wh, other.wh);
    }

    @Override
    public String toString() {
        return wh + " Wh";
    }
}
