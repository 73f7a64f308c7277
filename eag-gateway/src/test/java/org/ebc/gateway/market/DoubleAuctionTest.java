package org.ebc.gateway.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ebc.gateway.market.MarketFixtures.auctionBook;
import static org.ebc.gateway.market.MarketFixtures.buy;
import static org.ebc.gateway.market.MarketFixtures.id;
import static org.ebc.gateway.market.MarketFixtures.price;
import static org.ebc.gateway.market.MarketFixtures.resultOf;
import static org.ebc.gateway.market.MarketFixtures.sell;

import java.util.List;
import org.ebc.units.Energy;
import org.junit.jupiter.api.Test;

class DoubleAuctionTest {

    @Test
    void crossingOrdersTradeAtTheMidpointOfTheMarginalPair() {
        // Bids 0.25 (600 Wh) and 0.20 (400 Wh) against one ask at 0.10 (1000 Wh): all of it matches, the marginal
        // pair is (0.20, 0.10), nothing is left on either side, so the price is (0.10 + 0.20) / 2.
        Allocation a = Clearing.clear(auctionBook(
                Pricing.PAY_AS_CLEAR,
                List.of(buy("b1", 1, 600, "0.25", 0), buy("b2", 1, 400, "0.20", 1), sell("s", 1, 1000, "0.10", 2))));

        assertThat(a.price()).contains(price("0.15"));
        assertThat(a.trades())
                .extracting(Trade::buy, t -> t.energy().wh(), Trade::price)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(id("b1", 1), 600L, price("0.15")),
                        org.assertj.core.groups.Tuple.tuple(id("b2", 1), 400L, price("0.15")));
        assertThat(a.volume()).isEqualTo(Energy.ofWh(1000));
        assertThat(a.gridImport()).isEqualTo(Energy.ZERO);
        assertThat(a.gridExport()).isEqualTo(Energy.ZERO);
    }

    @Test
    void aPartlyFilledMarginalBuyerSetsThePriceAtItsLimit() {
        // Demand 1000 Wh, supply 700 Wh: b2 gets only 100 of its 400 Wh. At any price below 0.20 b2 would want more.
        Allocation a = Clearing.clear(auctionBook(
                Pricing.PAY_AS_CLEAR,
                List.of(buy("b1", 1, 600, "0.25", 0), buy("b2", 1, 400, "0.20", 1), sell("s", 1, 700, "0.10", 2))));

        assertThat(a.price()).contains(price("0.20"));
        assertThat(resultOf(a, id("b2", 1)).matched()).isEqualTo(Energy.ofWh(100));
        assertThat(resultOf(a, id("b2", 1)).grid()).isEqualTo(Energy.ofWh(300));
        assertThat(a.gridImport()).isEqualTo(Energy.ofWh(300));
    }

    @Test
    void aPartlyFilledMarginalSellerSetsThePriceAtItsLimit() {
        Allocation a = Clearing.clear(auctionBook(
                Pricing.PAY_AS_CLEAR,
                List.of(buy("b", 1, 500, "0.25", 0), sell("s1", 1, 300, "0.10", 1), sell("s2", 1, 400, "0.12", 2))));

        assertThat(a.price()).contains(price("0.12"));
        assertThat(resultOf(a, id("s2", 1)).matched()).isEqualTo(Energy.ofWh(200));
        assertThat(a.gridExport()).isEqualTo(Energy.ofWh(200));
    }

    @Test
    void anUnmatchedBuyerWillingToPayMoreThanTheMidpointRaisesThePrice() {
        // b1 takes all of s; b2 (0.21) is left out. At the plain midpoint 0.15 b2 would rather buy than not,
        // so the price interval is [0.21, 0.25] and the price its midpoint 0.23.
        Allocation a = Clearing.clear(auctionBook(
                Pricing.PAY_AS_CLEAR,
                List.of(buy("b1", 1, 500, "0.25", 0), buy("b2", 1, 500, "0.21", 1), sell("s", 1, 500, "0.05", 2))));

        assertThat(a.price()).contains(price("0.23"));
        assertThat(resultOf(a, id("b2", 1)).matched()).isEqualTo(Energy.ZERO);
    }

    @Test
    void anUnmatchedSellerAskingLessThanTheMidpointLowersThePrice() {
        Allocation a = Clearing.clear(auctionBook(
                Pricing.PAY_AS_CLEAR,
                List.of(buy("b", 1, 500, "0.25", 0), sell("s1", 1, 500, "0.05", 1), sell("s2", 1, 500, "0.07", 2))));

        assertThat(a.price()).contains(price("0.06"));
    }

    @Test
    void theMidpointIsRoundedDownToAWholeMinorUnit() {
        Allocation a = Clearing.clear(auctionBook(
                Pricing.PAY_AS_CLEAR, List.of(buy("b", 1, 500, "0.00000003", 0), sell("s", 1, 500, "0.00000000", 1))));

        assertThat(a.price()).contains(price("0.00000001"));
    }

    @Test
    void payAsBidTradesEachPairAtTheBuyersLimit() {
        Allocation a = Clearing.clear(auctionBook(
                Pricing.PAY_AS_BID,
                List.of(buy("b1", 1, 600, "0.25", 0), buy("b2", 1, 400, "0.20", 1), sell("s", 1, 1000, "0.10", 2))));

        assertThat(a.price()).isEmpty();
        assertThat(a.trades()).extracting(Trade::price).containsExactly(price("0.25"), price("0.20"));
        assertThat(a.trades().get(0).value().minorUnits()).isEqualTo(600 * 25_000L);
    }

    @Test
    void ordersThatDoNotCrossDoNotTradeAndEverythingGoesToTheGrid() {
        Allocation a = Clearing.clear(
                auctionBook(Pricing.PAY_AS_CLEAR, List.of(buy("b", 1, 500, "0.09", 0), sell("s", 1, 800, "0.10", 1))));

        assertThat(a.trades()).isEmpty();
        assertThat(a.price()).isEmpty();
        assertThat(a.gridImport()).isEqualTo(Energy.ofWh(500));
        assertThat(a.gridExport()).isEqualTo(Energy.ofWh(800));
    }

    @Test
    void equalLimitsAreServedByArrivalNotByNodeName() {
        // Both bid 0.20 for 500 Wh; only 500 Wh are offered: the earlier arrival (zz, arrival 3) wins over aa (7).
        Allocation a = Clearing.clear(auctionBook(
                Pricing.PAY_AS_CLEAR,
                List.of(buy("aa", 1, 500, "0.20", 7), buy("zz", 1, 500, "0.20", 3), sell("s", 1, 500, "0.10", 9))));

        assertThat(resultOf(a, id("zz", 1)).matched()).isEqualTo(Energy.ofWh(500));
        assertThat(resultOf(a, id("aa", 1)).matched()).isEqualTo(Energy.ZERO);
        // aa's equal bid is left out, so the price rises to the common limit.
        assertThat(a.price()).contains(price("0.20"));
    }

    @Test
    void aBookOfNOrdersYieldsAtMostNMinusOneTrades() {
        java.util.Random r = new java.util.Random(7);
        List<Order> orders = new java.util.ArrayList<>();
        for (int k = 0; k < 2000; k++) {
            String limit = "0." + (10 + r.nextInt(20));
            orders.add(
                    r.nextBoolean()
                            ? buy("n" + k, 1, 1 + r.nextInt(5000), limit, k)
                            : sell("n" + k, 1, 1 + r.nextInt(5000), limit, k));
        }
        for (Pricing pricing : Pricing.values()) {
            Allocation a = Clearing.clear(auctionBook(pricing, orders));

            assertThat(a.trades().size()).isLessThan(orders.size());
            assertThat(a.trades()).isNotEmpty();
        }
    }
}
