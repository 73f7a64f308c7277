package org.ebc.gateway.payment;

import static org.assertj.core.api.Assertions.assertThat;

import org.ebc.payment.PaymentCheck;
import org.ebc.trade.Bill;
import org.ebc.units.CoinAmount;
import org.junit.jupiter.api.Test;

/**
 * A loan covers a borrower's bill (paper §III.2, step 3): the EAG's account, which the credit bank lends from,
 * pays the seller, and the borrower's own transfer for the bill is refused from then on.
 */
class BillCoverTest {
    private final PaymentWorld w = new PaymentWorld(new InMemoryPaymentStore());
    private final Party borrower = w.node("borrower");
    private final Party seller = w.node("seller");
    private final Party other = w.node("other");

    private Bill p2p(Party payer, Party payee, int coins) {
        Bill b = w.billOf(Bill.P2P, payer.address(), payee.address(), CoinAmount.ofCoins(coins));
        w.settle(b);
        return b;
    }

    @Test
    void aCoveredBillIsPaidFromTheEagsAccountAndCosignedByTheSeller() {
        w.payments.mint("reserve", w.grid(), CoinAmount.ofCoins(50));
        Bill bill = p2p(borrower, seller, 30);

        Outcome covered = w.payments.cover(borrower.node(), bill.id(), "loan-1");

        assertThat(covered.status()).isEqualTo(Outcome.Status.PENDING);
        Notice.CosignWanted ask =
                PaymentWorld.notices(covered, Notice.CosignWanted.class).get(0);
        assertThat(ask.node()).isEqualTo(seller.node());
        assertThat(ask.bill()).isEqualTo(bill.id());
        TransferRecord t = w.pendingFor(bill);
        assertThat(t.payer()).as("the EAG's account pays").isEqualTo(w.grid());
        assertThat(t.payee()).isEqualTo(seller.address());
        assertThat(t.amount()).isEqualTo(bill.amount());
        assertThat(PaymentCheck.transfer(t.raw()).ok())
                .as("signed with the EAG's key")
                .isTrue();
        assertThat(w.payments.bill(bill.id()).orElseThrow().coveredBy()).isEqualTo("loan-1");

        assertThat(w.cosign(seller, t).status()).isEqualTo(Outcome.Status.APPLIED);

        assertThat(w.payments.bill(bill.id()).orElseThrow().status()).isEqualTo(BillStatus.PAID);
        assertThat(w.payments.account(w.grid()).balance()).isEqualTo(CoinAmount.ofCoins(20));
        assertThat(w.payments.account(seller.address()).balance()).isEqualTo(CoinAmount.ofCoins(50));
        assertThat(w.payments.account(borrower.address()).balance())
                .as("the borrower's own coins are untouched")
                .isEqualTo(CoinAmount.ofCoins(20));
        assertThat(w.payments.totals().conserved()).isTrue();
    }

    @Test
    void theBorrowersOwnTransferForACoveredBillIsRefusedAsCovered() {
        w.payments.mint("reserve", w.grid(), CoinAmount.ofCoins(50));
        Bill bill = p2p(borrower, seller, 5);
        w.payments.cover(borrower.node(), bill.id(), "loan-1");
        w.cosign(seller, w.pendingFor(bill));

        Outcome own = w.pay(borrower, bill);

        assertThat(own.refusal()).isEqualTo(Refusal.COVERED);
        assertThat(own.detail()).contains("loan-1");
        assertThat(w.payments.account(borrower.address()).reserved()).isEqualTo(CoinAmount.ZERO);
    }

    @Test
    void coveringABillAgainForTheSameLoanChangesNothingAndForAnotherLoanIsRefused() {
        w.payments.mint("reserve", w.grid(), CoinAmount.ofCoins(50));
        Bill bill = p2p(borrower, seller, 5);
        w.payments.cover(borrower.node(), bill.id(), "loan-1");
        String transfer = w.pendingFor(bill).digest();

        Outcome again = w.payments.cover(borrower.node(), bill.id(), "loan-1");
        Outcome another = w.payments.cover(borrower.node(), bill.id(), "loan-2");

        assertThat(again.status()).isEqualTo(Outcome.Status.ACCEPTED);
        assertThat(PaymentWorld.notices(again, Notice.CosignWanted.class)).isEmpty();
        assertThat(w.pendingFor(bill).digest()).isEqualTo(transfer);
        assertThat(another.refusal()).isEqualTo(Refusal.COVERED);
        assertThat(w.payments.bill(bill.id()).orElseThrow().coveredBy()).isEqualTo("loan-1");
    }

