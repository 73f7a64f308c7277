package org.ebc.gateway.credit;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a bank operation did: accepted (with the loan as it now stands and the records for the chain) or refused
 * with a reason and one line for the operator and the borrower.
 *
 * @param refusal null if accepted
 * @param detail one line
 * @param loan the loan after the operation (its newest signed token), if there is one
 * @param records what goes on the chain, in order
 * @param blacklisted borrowers blacklisted by this operation, to broadcast to the consortium
 */
public record CreditOutcome(
        @Nullable CreditRefusal refusal,
        String detail,
        @Nullable Loan loan,
        List<CreditRecord> records,
        List<BlacklistEntry> blacklisted) {
    public CreditOutcome {
        records = List.copyOf(records);
        blacklisted = List.copyOf(blacklisted);
    }

    static CreditOutcome refused(CreditRefusal reason, String detail) {
        return new CreditOutcome(reason, detail, null, List.of(), List.of());
    }

    /** A refusal decided by an adapter before the bank (say, a repayment from an address not the node's). */
    public static CreditOutcome refusedBy(CreditRefusal reason, String detail) {
        return refused(reason, detail);
    }

    public static CreditOutcome accepted(String detail, @Nullable Loan loan, List<CreditRecord> records) {
        return new CreditOutcome(null, detail, loan, records, List.of());
    }

    /** The loan of an outcome that has one; for callers that have just checked {@link #accepted()}. */
    public Loan loanOrThrow() {
        Loan l = loan;
        if (l == null) {
            throw new IllegalStateException("no loan: " + refusal + " " + detail);
        }
        return l;
    }

    public boolean accepted() {
        return refusal == null;
    }
}
