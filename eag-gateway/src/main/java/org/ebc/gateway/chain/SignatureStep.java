package org.ebc.gateway.chain;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.ebc.ledger.Genesis;
import org.ebc.ledger.LedgerTransaction;
import org.ebc.ledger.Outcome;
import org.ebc.ledger.TxReason;
import org.jspecify.annotations.Nullable;

/**
 * The parallel part of block validation: decoding every transaction envelope and verifying its three
 * signatures (admission, transfer, cosign), on all the threads the validator was given. The result is the
 * same whatever the threads do: every transaction before the first bad one (in block order) is checked,
 * and the first bad one is the one reported, so two EAGs always give the same reason for one block.
 */
final class SignatureStep {
    /** Transactions per task: large enough to amortise the hand-out, small enough to balance the threads. */
    static final int CHUNK = 32;

    /**
     * @param transactions the decoded transactions in block order (all of them, if {@code firstBad} is -1)
     * @param firstBad the index of the first transaction that does not verify, or -1
     * @param refusal why that one does not verify
     */
    record Result(
            LedgerTransaction[] transactions,
            int firstBad,
            @Nullable Outcome<TxReason, LedgerTransaction> refusal) {}

    private SignatureStep() {}

    static Result verify(List<byte[]> raws, Genesis genesis, Executor executor, int threads) {
        int n = raws.size();
        LedgerTransaction[] out = new LedgerTransaction[n];
        AtomicReferenceArray<Outcome<TxReason, LedgerTransaction>> refusals = new AtomicReferenceArray<>(n);
        AtomicInteger firstBad = new AtomicInteger(n);
        int chunks = (n + CHUNK - 1) / CHUNK;
        WorkSharing.run(executor, threads, chunks, c -> {
            int end = Math.min(n, (c + 1) * CHUNK);
            for (int i = c * CHUNK; i < end; i++) {
                // Past a known bad transaction nothing matters: the first bad one decides the verdict.
                if (i > firstBad.get()) {
                    return;
                }
                Outcome<TxReason, LedgerTransaction> d = decode(raws.get(i), genesis);
                LedgerTransaction tx = d.value();
                if (tx != null) {
                    out[i] = tx;
                } else {
                    refusals.set(i, d);
                    firstBad.accumulateAndGet(i, Math::min);
                }
            }
        });
        int bad = firstBad.get();
        return bad == n ? new Result(out, -1, null) : new Result(out, bad, refusals.get(bad));
    }

    private static Outcome<TxReason, LedgerTransaction> decode(byte[] raw, Genesis genesis) {
        try {
            return LedgerTransaction.verify(raw, genesis::memberByKeyId);
        } catch (RuntimeException e) {
            // The codecs do not throw; a provider that does is hostile input, not a crash.
            return Outcome.refuse(TxReason.MALFORMED_PAYLOAD, "unreadable transaction: " + e);
        }
    }

    static BlockReason reasonFor(TxReason r) {
        return switch (r) {
            case UNKNOWN_EAG -> BlockReason.UNKNOWN_EAG;
            case BAD_SIGNATURE, BAD_TRANSFER_SIGNATURE, BAD_COSIGN_SIGNATURE -> BlockReason.BAD_SIGNATURE;
            case COSIGN_MISMATCH -> BlockReason.COSIGN_MISMATCH;
            case OK,
                    TOO_LARGE,
                    MALFORMED_ENVELOPE,
                    MALFORMED_PAYLOAD,
                    UNKNOWN_KIND,
                    MALFORMED_TRANSFER,
                    MALFORMED_COSIGN -> BlockReason.MALFORMED_TRANSACTION;
        };
    }
}