    @Test
    void onlyAnOpenP2pBillOfTheBorrowerItselfCanBeCovered() {
        w.payments.mint("reserve", w.grid(), CoinAmount.ofCoins(50));
        Bill othersBill = p2p(other, seller, 2);
        Bill paidAlready = p2p(borrower, seller, 2);
        w.pay(borrower, paidAlready);
        Bill toGrid = w.billOf(Bill.GRID_IMPORT, borrower.address(), w.grid(), CoinAmount.ofCoins(2));
        w.settle(toGrid);

        assertThat(w.payments.cover(borrower.node(), "no-such-bill", "loan-1").refusal())
                .isEqualTo(Refusal.UNKNOWN_BILL);
        assertThat(w.payments.cover(borrower.node(), othersBill.id(), "loan-1").refusal())
                .as("a bill another node pays")
                .isEqualTo(Refusal.WRONG_NODE);
        assertThat(w.payments.cover(borrower.node(), paidAlready.id(), "loan-1").refusal())
                .as("a bill whose payment is pending")
                .isEqualTo(Refusal.BILL_NOT_OPEN);
        assertThat(w.payments.cover(borrower.node(), toGrid.id(), "loan-1").refusal())
                .isEqualTo(Refusal.NOT_COVERABLE);
        assertThat(w.payments.bill(othersBill.id()).orElseThrow().covered()).isFalse();
    }

    @Test
    void aBillTheEagsAccountCannotPayIsRefusedAndStaysTheBorrowers() {
        w.payments.mint("reserve", w.grid(), CoinAmount.ofCoins(3));
        Bill bill = p2p(borrower, seller, 5);

        Outcome refused = w.payments.cover(borrower.node(), bill.id(), "loan-1");

        assertThat(refused.refusal()).isEqualTo(Refusal.INSUFFICIENT_FUNDS);
        assertThat(w.payments.bill(bill.id()).orElseThrow().covered()).isFalse();
        assertThat(w.pay(borrower, bill).status())
                .as("the borrower may still pay it itself")
                .isEqualTo(Outcome.Status.PENDING);
    }

    @Test
    void aBlacklistedBorrowersBillIsNotCovered() {
        w.payments.mint("reserve", w.grid(), CoinAmount.ofCoins(50));
        Bill bill = p2p(borrower, seller, 5);
        w.blacklisted.add(borrower.node());

        assertThat(w.payments.cover(borrower.node(), bill.id(), "loan-1").refusal())
                .isEqualTo(Refusal.BLACKLISTED);
    }

    @Test
    void aCoveredBillWhoseSellerDoesNotCosignIsPaidAgainFromTheEagsAccountAfterABackOff() {
        w.payments.mint("reserve", w.grid(), CoinAmount.ofCoins(50));
        Bill bill = p2p(borrower, seller, 5);
        w.payments.cover(borrower.node(), bill.id(), "loan-1");
        String first = w.pendingFor(bill).digest();

        w.clock.advance(w.settings.cosignTimeout().plusSeconds(1));
        w.payments.expire();
        BillRecord reopened = w.payments.bill(bill.id()).orElseThrow();
        assertThat(reopened.status()).isEqualTo(BillStatus.OPEN);
        assertThat(reopened.coveredBy()).as("still the loan's").isEqualTo("loan-1");
        assertThat(w.pay(borrower, bill).refusal()).isEqualTo(Refusal.COVERED);
        w.clock.advance(w.settings.cosignTimeout());
        Outcome retry = w.payments.expire();

        assertThat(PaymentWorld.notices(retry, Notice.CosignWanted.class))
                .extracting(Notice.CosignWanted::bill)
                .containsExactly(bill.id());
        TransferRecord again = w.pendingFor(bill);
        assertThat(again.digest()).isNotEqualTo(first);
        assertThat(again.payer()).isEqualTo(w.grid());
        assertThat(w.cosign(seller, again).status()).isEqualTo(Outcome.Status.APPLIED);
        assertThat(w.payments.account(w.grid()).balance()).isEqualTo(CoinAmount.ofCoins(45));
    }
}
