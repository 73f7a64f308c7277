package org.ebc.gateway.payment;

import java.util.Optional;
import org.ebc.trade.Bill;
import org.ebc.units.NodeId;

/**
 * The credit bank's bills to a borrower (paper §III.3, repayment): a {@link Bill#LOAN} bill asks the borrower's
 * address to pay what is due to the EAG's account, which the bank lends from. It is paid like a grid-import bill:
 * the borrower's node signs the transfer and the EAG co-signs it at once as payee, so it applies in the same call.
 * What is due, and when, is the bank's to say; the payment core checks only that the bill fits: this EAG's, a loan
 * bill, payee the EAG's account, payer an address of the borrower, and its id not used for another bill.
 */
final class LoanBills {
    private LoanBills() {}

    static Step issue(Context c, Draft d, NodeId borrower, Bill b) {
        if (!b.eag().equals(c.eag())) {
            return Step.refuse(Refusal.FOREIGN_BILL, "bill " + b.id() + " is issued by " + b.eag());
        }
        if (!b.kind().equals(Bill.LOAN) || !b.payee().equals(c.grid())) {
            return Step.refuse(
                    Refusal.BILL_KIND_MISMATCH,
                    "bill " + b.id() + " is a " + b.kind() + " bill to " + b.payee()
                            + "; a loan bill is paid to the EAG's account " + c.grid());
        }
        if (!c.addresses().ownerOf(b.payer()).map(borrower::equals).orElse(false)) {
            return Step.refuse(
                    Refusal.WRONG_NODE, "bill " + b.id() + " asks " + b.payer() + ", not an address of " + borrower);
        }
        Optional<BillRecord> earlier = d.bill(b.id());
        if (earlier.isPresent()) {
            return earlier.get().bill().equals(b)
                    ? Step.accepted("loan bill " + b.id() + " was issued before")
                    : Step.refuse(Refusal.BILL_CONFLICT, "bill " + b.id() + " was issued before with other content");
        }
        d.put(BillRecord.open(b));
        return Step.accepted("loan bill " + b.id() + " issued: " + b.payer() + " owes " + b.amount());
    }
}
