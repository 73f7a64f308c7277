package org.ebc.gateway.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LargestRemainderTest {

    @Test
    void sharesAreProportionalAndAddUpExactly() {
        assertThat(LargestRemainder.apportion(100, new long[] {1, 1, 1})).containsExactly(34, 33, 33);
        assertThat(LargestRemainder.apportion(10, new long[] {5, 3, 2})).containsExactly(5, 3, 2);
        assertThat(LargestRemainder.apportion(7, new long[] {0, 10, 0, 4})).containsExactly(0, 5, 0, 2);
    }

    @Test
    void leftOverUnitsGoToTheLargestRemaindersAndTiesToTheEarlierWeight() {
        // 5 × 3/8 = 1.875, 5 × 4/8 = 2.5, 5 × 1/8 = 0.625: floors 1, 2, 0; two left for .875 and .625.
        assertThat(LargestRemainder.apportion(5, new long[] {3, 4, 1})).containsExactly(2, 2, 1);
        assertThat(LargestRemainder.apportion(1, new long[] {2, 2})).containsExactly(1, 0);
    }

    @Test
    void randomSharesAddUpAndNeverExceedTheirWeights() {
        Random r = new Random(3);
        for (int k = 0; k < 20_000; k++) {
            long[] w = new long[1 + r.nextInt(12)];
            for (int i = 0; i < w.length; i++) {
                w[i] = r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(r.nextBoolean() ? 10 : 1_000_000_000);
            }
            long sum = Arrays.stream(w).sum();
            if (sum == 0) {
                continue;
            }
            long total = (long) (r.nextDouble() * (sum + 1));
            long[] s = LargestRemainder.apportion(total, w);

            assertThat(Arrays.stream(s).sum()).isEqualTo(total);
            for (int i = 0; i < w.length; i++) {
                assertThat(s[i]).isBetween(0L, w[i]);
            }
        }
    }

    @Test
    void productsBeyondALongAreComputedExactly() {
        // total × weight reaches 6e19 (a long ends at 9.2e18). Quotas: 3,999,999,998.80, 5,999,999,998.20 and
        // 2.9999999991; floors leave 2 Wh, which go to the .9999999991 and the .80.
        long[] s = LargestRemainder.apportion(10_000_000_000L, new long[] {4_000_000_000L, 6_000_000_000L, 3});

        assertThat(s).containsExactly(3_999_999_999L, 5_999_999_998L, 3L);
    }

    @Test
    void nothingToShareGivesZerosAndNegativeInputIsRefused() {
        assertThat(LargestRemainder.apportion(0, new long[] {0, 0})).containsExactly(0, 0);
        assertThatThrownBy(() -> LargestRemainder.apportion(-1, new long[] {1}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LargestRemainder.apportion(1, new long[] {-1, 2}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LargestRemainder.apportion(1, new long[] {0}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
