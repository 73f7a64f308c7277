package org.ebc.gateway.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.ebc.crypto.Sha256;
import org.ebc.trade.Bill;
import org.ebc.trade.Receipt;
import org.ebc.units.CoinAmount;
import org.junit.jupiter.api.Test;

/** The paper's payment (§II.B.4) end to end through the core: bill, transfer, co-signature, applied. */
class PaymentFlowTest {
    private final PaymentWorld w = new PaymentWorld(new InMemoryPaymentStore());
    private final Party buyer = w.node("buyer");
    private final Party seller = w.node("seller");

    @Test
    void aBuyerPaysAP2pBillAndTheSellersCosignatureAppliesIt() {
        Bill bill = w.bill(Bill.P2P, buyer.address(), seller.address(), 2_500, 40_000_000); // 2.5 kWh at 0.4 EC/kWh
        w.settle(bill);
        byte[] transfer = w.bytes(w.transfer(buyer, 1, seller.address(), bill.amount(), bill.id()), buyer);

        Outcome admitted = w.payments.submitTransfer(buyer.node(), transfer);

        assertThat(admitted.status()).isEqualTo(Outcome.Status.PENDING);
        Notice.CosignWanted ask =
                PaymentWorld.notices(admitted, Notice.CosignWanted.class).get(0);
        assertThat(ask.node()).isEqualTo(seller.node());
        assertThat(ask.transfer()).isEqualTo(transfer);
        assertThat(ask.covered()).isEqualTo(CoinAmount.ofCoins(20));
        assertThat(admitted.notices().get(0))
                .isEqualTo(new Notice.Reply(
                        buyer.node(),
                        "transfer",
                        Sha256.hex(transfer),
                        Receipt.Status.PENDING,
                        "OK",
                        admitted.detail()));
        Account reserved = w.payments.account(buyer.address());
        assertThat(reserved.balance()).isEqualTo(CoinAmount.ofCoins(20));
        assertThat(reserved.reserved()).isEqualTo(CoinAmount.ofCoins(1));
        assertThat(reserved.nextNonce()).isEqualTo(2);
        assertThat(w.payments.bill(bill.id()).orElseThrow().status()).isEqualTo(BillStatus.PENDING);
        assertThat(PaymentWorld.notices(admitted, Notice.Balance.class))
                .containsExactly(new Notice.Balance(
                        buyer.node(), buyer.address(), CoinAmount.ofCoins(20), CoinAmount.ofCoins(1), 2));

        byte[] cosign = w.cosignBytes(seller, transfer);
        Outcome applied = w.payments.submitCosign(seller.node(), cosign);

        assertThat(applied.status()).isEqualTo(Outcome.Status.APPLIED);
        assertThat(w.payments.account(buyer.address()).balance()).isEqualTo(CoinAmount.ofCoins(19));
        assertThat(w.payments.account(buyer.address()).reserved()).isEqualTo(CoinAmount.ZERO);
        assertThat(w.payments.account(seller.address()).balance()).isEqualTo(CoinAmount.ofCoins(21));
        BillRecord paid = w.payments.bill(bill.id()).orElseThrow();
        assertThat(paid.status()).isEqualTo(BillStatus.PAID);
        assertThat(paid.transfer()).isEqualTo(Sha256.hex(transfer));
        assertThat(w.payments.creditValue(buyer.node())).isEqualTo(1);
        assertThat(w.payments.creditValue(seller.node())).isEqualTo(1);
        PoolEntry last = lastPoolEntry();
        assertThat(last.entry()).isEqualTo(new LedgerEntry.TransferEntry(transfer, cosign));
        assertThat(last.id()).isEqualTo(Sha256.hex(transfer));
        List<Notice.Reply> replies = PaymentWorld.notices(applied, Notice.Reply.class);
        assertThat(replies)
                .extracting(Notice.Reply::node, Notice.Reply::about, Notice.Reply::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(seller.node(), "cosign", Receipt.Status.APPLIED),
                        org.assertj.core.groups.Tuple.tuple(buyer.node(), "transfer", Receipt.Status.APPLIED));
        assertThat(PaymentWorld.notices(applied, Notice.Balance.class))
                .extracting(Notice.Balance::node)
                .containsExactlyInAnyOrder(buyer.node(), seller.node());
        assertThat(w.payments.totals().conserved()).isTrue();
    }

