package org.ebc.agent.trading;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.ebc.trade.Bill;

/**
 * A bill the node received (signed by its EAG), and what the agent did about it.
 *
 * @param bill the bill as the EAG signed it
 * @param envelope the EAG's signed bill, kept as evidence
 * @param nonce the nonce of the current transfer (0 while none)
 * @param transfer the current signed transfer (published again as is until answered)
 * @param transferDigest lowercase hex SHA-256 of {@code transfer}
 * @param nonceRetries transfers re-signed after a nonce refusal (REPLAY, NONCE_GAP)
 * @param waitNoticeSeq tried again only once a balance notice with a higher sequence arrives ({@link
 *     #NOT_WAITING}: at once; -1: once any notice arrives)
 * @param reason the latest refusal or why it waits, for the operator
 */
public record BillRecord(
        Bill bill,
        byte[] envelope,
        BillRole role,
        BillState state,
        long nonce,
        Optional<byte[]> transfer,
        Optional<String> transferDigest,
        int nonceRetries,
        long waitNoticeSeq,
        String reason,
        Instant receivedAt,
        Instant updatedAt) {
    public static final long NOT_WAITING = Long.MIN_VALUE;

    public BillRecord {
        Objects.requireNonNull(bill, "bill");
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(transfer, "transfer");
        Objects.requireNonNull(transferDigest, "transferDigest");
    }

    /** A newly received bill. */
    public static BillRecord received(Bill bill, byte[] envelope, BillRole role, Instant now) {
        return new BillRecord(
                bill,
                envelope,
                role,
                BillState.OPEN,
                0,
                Optional.empty(),
                Optional.empty(),
                0,
                NOT_WAITING,
                "",
                now,
                now);
    }

    public String id() {
        return bill.id();
    }

    public BillRecord withState(BillState s, String why, Instant now) {
        return new BillRecord(
                bill,
                envelope,
                role,
                s,
                nonce,
                transfer,
                transferDigest,
                nonceRetries,
                waitNoticeSeq,
                why,
                receivedAt,
                now);
    }

    /** Waits for a balance notice newer than {@code noticeSeq} before it is tried again. */
    public BillRecord waitingFor(long noticeSeq) {
        return new BillRecord(
                bill,
                envelope,
                role,
                state,
                nonce,
                transfer,
                transferDigest,
                nonceRetries,
                noticeSeq,
                reason,
                receivedAt,
                updatedAt);
    }

    public boolean waiting() {
        return waitNoticeSeq != NOT_WAITING;
    }

    /** One more transfer signed again after a nonce refusal. */
    public BillRecord retried() {
        return new BillRecord(
                bill,
                envelope,
                role,
                state,
                nonce,
                transfer,
                transferDigest,
                nonceRetries + 1,
                waitNoticeSeq,
                reason,
                receivedAt,
                updatedAt);
    }

    /** A transfer was signed for it (and is about to be published). */
    public BillRecord withTransfer(long n, byte[] signed, String digest, Instant now) {
        return new BillRecord(
                bill,
                envelope,
                role,
                BillState.SENT,
                n,
                Optional.of(signed),
                Optional.of(digest),
                nonceRetries,
                NOT_WAITING,
                "",
                receivedAt,
                now);
    }
}
