package org.ebc.agent.trading;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.ebc.agent.register.EnergyRegisters;
import org.ebc.agent.testing.MutableClock;
import org.ebc.crypto.KeyId;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.EnvelopeResult;
import org.ebc.trade.DemandNotice;
import org.ebc.trade.MarketInfo;
import org.ebc.trade.NodeAllocation;
import org.ebc.trade.Order;
import org.ebc.trade.Receipt;
import org.ebc.trade.Side;
import org.ebc.units.Energy;
import org.ebc.units.Price;
import org.junit.jupiter.api.Test;

/**
 * The trader's orders, with an in-memory ledger, a clock the test moves and real signatures: one order per
 * slot at the border, published until receipted, refusals recorded once, posted mode's timing.
 */
class TraderOrdersTest {
    private final TradeFixtures f = new TradeFixtures();
    private final MemoryTradeLedger ledger = new MemoryTradeLedger();
    private final RecordingOutgoing out = new RecordingOutgoing();
    private final MutableClock clock = new MutableClock(TradeFixtures.T0);
    private final Trader trader =
            new Trader(f.nodeKey(), f.wallets, TradeFixtures.config(100), TradeFixtures.SLOT, ledger, out, clock);

    /** Border readings at T0 and T0 + 1 slot with this net flow in between; the clock ends at the second. */
    private void slotWith(long importWh, long exportWh) {
        clock.set(TradeFixtures.T0);
        trader.border(EnergyRegisters.ofWh(0, 0));
        clock.set(TradeFixtures.T0.plus(TradeFixtures.SLOT));
        trader.border(EnergyRegisters.ofWh(importWh, exportWh));
    }

    private Order verified(byte[] raw) {
        EnvelopeResult r = EnvelopeCodec.verify(
                raw,
                k -> k.equals(KeyId.of(f.nodeKeys.getPublic()))
                        ? Optional.of(f.nodeKeys.getPublic())
                        : Optional.empty());
        assertThat(r.isOk()).as(r.detail()).isTrue();
        return Order.from(r.envelope()).value();
    }

    private Receipt receipt(long seq, Receipt.Status status, String reason) {
        return new Receipt(
                TradeFixtures.EAG, 1, clock.instant(), TradeFixtures.NODE, "order", "" + seq, status, reason, "");
    }

    @Test
    void aSellerOrdersItsSurplusBeyondTheReserveForTheNextOpenSlotSignedByItsNodeKey() {
        trader.marketInfo(TradeFixtures.auction());
        slotWith(100, 900);

        assertThat(out.orders).hasSize(1);
        Order o = verified(out.orders.get(0));
        assertThat(o.node()).isEqualTo(TradeFixtures.NODE);
        assertThat(o.seq()).isEqualTo(1);
        assertThat(o.slot()).isEqualTo(TradeFixtures.T0.plus(TradeFixtures.SLOT.multipliedBy(2)));
        assertThat(o.side()).isEqualTo(Side.SELL);
        assertThat(o.energy()).isEqualTo(Energy.ofWh(700));
        assertThat(o.limit()).isEqualTo(TradeFixtures.FEED_IN);
        assertThat(o.address()).isEqualTo(f.firstInTextOrder);
        assertThat(ledger.order(1).orElseThrow().state()).isEqualTo(OrderState.SENT);
    }

    @Test
    void aBuyerBidsAtMostRetail() {
        trader.marketInfo(TradeFixtures.auction());
        slotWith(1000, 100);
        Order o = verified(out.orders.get(0));
        assertThat(o.side()).isEqualTo(Side.BUY);
        assertThat(o.energy()).isEqualTo(Energy.ofWh(800));
        assertThat(o.limit()).isEqualTo(TradeFixtures.RETAIL);
    }

    @Test
    void aNodeWithinItsReserveOrdersNothing() {
        trader.marketInfo(TradeFixtures.auction());
        slotWith(500, 580);
        assertThat(out.orders).isEmpty();
        assertThat(trader.summary(5).lastDecision().orElseThrow().why()).contains("within the reserve");
    }

    @Test
    void neverTwoOrdersForOneSlot() {
        trader.marketInfo(TradeFixtures.auction());
        slotWith(100, 900);
        trader.border(EnergyRegisters.ofWh(100, 2000)); // the same border again, with a bigger surplus
        trader.marketInfo(TradeFixtures.auction()); // and the rules once more
        assertThat(out.orders).hasSize(1);
        assertThat(ledger.nextOrderSeq()).isEqualTo(2);
    }

