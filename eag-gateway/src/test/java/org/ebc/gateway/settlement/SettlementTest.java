package org.ebc.gateway.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ebc.gateway.market.MarketFixtures.auctionBook;
import static org.ebc.gateway.market.MarketFixtures.buy;
import static org.ebc.gateway.market.MarketFixtures.grid;
import static org.ebc.gateway.market.MarketFixtures.id;
import static org.ebc.gateway.market.MarketFixtures.postedBook;
import static org.ebc.gateway.market.MarketFixtures.price;
import static org.ebc.gateway.market.MarketFixtures.sell;
import static org.ebc.gateway.market.MarketFixtures.walletOf;

import java.util.List;
import java.util.Map;
import org.ebc.gateway.market.Allocation;
import org.ebc.gateway.market.Clearing;
import org.ebc.gateway.market.OrderBook;
import org.ebc.gateway.market.Pricing;
import org.ebc.units.CoinAmount;
import org.ebc.units.Energy;
import org.ebc.units.NodeId;
import org.ebc.units.Price;
import org.junit.jupiter.api.Test;

/**
 * The case in each mode: seller s sold 1000 Wh to b1 (600 Wh) and b2 (400 Wh) but its meter shows only
 * 600 Wh exported (60 %). Both buyers took all they ordered. s is paid for 600 Wh, shared 360 / 240; the buyers'
 * shortfall (240 and 160 Wh) is bought from the grid at retail (0.30 EC/kWh = 30,000 minor units per Wh).
 */
class SettlementTest {

    static Map<NodeId, NodeEvidence> sixtyPercent() {
        return Map.of(
                NodeId.of("s"), exported(600),
                NodeId.of("b1"), imported(600),
                NodeId.of("b2"), imported(400));
    }

    static NodeEvidence imported(long wh) {
        return NodeEvidence.of(Energy.ofWh(10_000), Energy.ofWh(50), Energy.ofWh(10_000 + wh), Energy.ofWh(50));
    }

    static NodeEvidence exported(long wh) {
        return NodeEvidence.of(Energy.ofWh(70), Energy.ofWh(20_000), Energy.ofWh(70), Energy.ofWh(20_000 + wh));
    }

    static List<org.ebc.gateway.market.Order> sixtyPercentOrders() {
        return List.of(buy("b1", 1, 600, "0.25", 0), buy("b2", 1, 400, "0.20", 1), sell("s", 1, 1000, "0.10", 2));
    }

    @Test
    void postedASellerThatDeliversSixtyPercentIsPaidForSixtyPercentAndItsBuyersShortfallComesFromTheGrid() {
        // D = 1000 Wh, S_ref = 1000 Wh: p = 0.08 + 0.22 × 1/2 = 0.19 EC/kWh = 19,000 minor units per Wh.
        OrderBook book = postedBook(1000, sixtyPercentOrders());
        assertThat(book.posted().orElseThrow().price()).isEqualTo(price("0.19"));

        SlotSettlement s = settle(book);

        assertSixtyPercentLines(s, price("0.19"), price("0.19"), 360 * 19_000L, 240 * 19_000L);
    }

    @Test
    void payAsClearASellerThatDeliversSixtyPercentIsPaidForSixtyPercentAndItsBuyersShortfallComesFromTheGrid() {
        // Marginal pair (b2 0.20, s 0.10), nothing left on either side: p = 0.15 = 15,000 minor units per Wh.
        SlotSettlement s = settle(auctionBook(Pricing.PAY_AS_CLEAR, sixtyPercentOrders()));

        assertSixtyPercentLines(s, price("0.15"), price("0.15"), 360 * 15_000L, 240 * 15_000L);
    }

    @Test
    void payAsBidASellerThatDeliversSixtyPercentIsPaidForSixtyPercentAndItsBuyersShortfallComesFromTheGrid() {
        // Each pair at the buyer's limit: b1 at 0.25 (25,000 per Wh), b2 at 0.20 (20,000 per Wh).
        SlotSettlement s = settle(auctionBook(Pricing.PAY_AS_BID, sixtyPercentOrders()));

        assertSixtyPercentLines(s, price("0.25"), price("0.20"), 360 * 25_000L, 240 * 20_000L);
    }

    private static SlotSettlement settle(OrderBook book) {
        Allocation a = Clearing.clear(book);
        assertThat(a.volume()).isEqualTo(Energy.ofWh(1000));
        return Settlement.settle(a, sixtyPercent(), grid());
    }

