package org.ebc.agent.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.ebc.agent.register.EnergyRegisters;
import org.ebc.trade.Bill;
import org.ebc.trade.NodeAllocation;
import org.ebc.trade.Side;
import org.ebc.units.CoinAmount;
import org.ebc.units.Energy;
import org.ebc.units.Price;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TradeLedger} does, run against the in-memory twin and the SQLite file alike (the
 * subclasses say which).
 */
abstract class TradeLedgerContract {
    final TradeFixtures f = new TradeFixtures();

    abstract TradeLedger ledger();

    @Test
    void orderSequencesStartAtOneAndRiseWithEveryStoredOrder() {
        TradeLedger l = ledger();
        assertThat(l.nextOrderSeq()).isEqualTo(1);
        l.addOrder(TradeFixtures.order(1, TradeFixtures.T0, OrderState.SENT));
        l.addOrder(TradeFixtures.order(2, TradeFixtures.T0.plus(TradeFixtures.SLOT), OrderState.SENT));
        assertThat(l.nextOrderSeq()).isEqualTo(3);
        assertThat(l.order(2).orElseThrow().slot()).isEqualTo(TradeFixtures.T0.plus(TradeFixtures.SLOT));
        assertThat(l.orderForSlot(TradeFixtures.T0).orElseThrow().seq()).isEqualTo(1);
        assertThat(l.recentOrders(5)).extracting(OrderRecord::seq).containsExactly(2L, 1L);
    }

