package org.ebc.gateway.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ebc.gateway.market.MarketFixtures.auctionBook;
import static org.ebc.gateway.market.MarketFixtures.buy;
import static org.ebc.gateway.market.MarketFixtures.id;
import static org.ebc.gateway.market.MarketFixtures.price;
import static org.ebc.gateway.market.MarketFixtures.sell;
import static org.ebc.gateway.market.MarketFixtures.walletOf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.ebc.units.Energy;
import org.ebc.units.NodeId;
import org.junit.jupiter.api.Test;

class AllocationTest {

    @Test
    void theGoldenBookClearsToTheCommittedBytes() {
        // Auction, pay-as-clear. b1 (0.25, 600 Wh) takes 600 of s1's 700 Wh (0.10); b2 (0.20, 400 Wh) takes the
        // other 100; s2 (0.22) does not cross b2. Marginal pair (b2, s1); b2 is left with energy, so
        // L = max(0.10, 0.20) = 0.20 and U = min(0.20, s2's 0.22) = 0.20: price 0.20. Grid: b2's 300 Wh in, s2's
        // 500 Wh out.
        Allocation a = Clearing.clear(GoldenMarketFiles.book().book());

        assertThat(a.price()).contains(price("0.20"));
        assertThat(a.volume()).isEqualTo(Energy.ofWh(700));
        assertThat(new String(a.canonicalBytes(), StandardCharsets.UTF_8))
                .isEqualTo(new String(GoldenMarketFiles.bytes("golden-allocation.json"), StandardCharsets.UTF_8));
        assertThat(a.digest())
                .isEqualTo(ContentDigest.sha256Hex(GoldenMarketFiles.bytes("golden-allocation.json")))
                .hasSize(64);
    }

    @Test
    void theSameBookInAnyOrderGivesTheSameBytes() {
        Random r = new Random(5);
        List<Order> orders = new ArrayList<>();
        for (int k = 0; k < 300; k++) {
            // Few distinct prices, so that ties (broken by arrival) are everywhere.
            String limit = "0." + (15 + r.nextInt(4));
            orders.add(
                    k % 2 == 0
                            ? buy("n" + (k % 37), k, 1 + r.nextInt(900), limit, 1000 - k)
                            : sell("n" + (k % 41), k, 1 + r.nextInt(900), limit, 1000 - k));
        }
        for (MarketMode mode : MarketMode.values()) {
            for (Pricing pricing : Pricing.values()) {
                OrderBook book = OrderBook.of(
                        MarketFixtures.SLOT,
                        MarketParameters.DEFAULTS.withRules(mode, pricing),
                        orders,
                        Energy.ofWh(20_000));
                byte[] first = Clearing.clear(book).canonicalBytes();
                for (int s = 0; s < 5; s++) {
                    List<Order> shuffled = new ArrayList<>(orders);
                    Collections.shuffle(shuffled, new Random(s));
                    OrderBook again = new OrderBook(book.slot(), book.parameters(), shuffled, book.posted());

                    assertThat(Clearing.clear(again).canonicalBytes()).isEqualTo(first);
                }
            }
        }
    }

    @Test
    void aNodesViewHoldsOnlyItsOwnOrdersAndTrades() {
        Allocation a = Clearing.clear(auctionBook(
                Pricing.PAY_AS_CLEAR,
                List.of(
                        buy("b1", 1, 600, "0.25", 0),
                        buy("b2", 1, 400, "0.20", 1),
                        sell("s", 1, 700, "0.10", 2),
                        buy("s", 2, 50, "0.01", 3))));

        NodeAllocation b1 = a.viewOf(NodeId.of("b1"));
        NodeAllocation s = a.viewOf(NodeId.of("s"));

        assertThat(b1.orders()).extracting(OrderResult::order).containsExactly(id("b1", 1));
        assertThat(b1.purchases()).extracting(Trade::seller).containsOnly(walletOf("s"));
        assertThat(b1.sales()).isEmpty();
        assertThat(b1.bought()).isEqualTo(Energy.ofWh(600));
        assertThat(s.orders()).extracting(OrderResult::order).containsExactly(id("s", 1), id("s", 2));
        assertThat(s.sold()).isEqualTo(Energy.ofWh(700));
        assertThat(s.sales()).extracting(Trade::buyer).containsExactly(walletOf("b1"), walletOf("b2"));
        assertThat(s.gridImport()).isEqualTo(Energy.ofWh(50));
        assertThat(a.participants()).extracting(NodeId::value).containsExactly("b1", "b2", "s");
    }

    @Test
    void theMarketSummaryCarriesAggregatesAndTheDigestOnly() {
        OrderBook book = GoldenMarketFiles.book().book();
        Allocation a = Clearing.clear(book);

        MarketSummary m = a.summary();

        assertThat(m.volume()).isEqualTo(Energy.ofWh(700));
        assertThat(m.gridImport()).isEqualTo(Energy.ofWh(300));
        assertThat(m.gridExport()).isEqualTo(Energy.ofWh(500));
        assertThat(m.orders()).isEqualTo(4);
        assertThat(m.trades()).isEqualTo(2);
        assertThat(m.price()).contains(price("0.20"));
        assertThat(m.digest()).isEqualTo(a.digest());
        // Nothing in it names a node or a wallet.
        for (Order o : book.orders()) {
            assertThat(m.toString())
                    .doesNotContain(o.node().value() + "/", o.wallet().toString());
        }
        assertThat(java.util.Arrays.stream(MarketSummary.class.getRecordComponents())
                        .map(c -> c.getType().getSimpleName()))
                .doesNotContain("NodeId", "WalletAddress", "OrderId", "Trade", "OrderResult", "List");
    }
}
