package org.ebc.gateway.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.ebc.gateway.market.MarketFixtures.SLOT;
import static org.ebc.gateway.market.MarketFixtures.auction;
import static org.ebc.gateway.market.MarketFixtures.buy;
import static org.ebc.gateway.market.MarketFixtures.posted;
import static org.ebc.gateway.market.MarketFixtures.price;
import static org.ebc.gateway.market.MarketFixtures.sell;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ebc.units.Energy;
import org.ebc.units.NodeId;
import org.ebc.units.Price;
import org.junit.jupiter.api.Test;

class OrderBookTest {
    private static void assertProblem(
            BookProblem expected, MarketSlot slot, MarketParameters p, List<Order> orders, Optional<PostedTerms> t) {
        Optional<OrderBook.Check> c = OrderBook.check(slot, p, orders, t);
        assertThat(c).as("check").isPresent();
        assertThat(c.get().problem()).isEqualTo(expected);
        assertThat(c.get().detail()).isNotBlank();
        assertThatThrownBy(() -> new OrderBook(slot, p, orders, t))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(expected.name());
    }

    @Test
    void badParametersAreRefused() {
        MarketParameters p = auction(Pricing.PAY_AS_CLEAR);
        MarketParameters bad = new MarketParameters(
                p.mode(),
                p.pricing(),
                p.slotLength(),
                p.gateLead(),
                p.offerWindow(),
                p.settlementGrace(),
                0,
                p.retailTariff(),
                p.feedInTariff(),
                p.maxOrderEnergy(),
                p.maxLimitPrice());
        assertProblem(BookProblem.BAD_PARAMETERS, SLOT, bad, List.of(), Optional.empty());
    }

    @Test
    void aSlotOfAnotherLengthIsRefused() {
        assertProblem(
                BookProblem.SLOT_LENGTH_MISMATCH,
                new MarketSlot(SLOT.startMs(), Duration.ofMinutes(5).toMillis()),
                auction(Pricing.PAY_AS_CLEAR),
                List.of(),
                Optional.empty());
    }

    @Test
    void moreThanTheMaximumNumberOfOrdersIsRefused() {
        Order one = buy("b", 1, 1, "0.10", 0);
        List<Order> many = java.util.Collections.nCopies(OrderBook.MAX_ORDERS + 1, one);
        assertProblem(BookProblem.TOO_MANY_ORDERS, SLOT, auction(Pricing.PAY_AS_CLEAR), many, Optional.empty());
    }

    @Test
    void anOrderIdTwiceIsRefused() {
        assertProblem(
                BookProblem.DUPLICATE_ORDER,
                SLOT,
                auction(Pricing.PAY_AS_CLEAR),
                List.of(buy("b", 1, 10, "0.10", 0), sell("b", 1, 10, "0.10", 1)),
                Optional.empty());
    }

    @Test
    void anArrivalIndexTwiceIsRefused() {
        assertProblem(
                BookProblem.DUPLICATE_ARRIVAL,
                SLOT,
                auction(Pricing.PAY_AS_CLEAR),
                List.of(buy("b", 1, 10, "0.10", 4), sell("s", 1, 10, "0.10", 4)),
                Optional.empty());
    }

    @Test
    void anOrderAboveTheMaximumEnergyOrPriceIsRefused() {
        MarketParameters p = auction(Pricing.PAY_AS_CLEAR);
        assertProblem(
                BookProblem.ORDER_ENERGY_ABOVE_MAXIMUM,
                SLOT,
                p,
                List.of(buy("b", 1, p.maxOrderEnergy().wh() + 1, "0.10", 0)),
                Optional.empty());
        assertProblem(
                BookProblem.LIMIT_PRICE_ABOVE_MAXIMUM,
                SLOT,
                p,
                List.of(sell("s", 1, 10, "1.00000001", 0)),
                Optional.empty());
        assertThat(OrderBook.check(
                        SLOT, p, List.of(sell("s", 1, p.maxOrderEnergy().wh(), "1", 0)), Optional.empty()))
                .isEmpty();
    }