    @Test
    void aSecondOrderForOneSlotOrAnOutOfTurnSequenceIsRefused() {
        TradeLedger l = ledger();
        l.addOrder(TradeFixtures.order(1, TradeFixtures.T0, OrderState.SENT));
        assertThatThrownBy(() -> l.addOrder(TradeFixtures.order(2, TradeFixtures.T0, OrderState.SENT)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already has an order");
        assertThatThrownBy(() ->
                        l.addOrder(TradeFixtures.order(5, TradeFixtures.T0.plus(TradeFixtures.SLOT), OrderState.SENT)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not the next sequence");
        assertThat(l.nextOrderSeq()).isEqualTo(2);
    }

    @Test
    void onlyOrdersWithoutAReceiptAreUnanswered() {
        TradeLedger l = ledger();
        l.addOrder(TradeFixtures.order(1, TradeFixtures.T0, OrderState.SENT));
        l.addOrder(TradeFixtures.order(2, TradeFixtures.T0.plus(TradeFixtures.SLOT), OrderState.SENT));
        OrderRecord answered = l.order(1)
                .orElseThrow()
                .answered(OrderState.ACCEPTED, "OK", "", TradeFixtures.T0)
                .withMatched(Energy.ofWh(300), TradeFixtures.T0);
        l.updateOrder(answered);
        assertThat(l.unansweredOrders()).extracting(OrderRecord::seq).containsExactly(2L);
        OrderRecord back = l.order(1).orElseThrow();
        assertThat(back.state()).isEqualTo(OrderState.ACCEPTED);
        assertThat(back.matched()).contains(Energy.ofWh(300));
        assertThat(new String(back.envelope(), StandardCharsets.US_ASCII)).isEqualTo("order 1");
    }

    @Test
    void borderReadingsComeBackOldestFirst() {
        TradeLedger l = ledger();
        for (int i = 0; i < 5; i++) {
            l.borderReading(new BorderReading(
                    TradeFixtures.T0.plus(TradeFixtures.SLOT.multipliedBy(i)), EnergyRegisters.ofWh(i, 10L * i)));
        }
        assertThat(l.borderReadings(3))
                .extracting(r -> r.registers().importEnergy().wh())
                .containsExactly(2L, 3L, 4L);
    }

    @Test
    void aBillIsStoredOnceAndFoundByItsTransfer() {
        TradeLedger l = ledger();
        Bill b = f.bill("b-1", f.address1, f.otherAddress, 600);
        assertThat(l.addBill(BillRecord.received(b, f.signed(b), BillRole.PAY, TradeFixtures.T0)))
                .isTrue();
        assertThat(l.addBill(BillRecord.received(b, f.signed(b), BillRole.PAY, TradeFixtures.T0)))
                .isFalse();
        BillRecord sent = l.bill("b-1")
                .orElseThrow()
                .withTransfer(3, new byte[] {1, 2, 3}, "d".repeat(64), TradeFixtures.T0.plusSeconds(1));
        l.updateBillAndWallet(sent, WalletState.fresh(f.address1).withNextNonce(4));
        BillRecord back = l.billByTransfer("d".repeat(64)).orElseThrow();
        assertThat(back.bill()).isEqualTo(b);
        assertThat(back.state()).isEqualTo(BillState.SENT);
        assertThat(back.nonce()).isEqualTo(3);
        assertThat(back.transfer().orElseThrow()).containsExactly(1, 2, 3);
        assertThat(back.waiting()).isFalse();
        assertThat(l.wallet(f.address1).orElseThrow().nextNonce()).isEqualTo(4);
    }

    @Test
    void aLoanBillIsStoredAndReadBackAsItCame() {
        TradeLedger l = ledger();
        Bill due = f.loanBill("eag-1:loan-1/1", f.address1, org.ebc.units.CoinAmount.ofMinorUnits(12_345));
        l.addBill(BillRecord.received(due, f.signed(due), BillRole.PAY, TradeFixtures.T0));

        assertThat(l.bill(due.id()).orElseThrow().bill()).isEqualTo(due);
        assertThat(l.unpaidBills()).extracting(BillRecord::id).containsExactly(due.id());
    }

    @Test
    void unpaidBillsAreTheNodesOwnInBillOrder() {
        TradeLedger l = ledger();
        Bill first = f.bill("b-a", f.address1, f.otherAddress, 100);
        Bill sale = f.bill("b-b", f.otherAddress, f.address1, 100);
        Bill second = f.bill("b-c", f.address1, f.otherAddress, 200);
        Bill paid = f.bill("b-d", f.address1, f.otherAddress, 300);
        l.addBill(BillRecord.received(second, f.signed(second), BillRole.PAY, TradeFixtures.T0));
        l.addBill(BillRecord.received(first, f.signed(first), BillRole.PAY, TradeFixtures.T0));
        l.addBill(BillRecord.received(sale, f.signed(sale), BillRole.RECEIVE, TradeFixtures.T0));
        l.addBill(BillRecord.received(paid, f.signed(paid), BillRole.PAY, TradeFixtures.T0));
        l.updateBill(l.bill("b-d").orElseThrow().withState(BillState.PAID, "", TradeFixtures.T0));
        Bill covered = f.bill("b-e", f.address1, f.otherAddress, 400);
        l.addBill(BillRecord.received(covered, f.signed(covered), BillRole.PAY, TradeFixtures.T0));
        l.updateBill(l.bill("b-e").orElseThrow().withState(BillState.COVERED, "COVERED", TradeFixtures.T0));
        assertThat(l.unpaidBills())
                .as("a bill a loan covers is the bank's to pay")
                .extracting(BillRecord::id)
                .containsExactly("b-a", "b-c");
        assertThat(l.recentBills(10)).extracting(BillRecord::id).containsExactly("b-e", "b-c", "b-b", "b-a", "b-d");
    }

    @Test
    void aWaitingBillKeepsTheNoticeItWaitsFor() {
        TradeLedger l = ledger();
        Bill b = f.bill("b-w", f.address1, f.otherAddress, 100);
        l.addBill(BillRecord.received(b, f.signed(b), BillRole.PAY, TradeFixtures.T0));
        l.updateBill(l.bill("b-w")
                .orElseThrow()
                .withState(BillState.UNFUNDED, "short", TradeFixtures.T0)
                .waitingFor(-1));
        BillRecord back = l.bill("b-w").orElseThrow();
        assertThat(back.waiting()).isTrue();
        assertThat(back.waitNoticeSeq()).isEqualTo(-1);
        assertThat(back.reason()).isEqualTo("short");
    }

    @Test
    void aWalletKeepsItsLatestNoticeAndItsNextNonce() {
        TradeLedger l = ledger();
        l.updateWallet(WalletState.fresh(f.address2));
        WalletState w = WalletState.fresh(f.address1)
                .withNotice(f.balance(f.address1, CoinAmount.ofCoins(20), CoinAmount.ofCoins(1), 4));
        l.updateWallet(w);
        assertThat(l.wallet(f.address1)).contains(w);
        assertThat(l.wallets()).hasSize(2);
        assertThat(l.wallet(f.otherAddress)).isEmpty();
    }

    @Test
    void aCosignatureIsFoundByEitherDigestAndARefusalCountsOnce() {
        TradeLedger l = ledger();
        CosignRecord c = new CosignRecord(
                "a".repeat(64),
                "b-1",
                f.otherAddress,
                f.address1,
                CoinAmount.ofMinorUnits(11_100_000),
                5,
                new byte[] {9},
                "c".repeat(64),
                TradeFixtures.T0,
                CosignState.SENT,
                "",
                TradeFixtures.T0);
        l.updateCosign(c);
        assertThat(l.cosignByReference("a".repeat(64)).orElseThrow())
                .usingRecursiveComparison()
                .isEqualTo(c);
        assertThat(l.cosignByReference("c".repeat(64)).orElseThrow().transferDigest())
                .isEqualTo("a".repeat(64));
        assertThat(l.unansweredCosigns()).hasSize(1);
        l.updateCosign(c.withState(CosignState.APPLIED, "OK", TradeFixtures.T0));
        assertThat(l.unansweredCosigns()).isEmpty();
        assertThat(l.recentCosigns(3)).extracting(CosignRecord::state).containsExactly(CosignState.APPLIED);

        assertThat(l.cosignRefused("e".repeat(64), "b-2", "NOT_COVERED", "x", TradeFixtures.T0))
                .isTrue();
        assertThat(l.cosignRefused("e".repeat(64), "b-2", "NOT_COVERED", "x", TradeFixtures.T0))
                .isFalse();
        assertThat(l.cosignRefused("e".repeat(64), "b-2", "BILL_MISMATCH", "y", TradeFixtures.T0))
                .isTrue();
        assertThat(l.cosignRefusals()).isEqualTo(2);
    }

    @Test
    void theLastAllocationIsTheLatestSlots() {
        TradeLedger l = ledger();
        Instant later = TradeFixtures.T0.plus(TradeFixtures.SLOT);
        l.allocation(AllocationRecord.of(allocation(later, 2), TradeFixtures.T0));
        l.allocation(AllocationRecord.of(allocation(TradeFixtures.T0, 1), TradeFixtures.T0));
        AllocationRecord a = l.lastAllocation().orElseThrow();
        assertThat(a.slot()).isEqualTo(later);
        assertThat(a.order()).isEqualTo(2);
        assertThat(a.value()).isEqualTo(Price.ofMinorUnitsPerKWh(18_500_000).costOf(Energy.ofWh(400)));
    }

    NodeAllocation allocation(Instant slot, long order) {
        return new NodeAllocation(
                TradeFixtures.EAG,
                TradeFixtures.T0,
                TradeFixtures.NODE,
                slot,
                order,
                Side.BUY,
                Energy.ofWh(500),
                Energy.ofWh(400),
                Energy.ofWh(100),
                java.util.List.of(new NodeAllocation.Line(
                        f.otherAddress, Energy.ofWh(400), Price.ofMinorUnitsPerKWh(18_500_000))),
                "0".repeat(64));
    }
}
