package org.ebc.gateway.settlement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ebc.gateway.market.MarketFixtures.auctionBook;
import static org.ebc.gateway.market.MarketFixtures.grid;
import static org.ebc.gateway.market.MarketFixtures.id;
import static org.ebc.gateway.market.MarketFixtures.walletOf;
import static org.ebc.gateway.settlement.SettlementTest.exported;
import static org.ebc.gateway.settlement.SettlementTest.imported;
import static org.ebc.gateway.settlement.SettlementTest.sixtyPercentOrders;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.ebc.gateway.market.Allocation;
import org.ebc.gateway.market.Clearing;
import org.ebc.gateway.market.MarketFixtures;
import org.ebc.gateway.market.Pricing;
import org.ebc.gateway.verify.ReadingFlags;
import org.ebc.units.CoinAmount;
import org.ebc.units.Energy;
import org.ebc.units.NodeId;
import org.ebc.units.Power;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * docs/decisions.md § Part D — settlement without proof: a node whose border readings prove nothing is settled as
 * having delivered and taken nothing. The slot: s sells 600 Wh to b1 and 400 Wh to b2 at 0.15 (pay-as-clear).
 */
class SettlementWithoutProofTest {
    private final Allocation allocation = Clearing.clear(auctionBook(Pricing.PAY_AS_CLEAR, sixtyPercentOrders()));

    private static Map<NodeId, NodeEvidence> allDelivered() {
        Map<NodeId, NodeEvidence> e = new HashMap<>();
        e.put(NodeId.of("s"), exported(1000));
        e.put(NodeId.of("b1"), imported(600));
        e.put(NodeId.of("b2"), imported(400));
        return e;
    }