    @Test
    void aGridImportBillIsCosignedByTheEagItselfAndAppliedAtOnce() {
        Bill bill = w.billOf(Bill.GRID_IMPORT, buyer.address(), w.grid(), CoinAmount.ofCoins(3));
        w.settle(bill);

        Outcome o = w.pay(buyer, bill);

        assertThat(o.status()).isEqualTo(Outcome.Status.APPLIED);
        assertThat(PaymentWorld.notices(o, Notice.CosignWanted.class)).isEmpty();
        assertThat(w.payments.account(w.grid()).balance()).isEqualTo(CoinAmount.ofCoins(3));
        assertThat(w.payments.account(buyer.address()).balance()).isEqualTo(CoinAmount.ofCoins(17));
        LedgerEntry.TransferEntry entry =
                (LedgerEntry.TransferEntry) lastPoolEntry().entry();
        TransferRecord t = w.payments.transfer(entry.id()).orElseThrow();
        // The EAG's co-signature checks like any payee's: with the grid account's key, the EAG's.
        assertThat(org.ebc.payment.PaymentCheck.cosign(entry.cosign(), t.transfer(), t.digest())
                        .ok())
                .isTrue();
        assertThat(w.payments.creditValue(buyer.node()))
                .as("credit values rise for P2P trades only")
                .isZero();
    }

    @Test
    void aGridExportBillIsSignedByTheEagWhenTheGridHasCoinsAndCosignedByTheSeller() {
        Bill export = w.billOf(Bill.GRID_EXPORT, w.grid(), seller.address(), CoinAmount.ofCoins(2));
        Outcome issued = w.settle(export);
        assertThat(PaymentWorld.notices(issued, Notice.CosignWanted.class))
                .as("the grid account holds nothing yet")
                .isEmpty();
        assertThat(w.payments.bill(export.id()).orElseThrow().status()).isEqualTo(BillStatus.OPEN);

        w.nextSlot();
        Bill imported = w.billOf(Bill.GRID_IMPORT, buyer.address(), w.grid(), CoinAmount.ofCoins(5));
        w.settle(imported);
        Outcome paidToGrid = w.pay(buyer, imported);

        Notice.CosignWanted ask =
                PaymentWorld.notices(paidToGrid, Notice.CosignWanted.class).get(0);
        assertThat(ask.node()).isEqualTo(seller.node());
        assertThat(ask.bill()).isEqualTo(export.id());
        TransferRecord gridTransfer = w.pendingFor(export);
        assertThat(gridTransfer.payer()).isEqualTo(w.grid());
        assertThat(org.ebc.payment.PaymentCheck.transfer(gridTransfer.raw()).ok())
                .as("signed with the EAG's key, the grid account's")
                .isTrue();

        Outcome applied = w.cosign(seller, gridTransfer);

        assertThat(applied.status()).isEqualTo(Outcome.Status.APPLIED);
        assertThat(w.payments.account(w.grid()).balance()).isEqualTo(CoinAmount.ofCoins(3));
        assertThat(w.payments.account(seller.address()).balance()).isEqualTo(CoinAmount.ofCoins(22));
        assertThat(w.payments.bill(export.id()).orElseThrow().status()).isEqualTo(BillStatus.PAID);
    }

    @Test
    void aGridExportBillTheGridCannotCoverStaysOpenAndASmallerOneBehindItIsPaid() {
        w.payments.mint("seed", w.grid(), CoinAmount.ofCoins(4));
        Bill big = w.billOf(Bill.GRID_EXPORT, w.grid(), seller.address(), CoinAmount.ofCoins(5));
        Bill small = w.billOf(Bill.GRID_EXPORT, w.grid(), buyer.address(), CoinAmount.ofCoins(3));

        Outcome o = w.settle(big, small);

        assertThat(PaymentWorld.notices(o, Notice.CosignWanted.class))
                .extracting(Notice.CosignWanted::bill)
                .containsExactly(small.id());
        assertThat(w.payments.bill(big.id()).orElseThrow().status()).isEqualTo(BillStatus.OPEN);
    }

