package org.ebc.gateway.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ebc.gateway.market.MarketFixtures.buy;
import static org.ebc.gateway.market.MarketFixtures.id;
import static org.ebc.gateway.market.MarketFixtures.postedBook;
import static org.ebc.gateway.market.MarketFixtures.price;
import static org.ebc.gateway.market.MarketFixtures.resultOf;
import static org.ebc.gateway.market.MarketFixtures.sell;

import java.util.List;
import org.ebc.units.Energy;
import org.ebc.units.Price;
import org.junit.jupiter.api.Test;

class PostedMarketTest {
    private static final Price FEED_IN = price("0.08");
    private static final Price RETAIL = price("0.30");

    @Test
    void thePostedPriceRisesFromFeedInTowardsRetailWithTheDemandSupplyRatio() {
        // p = 0.08 + floor(0.22 × D / (D + S_ref))
        assertThat(posted(1000, 1000)).isEqualTo(price("0.19"));
        assertThat(posted(3000, 1000)).isEqualTo(price("0.245"));
        assertThat(posted(1000, 3000)).isEqualTo(price("0.135"));
        // 0.22 × 1/3 = 0.07333333|33…: rounded down to a whole minor unit.
        assertThat(posted(1000, 2000)).isEqualTo(price("0.15333333"));
        assertThat(posted(1, 1_000_000)).isEqualTo(price("0.08000021"));
    }

    @Test
    void noDemandPostsTheFeedInTariffAndNoKnownSupplyTheRetailTariff() {
        assertThat(posted(0, 5000)).isEqualTo(FEED_IN);
        assertThat(posted(0, 0)).isEqualTo(FEED_IN);
        assertThat(posted(5000, 0)).isEqualTo(RETAIL);
    }

    @Test
    void thePostedPriceNeverLeavesTheTariffBandAndNeverFallsAsDemandGrows() {
        java.util.Random r = new java.util.Random(11);
        for (int k = 0; k < 10_000; k++) {
            long d = r.nextInt(1_000_000);
            long s = r.nextInt(1_000_000);
            Price p = posted(d, s);
            assertThat(p).isBetween(FEED_IN, RETAIL);
            assertThat(posted(d + 1 + r.nextInt(1000), s)).isGreaterThanOrEqualTo(p);
            assertThat(posted(d, s + 1 + r.nextInt(1000))).isLessThanOrEqualTo(p);
        }
    }

    @Test
    void whenSupplyExceedsDemandEachSellerSellsItsShareOfTheDemand() {
        // D = 500 Wh, S = 1000 Wh offered 600/300/100: the sellers sell 300/150/50.
        Allocation a = Clearing.clear(postedBook(
                1000,
                List.of(
                        buy("b", 1, 500, "0.30", 0),
                        sell("s1", 1, 600, "0.08", 1),
                        sell("s2", 1, 300, "0.08", 2),
                        sell("s3", 1, 100, "0.08", 3))));

        assertThat(a.price()).contains(posted(500, 1000));
        assertThat(List.of(id("s1", 1), id("s2", 1), id("s3", 1)))
                .extracting(o -> resultOf(a, o).matched().wh())
                .containsExactly(300L, 150L, 50L);
        assertThat(resultOf(a, id("b", 1)).matched()).isEqualTo(Energy.ofWh(500));
        assertThat(a.gridExport()).isEqualTo(Energy.ofWh(500));
        assertThat(a.trades()).extracting(Trade::price).containsOnly(posted(500, 1000));
    }

    @Test
    void whenSupplyIsShortEachBuyerGetsItsShareAndTheRestComesFromTheGrid() {
        // S = 100 Wh for requests of 100, 100, 100 Wh: 33.33 each; the one Wh left goes to the earliest arrival.
        Allocation a = Clearing.clear(postedBook(
                100,
                List.of(
                        buy("b3", 1, 100, "0.30", 5),
                        buy("b1", 1, 100, "0.30", 2),
                        buy("b2", 1, 100, "0.30", 4),
                        sell("s", 1, 100, "0.08", 9))));

        assertThat(List.of(id("b1", 1), id("b2", 1), id("b3", 1)))
                .extracting(o -> resultOf(a, o).matched().wh())
                .containsExactly(34L, 33L, 33L);
        assertThat(a.gridImport()).isEqualTo(Energy.ofWh(200));
        assertThat(a.volume()).isEqualTo(Energy.ofWh(100));
    }

    @Test
    void theLargestRemainderWinsTheLeftOverWattHours() {
        // S = 10 Wh among requests of 7 and 13 Wh: quotas 3.5 and 6.5; equal remainders, earlier arrival gets it.
        // Among 1, 2, 4 Wh (S = 3): quotas 0.43, 0.86, 1.71: floors 0, 0, 1, the two left go to .86 and .71.
        Allocation a = Clearing.clear(postedBook(
                10, List.of(buy("x", 1, 7, "0.30", 1), buy("y", 1, 13, "0.30", 0), sell("s", 1, 10, "0.08", 2))));
        Allocation b = Clearing.clear(postedBook(
                3,
                List.of(
                        buy("p", 1, 1, "0.30", 0),
                        buy("q", 1, 2, "0.30", 1),
                        buy("r", 1, 4, "0.30", 2),
                        sell("s", 1, 3, "0.08", 3))));

        assertThat(resultOf(a, id("y", 1)).matched().wh()).isEqualTo(7);
        assertThat(resultOf(a, id("x", 1)).matched().wh()).isEqualTo(3);
        assertThat(List.of(id("p", 1), id("q", 1), id("r", 1)))
                .extracting(o -> resultOf(b, o).matched().wh())
                .containsExactly(0L, 1L, 2L);
    }

    @Test
    void aRequestBelowThePostedPriceAndAnOfferAboveItAreNotMatched() {
        OrderBook book = postedBook(
                1000,
                List.of(
                        buy("cheap", 1, 500, "0.10", 0),
                        buy("b", 1, 500, "0.30", 1),
                        sell("greedy", 1, 500, "0.29", 2),
                        sell("s", 1, 500, "0.08", 3)));
        Allocation a = Clearing.clear(book);

        assertThat(a.price()).contains(price("0.19")); // D counts every request: 1000 Wh against S_ref 1000
        assertThat(resultOf(a, id("cheap", 1)).matched()).isEqualTo(Energy.ZERO);
        assertThat(resultOf(a, id("greedy", 1)).matched()).isEqualTo(Energy.ZERO);
        assertThat(a.trades()).singleElement().satisfies(t -> {
            assertThat(t.buy()).isEqualTo(id("b", 1));
            assertThat(t.sell()).isEqualTo(id("s", 1));
            assertThat(t.energy()).isEqualTo(Energy.ofWh(500));
        });
    }

    @Test
    void aPostedSlotWithoutOffersBuysAllDemandFromTheGrid() {
        Allocation a = Clearing.clear(postedBook(0, List.of(buy("b", 1, 700, "0.30", 0))));

        assertThat(a.price()).contains(RETAIL);
        assertThat(a.trades()).isEmpty();
        assertThat(a.gridImport()).isEqualTo(Energy.ofWh(700));
    }

    private static Price posted(long demand, long referenceSupply) {
        return PostedTerms.postedPrice(FEED_IN, RETAIL, Energy.ofWh(demand), Energy.ofWh(referenceSupply));
    }
}
