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
 */
public record BillRecord(
        Bill bill,
        BillStatus status,
        @Nullable String transfer,
        int attempts,
        @Nullable Instant retryAt,
        @Nullable Instant paidAt) {

    public BillRecord {
        Objects.requireNonNull(bill, "bill");
        Objects.requireNonNull(status, "status");
        if ((status == BillStatus.OPEN && transfer != null) || (status == BillStatus.PENDING && transfer == null)) {
            throw new IllegalArgumentException("bill " + bill.id() + " is " + status + " with transfer " + transfer);
        }
        if ((status == BillStatus.PAID) != (paidAt != null)) {
            throw new IllegalArgumentException("bill " + bill.id() + ": a payment time goes with PAID only");
        }
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must not be negative");
        }
    }

    public String id() {
        return bill.id();
    }

    static BillRecord open(Bill bill) {
        return new BillRecord(bill, BillStatus.OPEN, null, 0, null, null);
    }

    BillRecord pending(String transferDigest) {
        return new BillRecord(bill, BillStatus.PENDING, transferDigest, attempts, retryAt, null);
    }

    BillRecord paid(@Nullable String transferDigest, Instant at) {
        return new BillRecord(bill, BillStatus.PAID, transferDigest, attempts, retryAt, at);
    }

    BillRecord reopened(int newAttempts, @Nullable Instant newRetryAt) {
        return new BillRecord(bill, BillStatus.OPEN, null, newAttempts, newRetryAt, null);
    }
}
