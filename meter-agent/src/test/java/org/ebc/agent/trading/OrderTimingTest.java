package org.ebc.agent.trading;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.ebc.trade.DemandNotice;
import org.ebc.trade.MarketInfo;
import org.ebc.trade.Side;
import org.ebc.units.Energy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which slot an order goes to. Slots of 15 min from T0 = 12:00; gate lead 5 min; posted mode's offer window 2
 * min, so buy requests for the 12:15 slot close at 12:08 and offers at 12:10.
 */
class OrderTimingTest {
    private static Instant at(String hhmmss) {
        return Instant.parse("2026-12-04T" + hhmmss + "Z");
    }

    @ParameterizedTest(name = "{0} {1} at {2} -> {3}")
    @CsvSource({
        // mode, side, now, slot ("none" = no order now)
        "auction, buy,  12:00:00, 12:15:00", // at the border: the next slot's gate closes at 12:10
        "auction, sell, 12:00:00, 12:15:00",
        "auction, buy,  12:09:59.5, 12:30:00", // within the margin of the 12:10 closure: the slot after
        "auction, buy,  12:09:00, 12:15:00",
        "auction, sell, 12:14:59, 12:30:00",
        "posted,  buy,  12:00:00, 12:15:00", // requests close at 12:08
        "posted,  buy,  12:07:59.5, 12:30:00", // within the margin of the request closure
        "posted,  buy,  12:09:00, 12:30:00", // after the request closure, before the gate: too late for 12:15
        "posted,  sell, 12:00:00, none", // a posted-mode seller waits for the demand notice
    })
    void anOrderGoesToTheNextSlotWhoseClosureIsStillAhead(String mode, String side, String now, String slot) {
        MarketInfo m = TradeFixtures.market(mode, Duration.ofMinutes(5), Duration.ofMinutes(2));
        Optional<Instant> s = OrderTiming.slotFor(m, Side.ofWord(side), at(now));
        assertThat(s.map(i -> i.toString().substring(11, 19)).orElse("none")).isEqualTo(slot);
    }

    @ParameterizedTest(name = "{0} for the {1} slot at {2}: {3}")
    @CsvSource({
        "posted, 12:15:00, 12:08:00, true", // the notice goes out at the request closure
        "posted, 12:15:00, 12:09:59.5, false", // within the margin of the gate closure
        "posted, 12:15:00, 12:10:00, false",
        "auction, 12:15:00, 12:08:00, false", // no offers to notices in auction mode
    })
    void aSellerAnswersADemandNoticeOnlyBeforeTheGateCloses(String mode, String slot, String now, boolean may) {
        MarketInfo m = TradeFixtures.market(mode, Duration.ofMinutes(5), Duration.ofMinutes(2));
        DemandNotice n =
                new DemandNotice(TradeFixtures.EAG, at(now), at(slot), Energy.ofWh(5000), TradeFixtures.FEED_IN);
        assertThat(OrderTiming.mayOffer(m, n, at(now))).isEqualTo(may);
    }

    @ParameterizedTest(name = "slot {0} s -> margin {1} ms")
    @CsvSource({"900, 1000", "10, 500", "2, 100"})
    void theMarginIsATwentiethOfTheSlotAtMostOneSecond(long slotSeconds, long marginMs) {
        MarketInfo m = new MarketInfo(
                TradeFixtures.EAG,
                1,
                TradeFixtures.T0,
                "auction",
                "pay-as-clear",
                Duration.ofSeconds(slotSeconds),
                Duration.ZERO,
                Duration.ZERO,
                1,
                TradeFixtures.RETAIL,
                TradeFixtures.FEED_IN,
                Energy.ofWh(1),
                TradeFixtures.auction().grid());
        assertThat(OrderTiming.margin(m)).isEqualTo(Duration.ofMillis(marginMs));
    }
}
