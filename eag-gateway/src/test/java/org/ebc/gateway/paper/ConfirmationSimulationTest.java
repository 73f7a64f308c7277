package org.ebc.gateway.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.ebc.gateway.paper.ConfirmationSimulation.Scheme;
import org.ebc.gateway.paper.ConfirmationSimulation.Setup;
import org.ebc.units.CoinAmount;
import org.junit.jupiter.api.Test;

/** Fig. 5's model, checked against values worked out by hand. */
class ConfirmationSimulationTest {
    private static Setup oncePerHour(int pairs, CoinAmount coins) {
        return new Setup(
                7,
                pairs,
                Duration.ofMinutes(240),
                1,
                coins,
                CoinAmount.ofCoins(1),
                51,
                Duration.ofMinutes(60),
                Duration.ofMinutes(10),
                Duration.ofMillis(50));
    }

    @Test
    void tradingOncePerHourOnASixtyMinuteChainEachTradeWaitsItsOwnHourAndAtMostFourFinish() {
        ConfirmationSimulation.Result r = ConfirmationSimulation.run(oncePerHour(20, CoinAmount.ofCoins(20)));

        for (ConfirmationSimulation.NodeResult n : r.nodes()) {
            assertThat(n.due()).isEqualTo(4); // at φ, φ+60, φ+120, φ+180 with φ < 60
            switch (n.scheme()) {
                case SLOW_CHAIN -> {
                    assertThat(n.totalMinutes()).isCloseTo(4 * 60, within(1e-9));
                    assertThat(n.finishedInWindow()).isBetween(3, 4); // the last is confirmed at φ + 240
                }
                case OUR_CHAIN -> assertThat(n.totalMinutes()).isCloseTo(4 * 10, within(1e-9));
                case CREDIT -> {
                    assertThat(n.totalMinutes()).isCloseTo(4 * 0.05 / 60, within(1e-12));
                    assertThat(n.finishedInWindow()).isEqualTo(4);
                }
            }
        }
    }

    @Test
    void onTheSixtyMinuteChainTheTradesWaitInAQueueSoTheTotalTimeGrowsFasterThanTheFrequency() {
        ConfirmationSimulation.Result r =
                ConfirmationSimulation.run(Setup.paper(1, Duration.ofMinutes(10), Duration.ofMillis(50)));

        double previous = 0;
        for (int f = 1; f <= 5; f++) {
            ConfirmationSimulation.Row slow = r.row(f, Scheme.SLOW_CHAIN);
            ConfirmationSimulation.Row ours = r.row(f, Scheme.OUR_CHAIN);
            ConfirmationSimulation.Row credit = r.row(f, Scheme.CREDIT);
            assertThat(slow.nodes()).isPositive();
            assertThat(slow.meanTotalMinutes()).isGreaterThan(previous);
            previous = slow.meanTotalMinutes();
            // The 60-minute chain never finishes more than one trade an hour; ours (10 min) not more than six.
            assertThat(slow.tradesPerHour()).isLessThanOrEqualTo(1);
            assertThat(ours.tradesPerHour()).isLessThanOrEqualTo(6).isLessThanOrEqualTo(f);
            assertThat(credit.tradesPerHour()).isEqualTo(f);
            assertThat(ours.meanMinutesPerTrade()).isCloseTo(10, within(1e-9)); // 12 min apart at most 5/h: no queue
        }
        assertThat(r.row(5, Scheme.SLOW_CHAIN).meanTotalMinutes())
                .isGreaterThan(5 * r.row(1, Scheme.SLOW_CHAIN).meanTotalMinutes());
    }

    @Test
    void aChainConfirmationLongerThanTheTradeSpacingQueuesOnOurChainToo() {
        ConfirmationSimulation.Result r =
                ConfirmationSimulation.run(Setup.paper(1, Duration.ofMinutes(30), Duration.ofMillis(50)));

        assertThat(r.row(5, Scheme.OUR_CHAIN).tradesPerHour()).isLessThanOrEqualTo(2);
        assertThat(r.row(5, Scheme.OUR_CHAIN).meanMinutesPerTrade()).isGreaterThan(30);
    }

    @Test
    void aBuyerWithoutCoinsForATradeSkipsIt() {
        ConfirmationSimulation.Result r = ConfirmationSimulation.run(oncePerHour(3, CoinAmount.ofCoins(2)));

        for (ConfirmationSimulation.NodeResult n : r.nodes()) {
            if (n.scheme() != Scheme.CREDIT) {
                assertThat(n.skipped()).isEqualTo(2);
                assertThat(n.finishedInWindow()).isLessThanOrEqualTo(2);
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameRunAndAnotherSeedAnotherDraw() {
        Setup a = Setup.paper(3, Duration.ofMinutes(10), Duration.ofMillis(50));
        Setup b = Setup.paper(4, Duration.ofMinutes(10), Duration.ofMillis(50));

        assertThat(ConfirmationSimulation.run(a)).isEqualTo(ConfirmationSimulation.run(a));
        assertThat(ConfirmationSimulation.run(a).nodes())
                .isNotEqualTo(ConfirmationSimulation.run(b).nodes());
    }
}
