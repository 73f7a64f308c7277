package org.ebc.gateway.payment;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.ebc.trade.Bill;
import org.ebc.wallet.WalletAddress;

/**
 * Takes a settled slot's bills: all of them or, if one is wrong, none (a slot's settlement is one unit).
 * A bill already taken with the same content is skipped (settlement may hand a slot again after a
 * restart); a bill of amount 0 is paid at once with no transfer (nothing to pay, and a transfer moves
 * more than nothing). Grid-export bills are then paid from the grid account ({@link GridPayer}).
 */
final class BillBook {
    private BillBook() {}

    static Step take(Context c, Draft d, SettledSlot slot) {
        Map<String, Bill> seen = new HashMap<>();
        for (Bill b : slot.bills()) {
            Optional<Step> wrong = check(c, d, slot, b, seen);
            if (wrong.isPresent()) {
                return wrong.get();
            }
            seen.put(b.id(), b);
        }
        int taken = 0;
        for (Bill b : slot.bills()) {
            if (d.bill(b.id()).isPresent()) {
                continue;
            }
            if (b.amount().minorUnits() == 0) {
                d.put(BillRecord.open(b).paid(null, d.now));
            } else {
                d.put(BillRecord.open(b));
                if (b.kind().equals(Bill.GRID_EXPORT)) {
                    d.gridMayPay = true;
                }
            }
            taken++;
        }
        int awards = ProofOfFlow.close(c, d, slot.end(), slot.slotLength());
        return Step.accepted(taken + " bill(s) of slot " + slot.slot() + " taken, "
                + (slot.bills().size() - taken) + " already known; " + awards + " proof-of-flow award(s)");
    }

    private static Optional<Step> check(Context c, Draft d, SettledSlot slot, Bill b, Map<String, Bill> seen) {
        if (!b.eag().equals(c.eag())) {
            return refuse(Refusal.FOREIGN_BILL, b, "issued by " + b.eag());
        }
        if (!b.slot().equals(slot.slot())) {
            return refuse(Refusal.WRONG_SLOT, b, "is of slot " + b.slot() + ", not " + slot.slot());
        }
        boolean payerGrid = b.payer().equals(c.grid());
        boolean payeeGrid = b.payee().equals(c.grid());
        if (b.kind().equals(Bill.LOAN)) {
            return refuse(
                    Refusal.BILL_KIND_MISMATCH, b, "is a loan bill, which the credit bank issues, not settlement");
        }
        boolean fits = switch (b.kind()) {
            case Bill.GRID_IMPORT -> payeeGrid;
            case Bill.GRID_EXPORT -> payerGrid;
            default -> !payerGrid && !payeeGrid;
        };
        if (!fits) {
            return refuse(
                    Refusal.BILL_KIND_MISMATCH,
                    b,
                    "is " + b.kind() + " but the grid account " + c.grid()
                            + (payerGrid ? " pays it" : payeeGrid ? " is paid" : " is not in it"));
        }
        for (WalletAddress a : new WalletAddress[] {b.payer(), b.payee()}) {
            if (!a.equals(c.grid()) && c.addresses().ownerOf(a).isEmpty()) {
                return refuse(Refusal.UNKNOWN_ADDRESS, b, "names address " + a + ", not registered here");
            }
        }
        Bill earlier = seen.get(b.id());
        if (earlier == null) {
            earlier = d.bill(b.id()).map(BillRecord::bill).orElse(null);
        }
        if (earlier != null && !earlier.equals(b)) {
            return refuse(Refusal.BILL_CONFLICT, b, "was issued before with other content");
        }
        return Optional.empty();
    }

    private static Optional<Step> refuse(Refusal r, Bill b, String why) {
        return Optional.of(Step.refuse(r, "bill " + b.id() + " " + why + "; no bill of the slot taken"));
    }
}