    @Test
    void theNextSlotsBorderGivesTheNextOrderWithTheNextSequence() {
        trader.marketInfo(TradeFixtures.auction());
        slotWith(100, 900);
        clock.set(TradeFixtures.T0.plus(TradeFixtures.SLOT.multipliedBy(2)));
        trader.border(EnergyRegisters.ofWh(1100, 1000)); // this slot: imported 1000, exported 100
        assertThat(out.orders).hasSize(2);
        Order second = verified(out.orders.get(1));
        assertThat(second.seq()).isEqualTo(2);
        assertThat(second.side()).isEqualTo(Side.BUY);
        assertThat(second.slot()).isEqualTo(TradeFixtures.T0.plus(TradeFixtures.SLOT.multipliedBy(3)));
    }

    @Test
    void noMarketRulesNoOrderButTheyTriggerTheDecisionWhenTheyArrive() {
        slotWith(100, 900);
        assertThat(out.orders).isEmpty();
        trader.marketInfo(TradeFixtures.auction());
        assertThat(out.orders).hasSize(1);
    }

    @Test
    void anUnansweredOrderIsPublishedAgainUntilItsReceiptArrives() {
        trader.marketInfo(TradeFixtures.auction());
        slotWith(100, 900);
        clock.advance(Duration.ofSeconds(5));
        trader.tick();
        assertThat(out.orders).as("not yet due").hasSize(1);
        clock.advance(Duration.ofSeconds(5));
        trader.tick();
        assertThat(out.orders).hasSize(2);
        assertThat(out.orders.get(1))
                .as("the same bytes: the gateway is idempotent on the sequence")
                .isEqualTo(out.orders.get(0));

        trader.receipt(receipt(1, Receipt.Status.ACCEPTED, "OK"));
        clock.advance(Duration.ofMinutes(1));
        trader.tick();
        assertThat(out.orders).hasSize(2);
        assertThat(ledger.order(1).orElseThrow().state()).isEqualTo(OrderState.ACCEPTED);
    }

    @Test
    void aNewConnectionPublishesUnansweredOrdersAtOnce() {
        trader.marketInfo(TradeFixtures.auction());
        out.offline = true;
        slotWith(100, 900);
        assertThat(out.orders).isEmpty();
        assertThat(ledger.order(1)).as("stored before it was published").isPresent();
        out.offline = false;
        trader.connected();
        assertThat(out.orders).hasSize(1);
    }

    @Test
    void aRefusalIsRecordedOnceAndEndsTheOrder() {
        trader.marketInfo(TradeFixtures.auction());
        slotWith(100, 900);
        trader.receipt(new Receipt(
                TradeFixtures.EAG,
                2,
                clock.instant(),
                TradeFixtures.NODE,
                "order",
                "1",
                Receipt.Status.REFUSED,
                "LATE",
                "gate closed"));
        trader.receipt(new Receipt(
                TradeFixtures.EAG,
                3,
                clock.instant(),
                TradeFixtures.NODE,
                "order",
                "1",
                Receipt.Status.REFUSED,
                "LATE",
                "gate closed"));
        OrderRecord o = ledger.order(1).orElseThrow();
        assertThat(o.state()).isEqualTo(OrderState.REFUSED);
        assertThat(o.reason()).isEqualTo("LATE");
        assertThat(ledger.events()).extracting(MemoryTradeLedger.Event::kind).containsExactly(TradeEvent.ORDER_REFUSED);
        clock.advance(Duration.ofMinutes(1));
        trader.tick();
        assertThat(out.orders).hasSize(1);
    }

    @Test
    void anOrderNeverAnsweredIsGivenUpAfterItsSlotsGateClosure() {
        trader.marketInfo(TradeFixtures.auction());
        slotWith(100, 900);
        Instant slot = ledger.order(1).orElseThrow().slot();
        clock.set(slot.minus(Duration.ofMinutes(5)).plus(TradeFixtures.SLOT).plusSeconds(1));
        trader.tick();
        assertThat(ledger.order(1).orElseThrow().state()).isEqualTo(OrderState.UNANSWERED);
        assertThat(ledger.events())
                .extracting(MemoryTradeLedger.Event::kind)
                .containsExactly(TradeEvent.ORDER_UNANSWERED);
        trader.receipt(receipt(1, Receipt.Status.ACCEPTED, "OK"));
        assertThat(ledger.order(1).orElseThrow().state())
                .as("a late receipt still counts")
                .isEqualTo(OrderState.ACCEPTED);
    }

    @Test
    void postedModeSendsABuyRequestAtTheBorder() {
        trader.marketInfo(TradeFixtures.posted());
        slotWith(1000, 100);
        Order o = verified(out.orders.get(0));
        assertThat(o.side()).isEqualTo(Side.BUY);
        assertThat(o.slot()).isEqualTo(TradeFixtures.T0.plus(TradeFixtures.SLOT.multipliedBy(2)));
    }