    private static void assertSixtyPercentLines(
            SlotSettlement s, Price toB1, Price toB2, long b1Amount, long b2Amount) {
        String slot = s.slot().startMs() + "-";
        assertThat(s.lines())
                .containsExactly(
                        line(
                                slot + 0,
                                BillKind.P2P,
                                of("s"),
                                of("b1"),
                                walletOf("b1"),
                                walletOf("s"),
                                360,
                                toB1,
                                b1Amount),
                        line(
                                slot + 1,
                                BillKind.P2P,
                                of("s"),
                                of("b2"),
                                walletOf("b2"),
                                walletOf("s"),
                                240,
                                toB2,
                                b2Amount),
                        line(
                                slot + 2,
                                BillKind.GRID_IMPORT,
                                none(),
                                of("b1"),
                                walletOf("b1"),
                                grid(),
                                240,
                                price("0.30"),
                                240 * 30_000L),
                        line(
                                slot + 3,
                                BillKind.GRID_IMPORT,
                                none(),
                                of("b2"),
                                walletOf("b2"),
                                grid(),
                                160,
                                price("0.30"),
                                160 * 30_000L));
        NodeSettlement seller = s.node(NodeId.of("s")).orElseThrow();
        assertThat(seller.sold()).isEqualTo(Energy.ofWh(1000));
        assertThat(seller.delivered()).isEqualTo(Energy.ofWh(600));
        assertThat(seller.earned()).isEqualTo(CoinAmount.ofMinorUnits(b1Amount + b2Amount));
        assertThat(seller.gridExport()).isEqualTo(Energy.ZERO);
        assertThat(s.node(NodeId.of("b1")).orElseThrow().paid())
                .isEqualTo(CoinAmount.ofMinorUnits(b1Amount + 240 * 30_000L));
        assertThat(s.amount(BillKind.P2P)).isEqualTo(CoinAmount.ofMinorUnits(b1Amount + b2Amount));
        assertThat(s.energy(BillKind.GRID_IMPORT)).isEqualTo(Energy.ofWh(400));
        assertThat(s.unproven()).isEmpty();
    }

    private static java.util.Optional<String> of(String node) {
        return java.util.Optional.of(node);
    }

    private static java.util.Optional<String> none() {
        return java.util.Optional.empty();
    }

    static BillLine line(
            String lineId,
            BillKind kind,
            java.util.Optional<String> sellNode,
            java.util.Optional<String> buyNode,
            org.ebc.wallet.WalletAddress payer,
            org.ebc.wallet.WalletAddress payee,
            long wh,
            Price price,
            long amount) {
        return new BillLine(
                lineId,
                kind,
                sellNode.map(n -> id(n, 1)),
                buyNode.map(n -> id(n, 1)),
                payer,
                payee,
                Energy.ofWh(wh),
                price,
                CoinAmount.ofMinorUnits(amount));
    }

    @Test
    void aBuyerThatTookLessThanWasDeliveredPaysOnlyForWhatItTookAndTheRestIsSoldToTheGrid() {
        // s delivers all 1000 Wh, but b1's import shows 300 Wh: b1 pays p2p for 300 Wh; the 300 Wh that s fed
        // towards b1 and b1 did not take went to the grid: a grid-export line at feed-in (0.08 = 8,000 per Wh).
        Allocation a = Clearing.clear(auctionBook(Pricing.PAY_AS_CLEAR, sixtyPercentOrders()));

        SlotSettlement s = Settlement.settle(
                a,
                Map.of(NodeId.of("s"), exported(1000), NodeId.of("b1"), imported(300), NodeId.of("b2"), imported(400)),
                grid());

        assertThat(s.lines(BillKind.P2P)).extracting(l -> l.energy().wh()).containsExactly(300L, 400L);
        assertThat(s.lines(BillKind.GRID_IMPORT)).isEmpty();
        assertThat(s.lines(BillKind.GRID_EXPORT)).singleElement().satisfies(l -> {
            assertThat(l.sellOrder()).contains(id("s", 1));
            assertThat(l.payer()).isEqualTo(grid());
            assertThat(l.payee()).isEqualTo(walletOf("s"));
            assertThat(l.energy()).isEqualTo(Energy.ofWh(300));
            assertThat(l.amount()).isEqualTo(CoinAmount.ofMinorUnits(300 * 8_000L));
        });
    }

    @Test
    void aBuyerSupplyingSeveralTradesWithTooLittleImportHasEachShareScaledDown() {
        // b buys 600 Wh from s1 and 300 Wh from s2 (both delivered), but imports only 450 Wh: 300 + 150.
        Allocation a = Clearing.clear(auctionBook(
                Pricing.PAY_AS_BID,
                List.of(buy("b", 1, 900, "0.30", 0), sell("s1", 1, 600, "0.10", 1), sell("s2", 1, 300, "0.11", 2))));

        SlotSettlement s = Settlement.settle(
                a,
                Map.of(NodeId.of("b"), imported(450), NodeId.of("s1"), exported(600), NodeId.of("s2"), exported(300)),
                grid());

        assertThat(s.lines(BillKind.P2P)).extracting(l -> l.energy().wh()).containsExactly(300L, 150L);
        assertThat(s.node(NodeId.of("b")).orElseThrow().p2pImport()).isEqualTo(Energy.ofWh(450));
        assertThat(s.energy(BillKind.GRID_EXPORT)).isEqualTo(Energy.ofWh(450));
    }

