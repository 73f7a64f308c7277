package org.ebc.gateway.payment;

import java.time.Instant;
import java.util.Objects;
import org.ebc.trade.Bill;
import org.jspecify.annotations.Nullable;

/**
 * A bill from settlement and where its payment stands.
 *
 * @param bill the bill as settlement issued it
 * @param status open, pending or paid
 * @param transfer the digest of the transfer pending for it or that paid it; null while open (and for a
 *     bill of amount 0, paid with no transfer)
 * @param attempts grid-export bills: how many grid transfers for it expired without a co-signature
 * @param retryAt grid-export bills: not paid again before this instant (after an expiry), else null
 * @param paidAt when it was paid, else null
 * @param coveredBy the loan (its token id) whose bank took the bill over: the EAG's account pays it on the
 *     payer's behalf ({@link Payments#cover}), and the payer's own transfers for it are refused; null for the
 *     payer's own bill
 */
public record BillRecord(
        Bill bill,
        BillStatus status,
        @Nullable String transfer,
        int attempts,
        @Nullable Instant retryAt,
        @Nullable Instant paidAt,
        @Nullable String coveredBy) {

    public BillRecord {
        Objects.requireNonNull(bill, "bill");
        Objects.requireNonNull(status, "status");
        if ((status == BillStatus.OPEN && transfer != null) || (status == BillStatus.PENDING && transfer == null)) {
            throw new IllegalArgumentException("bill " + bill.id() + " is " + status + " with transfer " + transfer);
        }
        if ((status == BillStatus.PAID) != (paidAt != null)) {
            throw new IllegalArgumentException("bill " + bill.id() + ": a payment time goes with PAID only");
        }
        if (coveredBy != null && !bill.kind().equals(Bill.P2P)) {
            throw new IllegalArgumentException("bill " + bill.id() + ": only a p2p bill is covered by a loan");
        }
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative");
        }
    }

    public String id() {
        return bill.id();
    }

    /** True if a loan's bank pays this bill from the EAG's account ({@link Payments#cover}). */
    public boolean covered() {
        return coveredBy != null;
    }

    static BillRecord open(Bill bill) {
        return new BillRecord(bill, BillStatus.OPEN, null, 0, null, null, null);
    }

    BillRecord pending(String transferDigest) {
        return new BillRecord(bill, BillStatus.PENDING, transferDigest, attempts, retryAt, null, coveredBy);
    }

    BillRecord paid(@Nullable String transferDigest, Instant at) {
        return new BillRecord(bill, BillStatus.PAID, transferDigest, attempts, retryAt, at, coveredBy);
    }

    BillRecord reopened(int newAttempts, @Nullable Instant newRetryAt) {
        return new BillRecord(bill, BillStatus.OPEN, null, newAttempts, newRetryAt, null, coveredBy);
    }

    /** The open bill taken over by {@code loan}'s bank. */
    BillRecord coveredBy(String loan) {
        return new BillRecord(bill, BillStatus.OPEN, null, attempts, retryAt, null, loan);
    }
}
