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
 *
 * <p>The calling thread also hands the checked transactions, in block order, to an {@link InOrder} step (the
 * ledger rules) between its own tasks, as far as the others have checked them: the sequential pass then
 * overlaps the parallel one instead of following it. Only the calling thread runs that step, so it needs no
 * locking. It gets transaction {@code i} only if every transaction before it checked and it accepted them
 * all; once it refuses one, nothing after it is checked any further.
 */
final class SignatureStep {
    /** Transactions per task: large enough to amortise the hand-out, small enough to balance the threads. */
    static final int CHUNK = 32;

    /** The sequential step, on the calling thread, in block order. */
    interface InOrder {
        /** @return true to go on, false if transaction {@code index} is refused (nothing after it matters) */
        boolean accept(int index, LedgerTransaction tx);
    }

    /**
     * @param transactions the decoded transactions in block order (all of them, if {@code firstBad} is -1)
     * @param firstBad the index of the first transaction that does not verify, or -1
     * @param refusal why that one does not verify
     * @param refusedInOrder the index of the transaction the {@link InOrder} step refused, or -1 (then it
     *     accepted every transaction before {@code firstBad}, or all)
     */
    record Result(
            LedgerTransaction[] transactions,
            int firstBad,
            @Nullable Outcome<TxReason, LedgerTransaction> refusal,
            int refusedInOrder) {}

    private SignatureStep() {}

    static Result verify(List<byte[]> raws, Genesis genesis, Executor executor, int threads) {
        return verify(raws, genesis, executor, threads, (i, tx) -> true);
    }

    static Result verify(List<byte[]> raws, Genesis genesis, Executor executor, int threads, InOrder inOrder) {
        int n = raws.size();
        AtomicReferenceArray<LedgerTransaction> out = new AtomicReferenceArray<>(n);
        AtomicReferenceArray<Outcome<TxReason, LedgerTransaction>> refusals = new AtomicReferenceArray<>(n);
        AtomicInteger firstBad = new AtomicInteger(n);
        // Past the transaction the in-order step refused nothing matters either.
        AtomicInteger refused = new AtomicInteger(n);
        Thread caller = Thread.currentThread();
        Drain drain = new Drain(out, n, inOrder, refused);
        int chunks = (n + CHUNK - 1) / CHUNK;
        WorkSharing.run(executor, threads, chunks, c -> {
            int end = Math.min(n, (c + 1) * CHUNK);
            for (int i = c * CHUNK; i < end; i++) {
                // Past a known bad transaction nothing matters: the first bad one decides the verdict.
                if (i > firstBad.get() || i > refused.get()) {
                    break;
                }
                Outcome<TxReason, LedgerTransaction> d = decode(raws.get(i), genesis);
                LedgerTransaction tx = d.value();
                if (tx != null) {
                    out.set(i, tx);
                } else {
                    refusals.set(i, d);
                    firstBad.accumulateAndGet(i, Math::min);
                }
            }
            if (Thread.currentThread() == caller) {
                drain.run();
            }
        });
        drain.run(); // everything is checked now: the in-order step goes up to the first bad one
        int bad = firstBad.get();
        LedgerTransaction[] txs = new LedgerTransaction[n];
        for (int i = 0; i < n; i++) {
            txs[i] = out.get(i);
        }
        int stop = refused.get() == n ? -1 : refused.get();
        return bad == n ? new Result(txs, -1, null, stop) : new Result(txs, bad, refusals.get(bad), stop);
    }

    /** The calling thread's in-order step over the checked prefix. */
    private static final class Drain implements Runnable {
        private final AtomicReferenceArray<LedgerTransaction> out;
        private final int n;
        private final InOrder inOrder;
        private final AtomicInteger refused;
        private int next;

        Drain(AtomicReferenceArray<LedgerTransaction> out, int n, InOrder inOrder, AtomicInteger refused) {
            this.out = out;
            this.n = n;
            this.inOrder = inOrder;
            this.refused = refused;
        }

        @Override
        public void run() {
            while (next < n && refused.get() == n) {
                LedgerTransaction tx = out.get(next);
                if (tx == null) {
                    return; // not checked yet, or bad
                }
                if (!inOrder.accept(next, tx)) {
                    refused.set(next);
                    return;
                }
                next++;
            }
        }
    }

    private static Outcome<TxReason, LedgerTransaction> decode(byte[] raw, Genesis genesis) {
        try {
            // The block's own array (Block#transactions: nobody changes it), not a copy per transaction.
            return LedgerTransaction.verifyKeeping(raw, genesis::memberByKeyId);
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
