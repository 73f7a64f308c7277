package org.ebc.gateway.credit.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ebc.units.CoinAmount;
import org.junit.jupiter.api.Test;

class PpmTest {
    @Test
    void aRateIsRoundedDownToWholePartsPerMillionFromTheDoublesExactValue() {
        assertThat(Ppm.floorOf(0.1).partsPerMillion()).isEqualTo(100_000); // 0.1 is 0.1000000000000000055…
        assertThat(Ppm.floorOf(0.3).partsPerMillion()).isEqualTo(299_999); // 0.3 is 0.2999999999999999888…
        assertThat(Ppm.floorOf(3.1234569).partsPerMillion()).isEqualTo(3_123_456);
        assertThat(Ppm.floorOf(0).partsPerMillion()).isZero();
    }

    @Test
    void negativeOrNonFiniteRatesAreRefused() {
        assertThatThrownBy(() -> Ppm.floorOf(-1e-9)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ppm.floorOf(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Ppm.floorOf(Double.POSITIVE_INFINITY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Ppm(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anAmountDueIsTheExactProductRoundedDown() {
        Ppm rate = new Ppm(123_457); // 12.3457 %
        assertThat(rate.of(CoinAmount.ofMinorUnits(999)).minorUnits()).isEqualTo(123); // 123.333…
        assertThat(rate.of(CoinAmount.ofCoins(10)).minorUnits()).isEqualTo(123_457_000L);
        assertThat(rate.of(CoinAmount.ZERO)).isEqualTo(CoinAmount.ZERO);
    }

    @Test
    void largeProductsDoNotOverflow() {
        Ppm tenfold = new Ppm(10_000_000);
        CoinAmount big = CoinAmount.ofCoins(100_000_000); // 1e16 minor units; × 1e7 ppm overflows a long
        assertThat(tenfold.of(big)).isEqualTo(CoinAmount.ofCoins(1_000_000_000));
    }

    @Test
    void theHumanFormShowsSixDecimalsAndTheInteger() {
        assertThat(new Ppm(3_123_456)).hasToString("3.123456 (3123456 ppm)");
    }
}