    @Test
    void aBookWhoseTotalValueCouldOverflowACoinAmountIsRefused() {
        // The largest limits the parameters allow: 1 GWh orders, 10,000 EC/kWh. 1 GWh at that price is 10^18 minor
        // units; nine fit a long (9 × 10^18), ten do not.
        MarketParameters d = auction(Pricing.PAY_AS_CLEAR);
        MarketParameters p = new MarketParameters(
                d.mode(),
                d.pricing(),
                d.slotLength(),
                d.gateLead(),
                d.offerWindow(),
                d.settlementGrace(),
                d.horizonSlots(),
                d.retailTariff(),
                d.feedInTariff(),
                MarketParameters.ORDER_ENERGY_CEILING,
                MarketParameters.PRICE_CEILING);
        List<Order> orders = new ArrayList<>();
        for (int k = 0; k < 10; k++) {
            orders.add(buy("b" + k, 1, MarketParameters.ORDER_ENERGY_CEILING.wh(), "0.30", k));
        }
        assertThat(OrderBook.check(SLOT, p, orders.subList(0, 9), Optional.empty()))
                .isEmpty();
        assertProblem(BookProblem.TOTAL_VALUE_TOO_LARGE, SLOT, p, orders, Optional.empty());
    }

    @Test
    void postedTermsMustBeThereInPostedModeAndNowhereElse() {
        List<Order> orders = List.of(buy("b", 1, 500, "0.30", 0));
        PostedTerms t = PostedTerms.compute(posted(), Energy.ofWh(500), Energy.ofWh(500));
        assertProblem(BookProblem.POSTED_TERMS_MISSING, SLOT, posted(), orders, Optional.empty());
        assertProblem(BookProblem.POSTED_TERMS_IN_AUCTION, SLOT, auction(Pricing.PAY_AS_BID), orders, Optional.of(t));
        assertThat(OrderBook.check(SLOT, posted(), orders, Optional.of(t))).isEmpty();
    }

    @Test
    void theBroadcastDemandMustBeTheBooksBuyRequests() {
        List<Order> orders = List.of(buy("b", 1, 500, "0.30", 0), buy("c", 1, 200, "0.30", 1));
        PostedTerms t = PostedTerms.compute(posted(), Energy.ofWh(500), Energy.ofWh(500));
        assertProblem(BookProblem.POSTED_DEMAND_MISMATCH, SLOT, posted(), orders, Optional.of(t));
    }

    @Test
    void theBroadcastPriceMustFollowThePostedPriceRule() {
        List<Order> orders = List.of(buy("b", 1, 500, "0.30", 0));
        PostedTerms wrong = new PostedTerms(Energy.ofWh(500), Energy.ofWh(500), price("0.20"));
        assertProblem(BookProblem.POSTED_PRICE_MISMATCH, SLOT, posted(), orders, Optional.of(wrong));
    }

    @Test
    void switchingRulesDropsOrComputesThePostedTerms() {
        List<Order> orders = List.of(buy("b", 1, 500, "0.30", 0), sell("s", 1, 300, "0.08", 1));
        OrderBook postedBook = MarketFixtures.postedBook(700, orders);

        OrderBook asAuction = postedBook.withRules(MarketMode.AUCTION, Pricing.PAY_AS_BID, Energy.ZERO);
        OrderBook backToPosted = asAuction.withRules(MarketMode.POSTED, Pricing.PAY_AS_CLEAR, Energy.ofWh(700));

        assertThat(asAuction.posted()).isEmpty();
        assertThat(asAuction.parameters().pricing()).isEqualTo(Pricing.PAY_AS_BID);
        assertThat(backToPosted).isEqualTo(postedBook);
        assertThat(postedBook.demand()).isEqualTo(Energy.ofWh(500));
        assertThat(postedBook.supply()).isEqualTo(Energy.ofWh(300));
        Price p = postedBook.posted().orElseThrow().price();
        assertThat(postedBook
                        .withRules(MarketMode.POSTED, Pricing.PAY_AS_BID, Energy.ZERO)
                        .posted()
                        .orElseThrow()
                        .price())
                .as("existing terms are kept")
                .isEqualTo(p);
    }

    @Test
    void ordersRefuseImpossibleValuesAtConstruction() {
        assertThatThrownBy(() -> buy("b", 1, 0, "0.10", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> buy("b", -1, 10, "0.10", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> buy("b", 1, 10, "0.10", -1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(OrderId.parse("node-1/42")).contains(new OrderId(NodeId.of("node-1"), 42));
        assertThat(OrderId.parse("node-1/")).isEmpty();
        assertThat(OrderId.parse("/42")).isEmpty();
        assertThat(OrderId.parse("no de/1")).isEmpty();
        assertThat(OrderId.parse("n/-1")).isEmpty();
        assertThat(OrderId.parse("n/99999999999999999999")).isEmpty();
    }
}
