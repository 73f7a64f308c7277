package org.ebc.agent.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.ebc.config.ConfigException;
import org.ebc.config.Settings;
import org.ebc.units.Price;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Limit prices and the trading keys are read exactly, and a bad value names its key. */
class LimitPriceTest {
    @ParameterizedTest(name = "{0} -> {1} minor units per kWh")
    @CsvSource({
        "0.25, 25000000",
        "0.1, 10000000", // exactly a tenth, no binary approximation
        "0.00000001, 1", // one minor unit
        "1, 100000000",
        "12.5, 1250000000",
        "0, 0",
        "0000000001.00000000, 100000000",
    })
    void aDecimalPriceInCoinsPerKwhIsReadExactly(String text, long minor) {
        assertThat(LimitPrice.parse("trading.buy.limit", text).fixed()).isEqualTo(Price.ofMinorUnitsPerKWh(minor));
    }

    @Test
    void tariffMeansTheMarketsTariff() {
        assertThat(LimitPrice.parse("trading.sell.limit", "tariff")).isEqualTo(LimitPrice.TARIFF);
        assertThat(LimitPrice.parse("trading.sell.limit", " Tariff ")).isEqualTo(LimitPrice.TARIFF);
        assertThat(LimitPrice.TARIFF.forBuyer(TradeFixtures.auction())).isEqualTo(TradeFixtures.RETAIL);
        assertThat(LimitPrice.TARIFF.forSeller(TradeFixtures.auction())).isEqualTo(TradeFixtures.FEED_IN);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"0.123456789", "-0.1", "1e-3", "0,25", "", "cheap", ".5", "12345678901"})
    void anythingElseIsRefusedNamingTheKeyAndTheValue(String text) {
        assertThatThrownBy(() -> LimitPrice.parse("trading.buy.limit", text))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("trading.buy.limit")
                .hasMessageContaining("coins per kWh");
    }

    @Test
    void theLimitIsShownAsConfigured() {
        assertThat(LimitPrice.parse("k", "0.2500").toString()).isEqualTo("0.25 EC/kWh");
        assertThat(LimitPrice.TARIFF.toString()).isEqualTo("tariff");
    }

    @Test
    void theTradingDefaultsAreOnWithAHundredWattHourReserveAndTheTariffs() {
        TradingConfig c = TradingConfig.from(Settings.of(Map.of()));
        assertThat(c.enabled()).isTrue();
        assertThat(c.reserve().wh()).isEqualTo(100);
        assertThat(c.windowSlots()).isEqualTo(1);
        assertThat(c.buyLimit()).isEqualTo(LimitPrice.TARIFF);
        assertThat(c.sellLimit()).isEqualTo(LimitPrice.TARIFF);
        assertThat(c.resendAfter()).isEqualTo(Duration.ofSeconds(15));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "trading.enabled, maybe",
        "trading.reserve.wh, -1",
        "trading.reserve.wh, 0.5",
        "trading.window.slots, 0",
        "trading.window.slots, 97",
        "trading.resend-after, 10ms",
        "trading.sell.limit, 1/4",
    })
    void aBadTradingValueNamesItsKey(String key, String value) {
        assertThatThrownBy(() -> TradingConfig.from(Settings.of(Map.of(key, value))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(key)
                .hasMessageContaining(value);
    }
}