    @Test
    void postedModeSellsOnlyInAnswerToTheDemandNoticeAndAtMostTheDemand() {
        MarketInfo m = TradeFixtures.posted();
        trader.marketInfo(m);
        slotWith(100, 900);
        assertThat(out.orders).as("a posted-mode seller waits for the demand").isEmpty();

        Instant slot = TradeFixtures.T0.plus(TradeFixtures.SLOT.multipliedBy(2));
        clock.set(m.requestClosure(slot));
        trader.demand(new DemandNotice(
                TradeFixtures.EAG, clock.instant(), slot, Energy.ofWh(450), Price.ofMinorUnitsPerKWh(19_000_000)));
        Order o = verified(out.orders.get(0));
        assertThat(o.side()).isEqualTo(Side.SELL);
        assertThat(o.slot()).isEqualTo(slot);
        assertThat(o.energy()).as("no more than the whole demand").isEqualTo(Energy.ofWh(450));
        assertThat(o.limit()).isEqualTo(TradeFixtures.FEED_IN);
    }

    @Test
    void postedModeDoesNotSellBelowItsLowestPrice() {
        TradingConfig dearer = new TradingConfig(
                true,
                Energy.ofWh(100),
                1,
                LimitPrice.TARIFF,
                LimitPrice.parse("trading.sell.limit", "0.20"),
                Duration.ofSeconds(10));
        Trader t = new Trader(f.nodeKey(), f.wallets, dearer, TradeFixtures.SLOT, ledger, out, clock);
        MarketInfo m = TradeFixtures.posted();
        t.marketInfo(m);
        clock.set(TradeFixtures.T0);
        t.border(EnergyRegisters.ofWh(0, 0));
        clock.set(TradeFixtures.T0.plus(TradeFixtures.SLOT));
        t.border(EnergyRegisters.ofWh(100, 900));
        Instant slot = TradeFixtures.T0.plus(TradeFixtures.SLOT.multipliedBy(2));
        clock.set(m.requestClosure(slot));
        t.demand(new DemandNotice(
                TradeFixtures.EAG, clock.instant(), slot, Energy.ofWh(5000), Price.ofMinorUnitsPerKWh(19_000_000)));
        assertThat(out.orders).isEmpty();
        assertThat(t.summary(5).lastDecision().orElseThrow().why()).contains("below the lowest price");

        t.demand(new DemandNotice(
                TradeFixtures.EAG, clock.instant(), slot, Energy.ofWh(5000), Price.ofMinorUnitsPerKWh(20_000_000)));
        assertThat(out.orders).as("a price equal to the minimum sells").hasSize(1);
    }

    @Test
    void aDemandNoticeAfterTheGateClosedIsNotAnswered() {
        MarketInfo m = TradeFixtures.posted();
        trader.marketInfo(m);
        slotWith(100, 900);
        Instant slot = TradeFixtures.T0.plus(TradeFixtures.SLOT.multipliedBy(2));
        clock.set(m.gateClosure(slot));
        trader.demand(
                new DemandNotice(TradeFixtures.EAG, clock.instant(), slot, Energy.ofWh(5000), TradeFixtures.RETAIL));
        assertThat(out.orders).isEmpty();
    }

    @Test
    void theAllocationIsKeptAndMarksTheOrdersMatchedEnergy() {
        trader.marketInfo(TradeFixtures.auction());
        slotWith(1000, 100);
        OrderRecord o = ledger.order(1).orElseThrow();
        trader.allocation(new NodeAllocation(
                TradeFixtures.EAG,
                clock.instant(),
                TradeFixtures.NODE,
                o.slot(),
                1,
                Side.BUY,
                o.energy(),
                Energy.ofWh(600),
                Energy.ofWh(200),
                java.util.List.of(new NodeAllocation.Line(
                        f.otherAddress, Energy.ofWh(600), Price.ofMinorUnitsPerKWh(18_500_000))),
                "0".repeat(64)));
        assertThat(ledger.order(1).orElseThrow().matched()).contains(Energy.ofWh(600));
        AllocationRecord a = trader.summary(5).lastAllocation().orElseThrow();
        assertThat(a.matched()).isEqualTo(Energy.ofWh(600));
        assertThat(a.grid()).isEqualTo(Energy.ofWh(200));
        assertThat(a.value().minorUnits()).isEqualTo(11_100_000); // 600 Wh at 0.185 EC/kWh
    }

    @Test
    void ordersNameTheAddressWithTheMostCoins() {
        ledger.updateWallet(WalletState.fresh(f.address2)
                .withNotice(
                        f.balance(f.address2, org.ebc.units.CoinAmount.ofCoins(20), org.ebc.units.CoinAmount.ZERO, 1)));
        trader.marketInfo(TradeFixtures.auction());
        slotWith(1000, 100);
        assertThat(verified(out.orders.get(0)).address()).isEqualTo(f.address2);
    }
}
