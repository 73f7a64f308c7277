package org.ebc.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnitsTest {

    @Test
    void energyAddsAndSubtractsInWholeWattHours() {
        assertThat(Energy.ofKWh(12).plus(Energy.ofWh(345))).isEqualTo(Energy.ofWh(12_345));
        assertThat(Energy.ofWh(5).minus(Energy.ofWh(7))).isEqualTo(Energy.ofWh(-2));
        assertThat(Energy.ofWh(-2).isNegative()).isTrue();
        assertThat(Energy.ofWh(1).isLessThan(Energy.ofWh(2))).isTrue();
        assertThat(Energy.ofWh(12_345)).hasToString("12345 Wh");
    }

    @Test
    void energyThatWouldOverflowThrowsInsteadOfWrapping() {
        assertThatThrownBy(() -> Energy.ofKWh(Long.MAX_VALUE / 1000 + 1)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Energy.ofWh(Long.MAX_VALUE).plus(Energy.ofWh(1)))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Energy.ofWh(Long.MIN_VALUE).minus(Energy.ofWh(1)))
                .isInstanceOf(ArithmeticException.class);
        assertThat(Energy.ofKWh(Long.MAX_VALUE / 1000).wh()).isEqualTo(Long.MAX_VALUE / 1000 * 1000);
    }

    @Test
    void coinsCountInWholeMinorUnits() {
        assertThat(CoinAmount.ofCoins(12).plus(CoinAmount.ofMinorUnits(50_000_000)))
                .isEqualTo(CoinAmount.ofMinorUnits(1_250_000_000L));
        assertThat(CoinAmount.ofCoins(1).minus(CoinAmount.ofCoins(2)).isNegative())
                .isTrue();
        assertThat(CoinAmount.ofCoins(1).compareTo(CoinAmount.ofMinorUnits(99_999_999)))
                .isPositive();
    }

    @Test
    void coinAmountsThatWouldOverflowThrowInsteadOfWrapping() {
        assertThatThrownBy(() -> CoinAmount.ofCoins(Long.MAX_VALUE / CoinAmount.MINOR_UNITS_PER_COIN + 1))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> CoinAmount.ofMinorUnits(Long.MAX_VALUE).plus(CoinAmount.ofMinorUnits(1)))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> CoinAmount.ofMinorUnits(Long.MIN_VALUE).minus(CoinAmount.ofMinorUnits(1)))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void coinAmountsPrintWithEightDecimalsIncludingTheExtremes() {
        assertThat(CoinAmount.ofMinorUnits(1_250_000_000L)).hasToString("12.50000000 EC");
        assertThat(CoinAmount.ofMinorUnits(-1)).hasToString("-0.00000001 EC");
        assertThat(CoinAmount.ZERO).hasToString("0.00000000 EC");
        assertThat(CoinAmount.ofMinorUnits(Long.MAX_VALUE)).hasToString("92233720368.54775807 EC");
        assertThat(CoinAmount.ofMinorUnits(Long.MIN_VALUE)).hasToString("-92233720368.54775808 EC");
    }

    @Test
    void powerNegatesAndRefusesToOverflow() {
        assertThat(Power.ofWatts(1500).negate()).isEqualTo(Power.ofWatts(-1500));
        assertThat(Power.ofWatts(1500)).hasToString("1500 W");
        assertThatThrownBy(() -> Power.ofWatts(Long.MIN_VALUE).negate()).isInstanceOf(ArithmeticException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "node-1",
                "SDM630-0001",
                "a",
                "_x",
                "A.b_c-d",
                "x234567890123456789012345678901234567890123456789012345678901234"
            })
    void identifiersOfTheRightShapeAreAccepted(String id) {
        assertThat(NodeId.of(id).value()).isEqualTo(id);
        assertThat(EagId.isValid(id)).isTrue();
        assertThat(MeterSerial.of(id)).hasToString(id);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "node/1",
                "node+",
                "node#",
                ".hidden",
                "-dash",
                "with space",
                "ü",
                "x2345678901234567890123456789012345678901234567890123456789012345"
            })
    void identifiersThatCouldBreakATopicOrASubjectAreRefused(String id) {
        assertThat(NodeId.isValid(id)).isFalse();
        assertThatThrownBy(() -> NodeId.of(id))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("node id");
    }

    @Test
    void aRefusedIdentifierIsQuotedWithoutControlCharactersAndCut() {
        assertThatThrownBy(() -> EagId.of("bad\nid\u0007")).hasMessageContaining("'bad?id?'");
        assertThatThrownBy(() -> MeterSerial.of("x".repeat(200)))
                .hasMessageContaining("…")
                .hasMessageNotContaining("x".repeat(81));
        assertThatThrownBy(() -> NodeId.of(null)).hasMessageContaining("must not be null");
    }
}
