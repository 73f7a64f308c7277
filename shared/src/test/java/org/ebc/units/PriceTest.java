package org.ebc.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PriceTest {
    @Test
    void costIsEnergyTimesPriceRoundedDownToAMinorUnit() {
        Price p = Price.ofMinorUnitsPerKWh(25_000_001); // 0.25000001 EC/kWh
        assertThat(p.costOf(Energy.ofWh(1000))).isEqualTo(CoinAmount.ofMinorUnits(25_000_001));
        assertThat(p.costOf(Energy.ofWh(1))).isEqualTo(CoinAmount.ofMinorUnits(25_000)); // 25 000.001 rounded down
        assertThat(p.costOf(Energy.ZERO)).isEqualTo(CoinAmount.ZERO);
    }

    @Test
    void costIsExactBeyondTheRangeOfAPlainProduct() {
        Price p = Price.ofMinorUnitsPerKWh(3_000_000_000L);
        Energy e = Energy.ofWh(9_000_000_000L); // the product overflows a long, the cost does not
        assertThat(p.costOf(e)).isEqualTo(CoinAmount.ofMinorUnits(27_000_000_000_000_000L));
    }

    @Test
    void costAgreesWithExactArithmeticOnRandomValues() {
        Random r = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            long wh = r.nextLong(10_000_000_000L);
            long price = r.nextLong(1_000_000_000L);
            BigInteger exact =
                    BigInteger.valueOf(wh).multiply(BigInteger.valueOf(price)).divide(BigInteger.valueOf(1000));
            assertThat(Price.ofMinorUnitsPerKWh(price).costOf(Energy.ofWh(wh)).minorUnits())
                    .isEqualTo(exact.longValueExact());
        }
    }

    @Test
    void aPriceIsNeverNegativeAndNeitherIsTheEnergyItPrices() {
        assertThatThrownBy(() -> Price.ofMinorUnitsPerKWh(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Price.ZERO.costOf(Energy.ofWh(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsAsCoinsPerKilowattHour() {
        assertThat(Price.ofMinorUnitsPerKWh(25_000_000)).hasToString("0.25000000 EC/kWh");
    }
}