    @Test
    void energyBeyondANodesOrderIsOutsideTheMarket() {
        // b1 imports 2000 Wh against its 600 Wh order; s exports 1500 Wh against its 1000 Wh offer.
        Allocation a = Clearing.clear(auctionBook(Pricing.PAY_AS_CLEAR, sixtyPercentOrders()));

        SlotSettlement s = Settlement.settle(
                a,
                Map.of(NodeId.of("s"), exported(1500), NodeId.of("b1"), imported(2000), NodeId.of("b2"), imported(400)),
                grid());

        assertThat(s.lines(BillKind.P2P)).extracting(l -> l.energy().wh()).containsExactly(600L, 400L);
        assertThat(s.lines(BillKind.GRID_IMPORT)).isEmpty();
        assertThat(s.lines(BillKind.GRID_EXPORT)).isEmpty();
    }

    @Test
    void unmatchedSupplyThatWasFedInIsSoldToTheGridAtFeedIn() {
        Allocation a = Clearing.clear(
                auctionBook(Pricing.PAY_AS_CLEAR, List.of(buy("b", 1, 100, "0.09", 0), sell("s", 1, 800, "0.12", 1))));

        SlotSettlement s =
                Settlement.settle(a, Map.of(NodeId.of("s"), exported(500), NodeId.of("b"), imported(100)), grid());

        assertThat(s.lines())
                .extracting(
                        BillLine::kind, l -> l.energy().wh(), l -> l.amount().minorUnits())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(BillKind.GRID_IMPORT, 100L, 100 * 30_000L),
                        org.assertj.core.groups.Tuple.tuple(BillKind.GRID_EXPORT, 500L, 500 * 8_000L));
    }

    @Test
    void everyLineIsRoundedDownOnceAndTheSameIntegerIsDebitedAndCredited() {
        // 7 Wh at 0.00000333 EC/kWh (333 minor units per kWh) = 2.331 minor units: the line says 2, the buyer
        // pays exactly 2 and the seller earns exactly 2; the 0.331 is never created.
        Allocation a = Clearing.clear(auctionBook(
                Pricing.PAY_AS_BID, List.of(buy("b", 1, 7, "0.00000333", 0), sell("s", 1, 7, "0.00000001", 1))));

        SlotSettlement s =
                Settlement.settle(a, Map.of(NodeId.of("s"), exported(7), NodeId.of("b"), imported(7)), grid());

        assertThat(s.lines()).singleElement().satisfies(l -> {
            assertThat(l.energy()).isEqualTo(Energy.ofWh(7));
            assertThat(l.amount()).isEqualTo(CoinAmount.ofMinorUnits(2));
        });
        assertThat(s.node(NodeId.of("b")).orElseThrow().paid())
                .isEqualTo(s.node(NodeId.of("s")).orElseThrow().earned());
    }

    @Test
    void lineIdsAreTheSlotStartAndTheLinePosition() {
        SlotSettlement s = settle(auctionBook(Pricing.PAY_AS_CLEAR, sixtyPercentOrders()));

        assertThat(s.lines())
                .extracting(BillLine::id)
                .containsExactly("1764000000000-0", "1764000000000-1", "1764000000000-2", "1764000000000-3");
        assertThat(s.linesOf(NodeId.of("b2")))
                .extracting(BillLine::id)
                .containsExactly("1764000000000-1", "1764000000000-3");
    }

    @Test
    void theGoldenSlotSettlesToTheCommittedBytes() {
        // The golden allocation: s1 → b1 600 Wh, s1 → b2 100 Wh at 0.20; s2's 500 Wh unmatched; b2 300 Wh to the grid.
        // Meters: s1 exports 420 Wh (60 %): 360 towards b1, 60 towards b2; b2 imports only 50 Wh (pays 50, the
        // other 10 Wh s1 fed in go to the grid at feed-in); b1 imports 600 Wh (360 p2p + 240 from the grid);
        // s2 exports its 500 Wh to the grid.
        Allocation a =
                Clearing.clear(org.ebc.gateway.market.GoldenMarketFiles.book().book());
        org.ebc.wallet.WalletAddress gridAccount = org.ebc.wallet.WalletAddress.tryParse(new String(
                                org.ebc.gateway.market.GoldenMarketFiles.bytes("golden-grid-account.txt"),
                                java.nio.charset.StandardCharsets.US_ASCII)
                        .trim())
                .orElseThrow();

        SlotSettlement s = Settlement.settle(
                a,
                Map.of(
                        NodeId.of("b1"), imported(600),
                        NodeId.of("b2"), imported(50),
                        NodeId.of("s1"), exported(420),
                        NodeId.of("s2"), exported(500)),
                gridAccount);

        assertThat(new String(s.canonicalBytes(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(new String(
                        org.ebc.gateway.market.GoldenMarketFiles.bytes("golden-settlement.json"),
                        java.nio.charset.StandardCharsets.UTF_8));
        assertThat(s.allocationDigest()).isEqualTo(a.digest());
    }
}
