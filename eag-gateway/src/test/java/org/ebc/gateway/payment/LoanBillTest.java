package org.ebc.gateway.payment;

import static org.assertj.core.api.Assertions.assertThat;

import org.ebc.trade.Bill;
import org.ebc.units.CoinAmount;
import org.ebc.units.Energy;
import org.ebc.units.Price;
import org.junit.jupiter.api.Test;

/**
 * The credit bank's bill to a borrower (paper §III.3): the borrower repays the EAG's account with a transfer of its
 * own, which the EAG co-signs at once, as for a grid-import bill.
 */
class LoanBillTest {
    private final PaymentWorld w = new PaymentWorld(new InMemoryPaymentStore());
    private final Party borrower = w.node("borrower");
    private final Party other = w.node("other");

    private Bill loanBill(String id, Party payer, CoinAmount amount) {
        return new Bill(
                PaymentWorld.EAG,
                900,
                w.clock.instant(),
                id,
                w.slot,
                Bill.LOAN,
                payer.address(),
                w.grid(),
                Energy.ZERO,
                Price.ZERO,
                amount);
    }

    @Test
    void aBorrowerPaysItsLoanBillToTheEagsAccountAndItAppliesAtOnce() {
        Bill due = loanBill("eag-1:loan-1/1", borrower, CoinAmount.ofCoins(7));

        assertThat(w.payments.issueLoanBill(borrower.node(), due).status()).isEqualTo(Outcome.Status.ACCEPTED);
        assertThat(w.payments.bill(due.id()).orElseThrow().status()).isEqualTo(BillStatus.OPEN);
        Outcome paid = w.pay(borrower, due);

        assertThat(paid.status()).as(paid.detail()).isEqualTo(Outcome.Status.APPLIED);
        assertThat(w.payments.bill(due.id()).orElseThrow().status()).isEqualTo(BillStatus.PAID);
        assertThat(w.payments.account(borrower.address()).balance()).isEqualTo(CoinAmount.ofCoins(13));
        assertThat(w.payments.account(w.grid()).balance()).isEqualTo(CoinAmount.ofCoins(7));
        assertThat(w.payments.creditValue(borrower.node()))
                .as("a loan bill is no trade: the bank's own rules move the credit value")
                .isZero();
        assertThat(w.payments.totals().conserved()).isTrue();
    }

    @Test
    void issuingTheSameLoanBillAgainChangesNothingAndAnotherWithItsIdIsAConflict() {
        Bill due = loanBill("eag-1:loan-1/1", borrower, CoinAmount.ofCoins(7));
        w.payments.issueLoanBill(borrower.node(), due);

        assertThat(w.payments.issueLoanBill(borrower.node(), due).status()).isEqualTo(Outcome.Status.ACCEPTED);
        assertThat(w.payments
                        .issueLoanBill(borrower.node(), loanBill("eag-1:loan-1/1", borrower, CoinAmount.ofCoins(8)))
                        .refusal())
                .isEqualTo(Refusal.BILL_CONFLICT);
    }

    @Test
    void aLoanBillMustAskTheBorrowerToPayTheEagsAccount() {
        Bill othersAddress = loanBill("l-1", other, CoinAmount.ofCoins(1));
        Bill toAnother = new Bill(
                PaymentWorld.EAG,
                901,
                w.clock.instant(),
                "l-2",
                w.slot,
                Bill.LOAN,
                borrower.address(),
                other.address(),
                Energy.ZERO,
                Price.ZERO,
                CoinAmount.ofCoins(1));
        Bill trade = w.billOf(Bill.P2P, borrower.address(), other.address(), CoinAmount.ofCoins(1));

        assertThat(w.payments.issueLoanBill(borrower.node(), othersAddress).refusal())
                .isEqualTo(Refusal.WRONG_NODE);
        assertThat(w.payments.issueLoanBill(borrower.node(), toAnother).refusal())
                .isEqualTo(Refusal.BILL_KIND_MISMATCH);
        assertThat(w.payments.issueLoanBill(borrower.node(), trade).refusal()).isEqualTo(Refusal.BILL_KIND_MISMATCH);
        assertThat(w.payments.bill("l-1")).isEmpty();
    }

    @Test
    void settlementCannotIssueALoanBill() {
        Outcome o = w.settle(loanBill("l-1", borrower, CoinAmount.ofCoins(1)));

        assertThat(o.refusal()).isEqualTo(Refusal.BILL_KIND_MISMATCH);
        assertThat(w.payments.bill("l-1")).isEmpty();
    }

    @Test
    void aLoanBillTheBorrowerCannotCoverStaysOpen() {
        Bill due = loanBill("eag-1:loan-1/1", borrower, CoinAmount.ofCoins(21));
        w.payments.issueLoanBill(borrower.node(), due);

        assertThat(w.pay(borrower, due).refusal()).isEqualTo(Refusal.INSUFFICIENT_FUNDS);
        assertThat(w.payments.bill(due.id()).orElseThrow().status()).isEqualTo(BillStatus.OPEN);
    }
}