    @ParameterizedTest
    @EnumSource(ProofFailure.class)
    void aSellerWithoutProofIsPaidNothingAndItsBuyersBuyFromTheGridAtRetail(ProofFailure failure) {
        Map<NodeId, NodeEvidence> e = allDelivered();
        e.put(
                NodeId.of("s"),
                new NodeEvidence(
                        BorderEvidence.registers(Energy.ZERO, Energy.ofWh(5)), BorderEvidence.unproven(failure)));

        SlotSettlement s = Settlement.settle(allocation, e, grid());

        assertThat(s.lines(BillKind.P2P)).isEmpty();
        assertThat(s.lines(BillKind.GRID_EXPORT)).isEmpty();
        assertThat(s.lines(BillKind.GRID_IMPORT))
                .extracting(
                        l -> l.buyOrder().orElseThrow(),
                        l -> l.energy().wh(),
                        l -> l.amount().minorUnits())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(id("b1", 1), 600L, 600 * 30_000L),
                        org.assertj.core.groups.Tuple.tuple(id("b2", 1), 400L, 400 * 30_000L));
        NodeSettlement seller = s.node(NodeId.of("s")).orElseThrow();
        assertThat(seller.proven()).isFalse();
        assertThat(((Metering.Unproven) seller.metering()).reason()).isEqualTo("end-" + failure.wireName());
        assertThat(seller.earned()).isEqualTo(CoinAmount.ZERO);
        assertThat(seller.delivered()).isEqualTo(Energy.ZERO);
        assertThat(s.unproven()).extracting(NodeSettlement::node).containsExactly(NodeId.of("s"));
    }

    @ParameterizedTest
    @EnumSource(ProofFailure.class)
    void aBuyerWithoutProofGetsNoBillAndItsSellersEnergyTowardsItIsSoldToTheGridAtFeedIn(ProofFailure failure) {
        Map<NodeId, NodeEvidence> e = allDelivered();
        e.put(NodeId.of("b1"), new NodeEvidence(BorderEvidence.unproven(failure), BorderEvidence.missing()));

        SlotSettlement s = Settlement.settle(allocation, e, grid());

        assertThat(s.linesOf(NodeId.of("b1"))).isEmpty();
        assertThat(s.lines(BillKind.P2P))
                .singleElement()
                .satisfies(l -> assertThat(l.buyOrder()).contains(id("b2", 1)));
        assertThat(s.lines(BillKind.GRID_EXPORT)).singleElement().satisfies(l -> {
            assertThat(l.payee()).isEqualTo(walletOf("s"));
            assertThat(l.energy()).isEqualTo(Energy.ofWh(600));
            assertThat(l.amount()).isEqualTo(CoinAmount.ofMinorUnits(600 * 8_000L));
        });
        NodeSettlement buyer = s.node(NodeId.of("b1")).orElseThrow();
        assertThat(((Metering.Unproven) buyer.metering()).reason()).isEqualTo("start-" + failure.wireName());
        assertThat(buyer.paid()).isEqualTo(CoinAmount.ZERO);
    }

    @Test
    void aParticipantWithNoEvidenceAtAllCountsAsMissingAtTheStart() {
        Map<NodeId, NodeEvidence> e = allDelivered();
        e.remove(NodeId.of("b2"));

        SlotSettlement s = Settlement.settle(allocation, e, grid());

        assertThat(((Metering.Unproven) s.node(NodeId.of("b2")).orElseThrow().metering()).reason())
                .isEqualTo("start-missing");
        assertThat(s.linesOf(NodeId.of("b2"))).isEmpty();
        assertThat(s.energy(BillKind.GRID_EXPORT)).isEqualTo(Energy.ofWh(400));
    }

    @Test
    void evidenceOfNodesWithoutAnOrderIsIgnored() {
        Map<NodeId, NodeEvidence> e = allDelivered();
        e.put(NodeId.of("bystander"), exported(5000));

        SlotSettlement s = Settlement.settle(allocation, e, grid());

        assertThat(s.nodes()).extracting(NodeSettlement::node).doesNotContain(NodeId.of("bystander"));
        assertThat(s.canonicalBytes())
                .isEqualTo(Settlement.settle(allocation, allDelivered(), grid()).canonicalBytes());
    }

    @Test
    void registersThatWentDownAreImplausible() {
        NodeEvidence e = NodeEvidence.of(Energy.ofWh(500), Energy.ofWh(100), Energy.ofWh(499), Energy.ofWh(900));

        assertThat(e.metering()).isEqualTo(new Metering.Unproven(Border.END, ProofFailure.IMPLAUSIBLE));
    }

    @Test
    void moreEnergyThanTheRatedConnectionCarriesInTheSlotIsImplausible() {
        // 15 min at 4 kW is 1000 Wh: exactly 1000 passes, 1001 does not.
        Power rated = Power.ofWatts(4000);
        NodeEvidence ok = exported(1000).checkedAgainst(rated, MarketFixtures.SLOT);
        NodeEvidence tooMuch = exported(1001).checkedAgainst(rated, MarketFixtures.SLOT);
        NodeEvidence importTooMuch = imported(1001).checkedAgainst(rated, MarketFixtures.SLOT);

        assertThat(ok).isEqualTo(exported(1000));
        assertThat(tooMuch.metering()).isEqualTo(new Metering.Unproven(Border.END, ProofFailure.IMPLAUSIBLE));
        assertThat(importTooMuch.metering()).isEqualTo(new Metering.Unproven(Border.END, ProofFailure.IMPLAUSIBLE));
        assertThat(NodeEvidence.MISSING.checkedAgainst(rated, MarketFixtures.SLOT))
                .isEqualTo(NodeEvidence.MISSING);
    }

    @Test
    void aVerifiedReadingsFlagsDecideWhetherItProvesAnything() {
        Energy imp = Energy.ofWh(1234);
        Optional<Energy> exp = Optional.of(Energy.ofWh(99));

        assertThat(BorderEvidence.ofReading(imp, exp, 0)).isEqualTo(BorderEvidence.registers(imp, Energy.ofWh(99)));
        assertThat(BorderEvidence.ofReading(imp, Optional.empty(), 0))
                .isEqualTo(BorderEvidence.registers(imp, Energy.ZERO));
        assertThat(BorderEvidence.ofReading(imp, exp, ReadingFlags.METER_ERROR | ReadingFlags.STATUS_NOT_GOOD))
                .isEqualTo(BorderEvidence.unproven(ProofFailure.ERROR_FLAG));
        assertThat(BorderEvidence.ofReading(imp, exp, ReadingFlags.STATUS_NOT_GOOD))
                .isEqualTo(BorderEvidence.unproven(ProofFailure.STATUS_NOT_GOOD));
        assertThat(BorderEvidence.ofReading(imp, exp, ReadingFlags.CLOCK_UNSYNCHRONISED))
                .isEqualTo(BorderEvidence.unproven(ProofFailure.CLOCK_NOT_SYNCHRONISED));
        assertThat(BorderEvidence.ofReading(imp, exp, ReadingFlags.CLOCK_RELATIVE))
                .isEqualTo(BorderEvidence.unproven(ProofFailure.CLOCK_NOT_SYNCHRONISED));
    }

    @Test
    void aNodeThatBothBuysAndSellsWithoutProofIsNeitherBilledNorPaid() {
        Allocation a = Clearing.clear(auctionBook(
                Pricing.PAY_AS_CLEAR,
                java.util.List.of(
                        MarketFixtures.buy("x", 1, 300, "0.30", 0),
                        MarketFixtures.sell("x", 2, 200, "0.05", 1),
                        MarketFixtures.sell("y", 1, 300, "0.06", 2),
                        MarketFixtures.buy("z", 1, 200, "0.25", 3))));
        Map<NodeId, NodeEvidence> e = new HashMap<>();
        e.put(NodeId.of("x"), NodeEvidence.MISSING);
        e.put(NodeId.of("y"), exported(300));
        e.put(NodeId.of("z"), imported(200));

        SlotSettlement s = Settlement.settle(a, e, grid());

        assertThat(s.linesOf(NodeId.of("x"))).isEmpty();
        // z still takes 200 Wh; whatever x was to deliver to it comes from the grid.
        NodeSettlement z = s.node(NodeId.of("z")).orElseThrow();
        assertThat(z.p2pImport().plus(z.gridImport())).isEqualTo(Energy.ofWh(200));
        NodeSettlement y = s.node(NodeId.of("y")).orElseThrow();
        assertThat(y.p2pExport().plus(y.gridExport())).isEqualTo(Energy.ofWh(300));
    }
}
