package org.ebc.gateway.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.ebc.config.ConfigException;
import org.ebc.config.Settings;
import org.ebc.units.Energy;
import org.ebc.units.Price;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MarketParametersTest {

    @Test
    void anEmptyConfigurationGivesTheDocumentedDefaults() {
        MarketParameters p = MarketParameters.fromSettings(Settings.of(Map.of()));

        assertThat(p).isEqualTo(MarketParameters.DEFAULTS);
        assertThat(p.mode()).isEqualTo(MarketMode.POSTED);
        assertThat(p.pricing()).isEqualTo(Pricing.PAY_AS_CLEAR);
        assertThat(p.slotLength()).isEqualTo(Duration.ofMinutes(15));
        assertThat(p.gateLead()).isEqualTo(Duration.ofMinutes(5));
        assertThat(p.offerWindow()).isEqualTo(Duration.ofMinutes(2));
        assertThat(p.settlementGrace()).isEqualTo(Duration.ofMinutes(2));
        assertThat(p.horizonSlots()).isEqualTo(4);
        assertThat(p.retailTariff()).isEqualTo(Price.ofMinorUnitsPerKWh(30_000_000));
        assertThat(p.feedInTariff()).isEqualTo(Price.ofMinorUnitsPerKWh(8_000_000));
        assertThat(p.problem()).isEmpty();
    }

    @Test
    void everyKeyIsReadAndChangesItsParameter() {
        Map<String, String> file = Map.ofEntries(
                Map.entry(MarketParameters.MODE, "auction"),
                Map.entry(MarketParameters.PRICING, "pay-as-bid"),
                Map.entry(MarketParameters.SLOT_LENGTH, "10s"),
                Map.entry(MarketParameters.GATE_LEAD, "3s"),
                Map.entry(MarketParameters.OFFER_WINDOW, "1500ms"),
                Map.entry(MarketParameters.SETTLEMENT_GRACE, "4s"),
                Map.entry(MarketParameters.HORIZON, "2"),
                Map.entry(MarketParameters.RETAIL, "0.35"),
                Map.entry(MarketParameters.FEED_IN, "0.05"),
                Map.entry(MarketParameters.MAX_ORDER_WH, "5000"),
                Map.entry(MarketParameters.MAX_ORDER_PRICE, "2"));

        MarketParameters p = MarketParameters.fromSettings(Settings.of(file));

        assertThat(file.keySet()).isEqualTo(MarketParameters.KEYS);
        assertThat(p)
                .isEqualTo(new MarketParameters(
                        MarketMode.AUCTION,
                        Pricing.PAY_AS_BID,
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(3),
                        Duration.ofMillis(1500),
                        Duration.ofSeconds(4),
                        2,
                        Price.ofMinorUnitsPerKWh(35_000_000),
                        Price.ofMinorUnitsPerKWh(5_000_000),
                        Energy.ofWh(5000),
                        Price.ofMinorUnitsPerKWh(200_000_000)));
    }

    @ParameterizedTest
    @CsvSource({"0.30, 30000000", "0.12345678, 12345678", "1, 100000000", "0, 0", "12.5, 1250000000"})
    void decimalCoinPricesAreReadExactly(String text, long minorUnits) {
        assertThat(CoinPrice.parse(text)).contains(Price.ofMinorUnitsPerKWh(minorUnits));
        assertThat(CoinPrice.parse(CoinPrice.format(Price.ofMinorUnitsPerKWh(minorUnits))))
                .contains(Price.ofMinorUnitsPerKWh(minorUnits));
    }

    @ParameterizedTest
    @CsvSource({
        "market.tariff.retail, 0.123456789",
        "market.tariff.retail, -0.30",
        "market.tariff.retail, 3E-1",
        "market.tariff.retail, '0,30'",
        "market.tariff.feedin, .08",
        "market.tariff.feedin, 0.31",
        "market.order.max.price, 0.29",
        "market.order.max.price, 10001",
        "market.order.max.wh, 0",
        "market.order.max.wh, 1000000001",
        "market.order.max.wh, 1.5",
        "market.mode, bazaar",
        "market.pricing, pay-what-you-like",
        "market.slot.length, 500ms",
        "market.slot.length, 2d",
        "market.slot.length, 1500us",
        "market.gate.lead, -1s",
        "market.gate.lead, 60m",
        "market.posted.offer.window, 0s",
        "market.settlement.grace, forever",
        "market.horizon.slots, 0",
        "market.horizon.slots, 97"
    })
    void aBadValueIsRefusedNamingItsKeyAndValue(String key, String value) {
        assertThatThrownBy(() -> MarketParameters.fromSettings(Settings.of(Map.of(key, value))))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> {
                    ConfigException c = (ConfigException) e;
                    assertThat(c.key()).isEqualTo(key);
                    assertThat(c.value()).isEqualTo(value);
                });
    }

    @Test
    void aLeadThatLeavesNoTimeToOrderNamesTheLeadEvenWithTheOtherValuesDefault() {
        // 4 slots of 15 min = 60 min; a 58 min lead plus the 2 min offer window closes requests at the opening.
        assertThatThrownBy(() -> MarketParameters.fromSettings(Settings.of(Map.of(MarketParameters.GATE_LEAD, "58m"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("market.gate.lead")
                .hasMessageContaining("58m");
        assertThat(MarketParameters.fromSettings(Settings.of(Map.of(MarketParameters.GATE_LEAD, "57m")))
                        .gateLead())
                .isEqualTo(Duration.ofMinutes(57));
    }

    @Test
    void aFeedInAboveTheDefaultRetailTariffNamesTheFeedInKey() {
        assertThatThrownBy(() -> MarketParameters.fromSettings(Settings.of(Map.of(MarketParameters.FEED_IN, "0.31"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'market.tariff.feedin' has bad value '0.31'");
    }

    @Test
    void everyParameterProblemIsFound() {
        MarketParameters d = MarketParameters.DEFAULTS;
        Map<ParameterProblem, MarketParameters> broken = new HashMap<>();
        broken.put(ParameterProblem.SLOT_LENGTH, with(d, "slot", Duration.ofMillis(999)));
        broken.put(ParameterProblem.GATE_LEAD, with(d, "lead", Duration.ofMinutes(59)));
        broken.put(ParameterProblem.OFFER_WINDOW, with(d, "window", Duration.ZERO));
        broken.put(ParameterProblem.SETTLEMENT_GRACE, with(d, "grace", Duration.ofSeconds(-1)));
        broken.put(
                ParameterProblem.HORIZON,
                new MarketParameters(
                        d.mode(),
                        d.pricing(),
                        d.slotLength(),
                        d.gateLead(),
                        d.offerWindow(),
                        d.settlementGrace(),
                        0,
                        d.retailTariff(),
                        d.feedInTariff(),
                        d.maxOrderEnergy(),
                        d.maxLimitPrice()));
        broken.put(
                ParameterProblem.RETAIL_TARIFF,
                prices(
                        d,
                        Price.ofMinorUnitsPerKWh(MarketParameters.PRICE_CEILING.minorUnitsPerKWh() + 1),
                        d.feedInTariff(),
                        d.maxLimitPrice()));
        broken.put(
                ParameterProblem.FEED_IN_TARIFF,
                prices(d, d.retailTariff(), Price.ofMinorUnitsPerKWh(30_000_001), d.maxLimitPrice()));
        broken.put(
                ParameterProblem.MAX_ORDER_ENERGY,
                new MarketParameters(
                        d.mode(),
                        d.pricing(),
                        d.slotLength(),
                        d.gateLead(),
                        d.offerWindow(),
                        d.settlementGrace(),
                        d.horizonSlots(),
                        d.retailTariff(),
                        d.feedInTariff(),
                        Energy.ZERO,
                        d.maxLimitPrice()));
        broken.put(
                ParameterProblem.MAX_LIMIT_PRICE,
                prices(d, d.retailTariff(), d.feedInTariff(), Price.ofMinorUnitsPerKWh(29_999_999)));

        assertThat(broken.keySet()).containsExactlyInAnyOrder(ParameterProblem.values());
        broken.forEach(
                (problem, p) -> assertThat(p.problem()).as(problem.name()).contains(problem));
    }

    @Test
    void anAuctionNeedsNoOfferWindowAndMayCloseLaterThanAPostedMarket() {
        MarketParameters d = MarketParameters.DEFAULTS.withRules(MarketMode.AUCTION, Pricing.PAY_AS_CLEAR);

        assertThat(with(d, "window", Duration.ZERO).problem()).isEmpty();
        // 59 min of lead leaves one minute to order in an auction, none in posted mode (2 min window).
        assertThat(with(d, "lead", Duration.ofMinutes(59)).problem()).isEmpty();
        assertThat(with(MarketParameters.DEFAULTS, "lead", Duration.ofMinutes(59))
                        .problem())
                .isEqualTo(Optional.of(ParameterProblem.GATE_LEAD));
    }

    private static MarketParameters with(MarketParameters d, String what, Duration v) {
        return new MarketParameters(
                d.mode(),
                d.pricing(),
                what.equals("slot") ? v : d.slotLength(),
                what.equals("lead") ? v : d.gateLead(),
                what.equals("window") ? v : d.offerWindow(),
                what.equals("grace") ? v : d.settlementGrace(),
                d.horizonSlots(),
                d.retailTariff(),
                d.feedInTariff(),
                d.maxOrderEnergy(),
                d.maxLimitPrice());
    }

    private static MarketParameters prices(MarketParameters d, Price retail, Price feedIn, Price max) {
        return new MarketParameters(
                d.mode(),
                d.pricing(),
                d.slotLength(),
                d.gateLead(),
                d.offerWindow(),
                d.settlementGrace(),
                d.horizonSlots(),
                retail,
                feedIn,
                d.maxOrderEnergy(),
                max);
    }
}
