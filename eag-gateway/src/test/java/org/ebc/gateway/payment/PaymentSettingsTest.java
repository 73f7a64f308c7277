package org.ebc.gateway.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.ebc.config.ConfigException;
import org.ebc.config.Settings;
import org.ebc.units.CoinAmount;
import org.junit.jupiter.api.Test;

class PaymentSettingsTest {
    @Test
    void withNoKeysTheDefaultsAreThePapersTwentyCoinsATwoMinuteTimeoutAndFourSlotPeriods() {
        PaymentSettings s = PaymentSettings.from(Settings.of(Map.of()));
        assertThat(s).isEqualTo(PaymentSettings.DEFAULTS);
        assertThat(s.initialAllocation()).isEqualTo(CoinAmount.ofCoins(20));
        assertThat(s.cosignTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.pofPeriodSlots()).isEqualTo(4);
    }

    @Test
    void coinsAreReadAsDecimalTextIntoWholeMinorUnits() {
        PaymentSettings s = PaymentSettings.from(Settings.of(Map.of(
                PaymentSettings.INITIAL_ALLOCATION, "12.5",
                PaymentSettings.POF_REWARD, "0.00000001",
                PaymentSettings.GRID_ALLOCATION, "1000",
                PaymentSettings.COSIGN_TIMEOUT, "30s",
                PaymentSettings.POF_PERIOD_SLOTS, "96",
                PaymentSettings.CREDIT_INITIAL, "-5",
                PaymentSettings.CREDIT_PER_BILL, "2")));
        assertThat(s.initialAllocation()).isEqualTo(CoinAmount.ofMinorUnits(1_250_000_000L));
        assertThat(s.pofReward()).isEqualTo(CoinAmount.ofMinorUnits(1));
        assertThat(s.gridAllocation()).isEqualTo(CoinAmount.ofCoins(1000));
        assertThat(s.cosignTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.pofPeriodSlots()).isEqualTo(96);
        assertThat(s.creditInitial()).isEqualTo(-5);
        assertThat(s.creditPerBill()).isEqualTo(2);
    }

    @Test
    void aBadValueIsRefusedNamingItsKeyAndValue() {
        for (var bad : Map.of(
                        PaymentSettings.INITIAL_ALLOCATION, "1.123456789",
                        PaymentSettings.GRID_ALLOCATION, "-1",
                        PaymentSettings.POF_REWARD, "lots",
                        PaymentSettings.COSIGN_TIMEOUT, "0s",
                        PaymentSettings.POF_PERIOD_SLOTS, "0",
                        PaymentSettings.CREDIT_PER_BILL, "-1")
                .entrySet()) {
            assertThatThrownBy(() -> PaymentSettings.from(Settings.of(Map.of(bad.getKey(), bad.getValue()))))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining(bad.getKey())
                    .hasMessageContaining(bad.getValue());
        }
        assertThat(PaymentSettings.parseCoins("1000000001")).isEmpty();
        assertThat(PaymentSettings.parseCoins("1000000000")).contains(CoinAmount.ofCoins(1_000_000_000));
    }

    @Test
    void everyKeyIsListedForTheUnknownKeyCheck() {
        assertThat(PaymentSettings.KEYS)
                .containsExactlyInAnyOrder(
                        "payment.initial.allocation",
                        "payment.grid.allocation",
                        "payment.cosign.timeout",
                        "payment.pof.period.slots",
                        "payment.pof.reward",
                        "credit.initial",
                        "payment.credit.per.bill");
    }
}