    @Test
    void aBuyerThatCannotPayLeavesItsBillOpenAndVisibleAndItsOtherBillsAreStillPaid() {
        Bill tooBig = w.billOf(Bill.P2P, buyer.address(), seller.address(), CoinAmount.ofCoins(25));
        Bill fine = w.billOf(Bill.P2P, buyer.address(), seller.address(), CoinAmount.ofCoins(4));
        w.settle(tooBig, fine);

        assertThat(w.pay(buyer, tooBig).refusal()).isEqualTo(Refusal.INSUFFICIENT_FUNDS);
        Outcome second = w.pay(buyer, fine);
        w.cosign(seller, w.pendingFor(fine));

        assertThat(second.status()).isEqualTo(Outcome.Status.PENDING);
        assertThat(w.payments.bill(fine.id()).orElseThrow().status()).isEqualTo(BillStatus.PAID);
        assertThat(w.payments.bills(BillFilter.ALL.withStatus(BillStatus.OPEN)))
                .extracting(BillRecord::id)
                .containsExactly(tooBig.id());
        assertThat(w.payments.billsOf(buyer.node())).extracting(BillRecord::id).containsExactly(tooBig.id(), fine.id());
    }

    @Test
    void theGridAccountKeepsAtMostItsWindowOfTransfersInFlight() {
        w.payments.mint("seed", w.grid(), CoinAmount.ofCoins(100));
        List<Bill> exports = new java.util.ArrayList<>();
        for (int i = 0; i < GridPayer.WINDOW + 4; i++) {
            exports.add(w.billOf(Bill.GRID_EXPORT, w.grid(), seller.address(), CoinAmount.ofCoins(1)));
        }

        Outcome o = w.settle(exports);

        assertThat(PaymentWorld.notices(o, Notice.CosignWanted.class)).hasSize(GridPayer.WINDOW);
        Outcome applied = w.cosign(seller, w.pendingFor(exports.get(0)));
        assertThat(PaymentWorld.notices(applied, Notice.CosignWanted.class))
                .extracting(Notice.CosignWanted::bill)
                .as("a place in the window is free again")
                .containsExactly(exports.get(GridPayer.WINDOW).id());
    }

    @Test
    void aBillOfNothingIsPaidWhenIssuedWithNoTransfer() {
        Bill nothing = w.bill(Bill.P2P, buyer.address(), seller.address(), 1, 999); // 0.999 minor units, rounded down
        assertThat(nothing.amount()).isEqualTo(CoinAmount.ZERO);

        w.settle(nothing);

        BillRecord r = w.payments.bill(nothing.id()).orElseThrow();
        assertThat(r.status()).isEqualTo(BillStatus.PAID);
        assertThat(r.transfer()).isNull();
        assertThat(w.payments.creditValue(buyer.node())).isZero();
    }

    @Test
    void theSameSettledSlotHandedAgainChangesNothing() {
        Bill bill = w.billOf(Bill.P2P, buyer.address(), seller.address(), CoinAmount.ofCoins(1));
        w.settle(bill);
        w.pay(buyer, bill);

        Outcome again = w.settle(bill);

        assertThat(again.status()).isEqualTo(Outcome.Status.ACCEPTED);
        assertThat(again.detail()).contains("0 bill(s)").contains("1 already known");
        assertThat(w.payments.bill(bill.id()).orElseThrow().status()).isEqualTo(BillStatus.PENDING);
    }

    @Test
    void aTransferSentAgainIsAnsweredWithItsStatusAndThePayeeIsAskedAgain() {
        Bill bill = w.billOf(Bill.P2P, buyer.address(), seller.address(), CoinAmount.ofCoins(1));
        w.settle(bill);
        byte[] raw = w.bytes(w.transfer(buyer, 1, seller.address(), bill.amount(), bill.id()), buyer);
        w.payments.submitTransfer(buyer.node(), raw);

        Outcome again = w.payments.submitTransfer(buyer.node(), raw);

        assertThat(again.status()).isEqualTo(Outcome.Status.PENDING);
        assertThat(PaymentWorld.notices(again, Notice.CosignWanted.class)).hasSize(1);
        assertThat(w.payments.account(buyer.address()).reserved()).isEqualTo(CoinAmount.ofCoins(1));
        w.cosign(seller, w.pendingFor(bill));
        Outcome afterApply = w.payments.submitTransfer(buyer.node(), raw);
        assertThat(afterApply.status()).isEqualTo(Outcome.Status.APPLIED);
        assertThat(afterApply.detail()).isEqualTo("already applied");
        assertThat(w.payments.account(buyer.address()).balance()).isEqualTo(CoinAmount.ofCoins(19));
    }

    private PoolEntry lastPoolEntry() {
        List<PoolEntry> ready = w.payments.memoryPool().ready();
        return ready.get(ready.size() - 1);
    }
}
