package org.ebc.gateway.credit.pricing;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * ⌊x × 10^n⌋ for a non-negative double x, computed exactly from x's binary value: the one rounding rule by
 * which a model value (a loan in coins, a rate) becomes an integer (minor units, ppm).
 *
 * <p>Fast path: p = x·10^n rounded to a double, f = ⌊p⌋. The exact product e lies within half an ulp of p,
 * so ⌊e⌋ is f or f − 1 (it cannot be f + 1: f + 1 ≤ e would round to at least f + 1, which is representable,
 * below 2^53). {@code Math.fma(x, 10^n, −f)} rounds e − f once, and rounding never changes a sign, so it is
 * negative exactly when ⌊e⌋ = f − 1. For products at or above 2^53 the exact BigDecimal path is used.
 */
final class ExactFloor {
    private static final double TWO_TO_53 = 0x1p53;

    private ExactFloor() {}

    /**
     * @param powerOfTen 10^n as a double, exactly representable (10^8 and 10^6 are)
     * @param digits n
     * @throws ArithmeticException if the result does not fit a long
     */
    static long of(double x, double powerOfTen, int digits) {
        if (!(x >= 0) || !Double.isFinite(x)) {
            throw new IllegalArgumentException("expected a finite number >= 0, not " + x);
        }
        double p = x * powerOfTen;
        if (p < TWO_TO_53) {
            double f = Math.floor(p);
            if (Math.fma(x, powerOfTen, -f) < 0) {
                f -= 1;
            }
            return (long) f;
        }
        return new BigDecimal(x)
                .movePointRight(digits)
                .setScale(0, RoundingMode.FLOOR)
                .longValueExact();
    }
}
