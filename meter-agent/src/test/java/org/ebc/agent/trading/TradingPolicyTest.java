package org.ebc.agent.trading;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.ebc.config.Settings;
import org.ebc.crypto.KeyPairs;
import org.ebc.trade.MarketInfo;
import org.ebc.units.Energy;
import org.ebc.units.Price;
import org.ebc.wallet.WalletAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Buyer, seller or idle from the surplus and the reserve, with limits clamped to the tariffs. */
class TradingPolicyTest {
    /** Retail 0.30, feed-in 0.08 EC/kWh, at most 5 kWh per order. */
    private static MarketInfo market(long maxWh) {
        return new MarketInfo(
                TradeFixtures.EAG,
                1,
                TradeFixtures.T0,
                "auction",
                "pay-as-clear",
                Duration.ofMinutes(15),
                Duration.ofMinutes(5),
                Duration.ZERO,
                4,
                Price.ofMinorUnitsPerKWh(30_000_000),
                Price.ofMinorUnitsPerKWh(8_000_000),
                Energy.ofWh(maxWh),
                WalletAddress.of(KeyPairs.generate().getPublic()));
    }

    private static TradingConfig config(long reserve, String buy, String sell) {
        return TradingConfig.from(Settings.of(java.util.Map.of(
                TradingConfig.RESERVE_WH, "" + reserve, TradingConfig.BUY_LIMIT, buy, TradingConfig.SELL_LIMIT, sell)));
    }

    @ParameterizedTest(name = "surplus {0} Wh, reserve {1}, max {2}, limits {3}/{4} -> {5} {6} Wh at {7}")
    @CsvSource({
        // surplus, reserve, maxWh, buy limit, sell limit, expected side, Wh, limit (minor units per kWh)
        "    800,  100, 5000, tariff, tariff, sell,  700,  8000000", // surplus beyond the reserve: sell the rest
        "   -800,  100, 5000, tariff, tariff, buy,   700, 30000000", // deficit beyond the reserve: buy the rest
        "    100,  100, 5000, tariff, tariff, idle,    0,        0", // on the edge of the dead band: idle
        "   -100,  100, 5000, tariff, tariff, idle,    0,        0",
        "      0,    0, 5000, tariff, tariff, idle,    0,        0", // nothing to trade even with no reserve
        "      1,    0, 5000, tariff, tariff, sell,    1,  8000000", // one Wh beyond a zero reserve
        "  -9000,  100, 5000, tariff, tariff, buy,  5000, 30000000", // capped at the market's largest order
        "   9000,  100, 5000, tariff, tariff, sell, 5000,  8000000",
        "   -800,  100, 5000,   0.25, tariff, buy,   700, 25000000", // a buyer's own limit below retail
        "   -800,  100, 5000,   0.45, tariff, buy,   700, 30000000", // never above retail
        "    800,  100, 5000, tariff,   0.12, sell,  700, 12000000", // a seller's own limit above feed-in
        "    800,  100, 5000, tariff,   0.02, sell,  700,  8000000", // never below feed-in
        "    800,  100,    0, tariff, tariff, idle,    0,        0", // a market that takes no orders
    })
    void theDecisionFollowsTheSurplusTheReserveAndTheTariffs(
            long surplus, long reserve, long maxWh, String buy, String sell, String side, long wh, long limit) {
        Decision d = TradingPolicy.decide(Optional.of(Energy.ofWh(surplus)), config(reserve, buy, sell), market(maxWh));
        assertThat(d.word()).isEqualTo(side);
        assertThat(d.energy()).isEqualTo(Energy.ofWh(wh));
        assertThat(d.limit()).isEqualTo(Price.ofMinorUnitsPerKWh(limit));
    }

    @Test
    void withoutAnEstimateTheNodeStaysIdleAndSaysWhy() {
        Decision d = TradingPolicy.decide(Optional.empty(), config(100, "tariff", "tariff"), market(5000));
        assertThat(d.isIdle()).isTrue();
        assertThat(d.why()).contains("two slot-border readings");
    }

    @Test
    void theReasonNamesTheEstimateAndTheReserve() {
        Decision d = TradingPolicy.decide(Optional.of(Energy.ofWh(-640)), config(40, "tariff", "tariff"), market(5000));
        assertThat(d.why()).isEqualTo("surplus -640 Wh per slot, reserve 40 Wh");
    }
}
