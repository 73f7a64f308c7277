package org.ebc.gateway.payment;

import static org.assertj.core.api.Assertions.assertThat;

import org.ebc.crypto.KeyPairs;
import org.ebc.trade.Bill;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.units.Energy;
import org.ebc.units.Price;
import org.ebc.wallet.WalletAddress;
import org.junit.jupiter.api.Test;

/** A settled slot's bills are taken all or none; each wrong bill has its reason. */
class BillIssueTest {
    private final PaymentWorld w = new PaymentWorld(new InMemoryPaymentStore());
    private final Party buyer = w.node("buyer");
    private final Party seller = w.node("seller");

    private Refusal refusalOfSlotWith(Bill wrong) {
        Bill good = w.billOf(Bill.P2P, buyer.address(), seller.address(), CoinAmount.ofCoins(1));
        Outcome o = w.settle(good, wrong);
        assertThat(o.status()).isEqualTo(Outcome.Status.REFUSED);
        assertThat(o.detail()).contains(wrong.id()).contains("no bill of the slot taken");
        assertThat(w.payments.bill(good.id()))
                .as("the good bill of the slot is not taken either")
                .isEmpty();
        return java.util.Objects.requireNonNull(o.refusal());
    }

    @Test
    void aBillOfAnotherEagIsForeign() {
        Bill b = w.billOf(Bill.P2P, buyer.address(), seller.address(), CoinAmount.ofCoins(1));
        Bill foreign = new Bill(
                EagId.of("eag-2"),
                b.seq(),
                b.at(),
                b.id(),
                b.slot(),
                b.kind(),
                b.payer(),
                b.payee(),
                b.energy(),
                b.price(),
                b.amount());
        assertThat(refusalOfSlotWith(foreign)).isEqualTo(Refusal.FOREIGN_BILL);
    }

    @Test
    void aBillOfAnotherSlotIsRefused() {
        Bill b = w.billOf(Bill.P2P, buyer.address(), seller.address(), CoinAmount.ofCoins(1));
        Bill later = new Bill(
                b.eag(),
                b.seq(),
                b.at(),
                b.id(),
                b.slot().plus(PaymentWorld.SLOT),
                b.kind(),
                b.payer(),
                b.payee(),
                b.energy(),
                b.price(),
                b.amount());
        assertThat(refusalOfSlotWith(later)).isEqualTo(Refusal.WRONG_SLOT);
    }

    @Test
    void aBillWhoseKindDoesNotFitTheGridAccountIsRefused() {
        assertThat(refusalOfSlotWith(
                        w.billOf(Bill.GRID_IMPORT, buyer.address(), seller.address(), CoinAmount.ofCoins(1))))
                .isEqualTo(Refusal.BILL_KIND_MISMATCH);
        assertThat(refusalOfSlotWith(
                        w.billOf(Bill.GRID_EXPORT, buyer.address(), seller.address(), CoinAmount.ofCoins(1))))
                .isEqualTo(Refusal.BILL_KIND_MISMATCH);
        assertThat(refusalOfSlotWith(w.billOf(Bill.P2P, buyer.address(), w.grid(), CoinAmount.ofCoins(1))))
                .isEqualTo(Refusal.BILL_KIND_MISMATCH);
    }

    @Test
    void aBillNamingAnAddressNotRegisteredHereIsRefused() {
        WalletAddress nobody = WalletAddress.of(KeyPairs.generate().getPublic());
        assertThat(refusalOfSlotWith(w.billOf(Bill.P2P, buyer.address(), nobody, CoinAmount.ofCoins(1))))
                .isEqualTo(Refusal.UNKNOWN_ADDRESS);
    }

    @Test
    void aBillIdIssuedBeforeWithOtherContentConflicts() {
        Bill first = w.billOf(Bill.P2P, buyer.address(), seller.address(), CoinAmount.ofCoins(1));
        w.settle(first);
        Bill twin = new Bill(
                first.eag(),
                first.seq(),
                first.at(),
                first.id(),
                first.slot(),
                first.kind(),
                first.payer(),
                first.payee(),
                Energy.ofWh(2_000),
                first.price(),
                first.price().costOf(Energy.ofWh(2_000)));
        assertThat(refusalOfSlotWith(twin)).isEqualTo(Refusal.BILL_CONFLICT);
        assertThat(w.payments.bill(first.id()).orElseThrow().bill()).isEqualTo(first);
    }

    @Test
    void twoBillsWithOneIdInOneSlotConflict() {
        Bill a = w.billOf(Bill.P2P, buyer.address(), seller.address(), CoinAmount.ofCoins(1));
        Bill b = new Bill(
                a.eag(),
                a.seq(),
                a.at(),
                a.id(),
                a.slot(),
                a.kind(),
                seller.address(),
                buyer.address(),
                a.energy(),
                Price.ofMinorUnitsPerKWh(a.price().minorUnitsPerKWh()),
                a.amount());
        assertThat(w.settle(a, b).refusal()).isEqualTo(Refusal.BILL_CONFLICT);
    }

    @Test
    void billsAreFoundByNodeSlotStatusAndKind() {
        Bill p2p = w.billOf(Bill.P2P, buyer.address(), seller.address(), CoinAmount.ofCoins(1));
        Bill imp = w.billOf(Bill.GRID_IMPORT, buyer.address(), w.grid(), CoinAmount.ofCoins(1));
        w.settle(p2p, imp);
        java.time.Instant first = w.slot;
        w.nextSlot();
        Bill exp = w.billOf(Bill.GRID_EXPORT, w.grid(), seller.address(), CoinAmount.ofCoins(1));
        w.settle(exp);

        assertThat(w.payments.billsOf(seller.node())).extracting(BillRecord::id).containsExactly(p2p.id(), exp.id());
        assertThat(w.payments.bills(new BillFilter(null, first, null, null)))
                .extracting(BillRecord::id)
                .containsExactly(p2p.id(), imp.id());
        assertThat(w.payments.bills(BillFilter.ALL.withKind(Bill.GRID_IMPORT)))
                .extracting(BillRecord::id)
                .containsExactly(imp.id());
        assertThat(w.payments.bills(BillFilter.ALL.withStatus(BillStatus.PAID))).isEmpty();
    }
}
