package org.ebc.gateway.credit.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast exact floor agrees with BigDecimal's on every value, including those next to an integer. */
class ExactFloorTest {
    @Test
    void itAgreesWithTheExactDecimalFloorOnAMillionValues() {
        SplittableRandom random = new SplittableRandom(8);
        for (int i = 0; i < 1_000_000; i++) {
            // Spread over 19 orders of magnitude (up to the largest loan a long holds), and every fourth value right
            // next to n / 10^8.
            double x = Math.pow(10, -8 + 18.9 * random.nextDouble());
            if (i % 4 == 0) {
                double n = Math.rint(x * 1e8) / 1e8;
                x = random.nextBoolean() ? Math.nextUp(n) : Math.nextDown(n);
                x = Math.max(0, x);
            }
            assertThat(ExactFloor.of(x, 1e8, 8)).as("%s", x).isEqualTo(exact(x, 8));
            if (x < 1e12) {
                assertThat(ExactFloor.of(x, 1e6, 6)).as("%s", x).isEqualTo(exact(x, 6));
            }
        }
    }

    @Test
    void valuesJustBelowAnIntegerProductRoundDown() {
        double justBelowTenth = Math.nextDown(0.1); // 0.09999999999999999167…
        assertThat(ExactFloor.of(0.1, 1e8, 8)).isEqualTo(10_000_000);
        assertThat(ExactFloor.of(justBelowTenth, 1e8, 8)).isEqualTo(9_999_999);
        assertThat(ExactFloor.of(0.3, 1e6, 6)).isEqualTo(299_999);
        assertThat(ExactFloor.of(0, 1e8, 8)).isZero();
    }

    @Test
    void tooLargeOrNonFiniteValuesAreRefused() {
        assertThatThrownBy(() -> ExactFloor.of(1e12, 1e8, 8)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> ExactFloor.of(Double.NaN, 1e8, 8)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExactFloor.of(-1, 1e8, 8)).isInstanceOf(IllegalArgumentException.class);
    }

    private static long exact(double x, int digits) {
        return new BigDecimal(x)
                .movePointRight(digits)
                .setScale(0, RoundingMode.FLOOR)
                .longValueExact();
    }
}
