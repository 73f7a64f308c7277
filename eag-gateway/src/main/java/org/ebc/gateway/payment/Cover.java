package org.ebc.gateway.payment;

import java.util.Locale;
import java.util.Optional;
import org.ebc.trade.Bill;
import org.ebc.units.NodeId;

/**
 * A loan covers a borrower's bill (paper §III.2, step 3: the bank pays the seller): the bill's payment passes
 * from its payer to the EAG's account, which the EAG's credit bank lends from. The checks are the ones the bank
 * cannot make itself: the bill exists here, is p2p and open, and its payer is one of the borrower's addresses;
 * and the account's available coins cover it. The bill is then marked covered (for good: its payer's own
 * transfers for it are {@link Refusal#COVERED} from now on) and paid like a grid-export bill ({@link GridPayer}):
 * the EAG signs the transfer to the bill's payee and the seller co-signs it.
 */
final class Cover {
    private Cover() {}

    static Step cover(Context c, Draft d, NodeId borrower, String billId, String loan) {
        Optional<BillRecord> found = d.bill(billId);
        if (found.isEmpty()) {
            return Step.refuse(Refusal.UNKNOWN_BILL, "no bill " + billId + " was issued here");
        }
        BillRecord bill = found.get();
        Bill b = bill.bill();
        if (!b.kind().equals(Bill.P2P)) {
            return Step.refuse(
                    Refusal.NOT_COVERABLE, "bill " + b.id() + " is a " + b.kind() + " bill; a loan covers p2p bills");
        }
        if (!c.addresses().ownerOf(b.payer()).map(borrower::equals).orElse(false)) {
            return Step.refuse(
                    Refusal.WRONG_NODE,
                    "bill " + b.id() + " is paid by " + b.payer() + ", not an address of " + borrower);
        }
        if (bill.covered()) {
            return loan.equals(bill.coveredBy())
                    ? Step.accepted("bill " + b.id() + " is covered by loan " + loan + " already")
                    : Step.refuse(Refusal.COVERED, "bill " + b.id() + " is covered by loan " + bill.coveredBy());
        }
        if (bill.status() != BillStatus.OPEN) {
            return Step.refuse(
                    Refusal.BILL_NOT_OPEN,
                    "bill " + b.id() + " is " + bill.status().name().toLowerCase(Locale.ROOT));
        }
        if (c.blacklist().isBlacklisted(borrower)) {
            return Step.refuse(Refusal.BLACKLISTED, "node " + borrower + " is blacklisted");
        }
        if (c.addresses().ownerOf(b.payee()).isEmpty()) {
            return Step.refuse(
                    Refusal.UNKNOWN_ADDRESS, "payee address " + b.payee() + " is not registered at this EAG");
        }
        Account account = d.account(c.grid());
        if (account.available().compareTo(b.amount()) < 0) {
            return Step.refuse(
                    Refusal.INSUFFICIENT_FUNDS,
                    "the EAG's account has " + account.available() + " available, bill " + b.id() + " is "
                            + b.amount());
        }
        d.put(bill.coveredBy(loan));
        BillRecord covered = d.bill(billId).orElseThrow();
        if (d.liveTransfers(c.grid()).size() >= GridPayer.WINDOW || !GridPayer.sign(c, d, covered)) {
            // Paid as soon as the account has a place in its window (GridPayer, on the next change).
            d.gridMayPay = true;
            return Step.accepted("bill " + b.id() + " covered by loan " + loan + "; the EAG's account pays it next");
        }
        return Step.pending("bill " + b.id() + " covered by loan " + loan
                + "; the EAG's account pays it, waiting for the seller's co-signature");
    }
}
