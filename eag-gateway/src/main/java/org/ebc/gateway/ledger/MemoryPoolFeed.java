package org.ebc.gateway.ledger;

import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ebc.consensus.CertifiedBlock;
import org.ebc.crypto.Sha256;
import org.ebc.gateway.payment.LedgerEntry;
import org.ebc.gateway.payment.MemoryPool;
import org.ebc.gateway.payment.PoolEntry;
import org.ebc.ledger.Block;
import org.ebc.ledger.Genesis;
import org.ebc.ledger.LedgerTransaction;
import org.ebc.ledger.Outcome;
import org.ebc.ledger.Sha256Hash;
import org.ebc.ledger.TxBody;
import org.ebc.ledger.TxReason;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.jspecify.annotations.Nullable;

/**
 * The payments' memory pool as the miner's {@link ConsortiumNode.PendingTransactions}, and the commit listener that
 * marks what a committed block holds: each ready pool entry becomes a ledger transaction admitted (signed) by this
 * EAG, with the entry's pool position as its sequence number and its entry time as its timestamp. An entry's
 * kind fields are the ledger transaction's (transfer with its co-signature, a node's allocation, a proof-of-flow
 * award). An entry is signed once and the signed bytes kept while it waits, so its transaction id does not change
 * from one block template to the next (ECDSA signatures differ each time).
 *
 * <p>Not fed to the chain: the grid account's float (an allocation held by the EAG, which the chain's rules do not
 * grant: the EAG's address earns coinbase rewards instead) and other parts' documents (evidence, credit records),
 * whose chain rules are not plugged in yet. Thread-safe: the miner reads, the consensus thread marks.
 *
 * <p>{@link GatewayLedger} wires it into {@code eag-gateway run} and the bench.
 */
public final class MemoryPoolFeed implements ConsortiumNode.PendingTransactions, ConsortiumNode.CommitListener {
    private final EagId eag;
    private final KeyPair eagKeys;
    private final MemoryPool pool;
    private final Genesis genesis;
    private final int batch;
    private final Map<String, LedgerTransaction> signed = new ConcurrentHashMap<>();
    /** Transaction id → pool entry id of what this feed signed, so a commit is matched without verifying again. */
    private final Map<Sha256Hash, String> entryOfTx = new ConcurrentHashMap<>();

    /**
     * @param eag this EAG (the admitting EAG of every transaction it feeds)
     * @param eagKeys its key pair, the one the genesis names
     * @param pool the payments' memory pool
     * @param genesis the consortium's genesis
     * @param batch the most pool entries offered per block
     */
    public MemoryPoolFeed(EagId eag, KeyPair eagKeys, MemoryPool pool, Genesis genesis, int batch) {
        this.eag = eag;
        this.eagKeys = eagKeys;
        this.pool = pool;
        this.genesis = genesis;
        this.batch = batch;
    }

    @Override
    public List<LedgerTransaction> candidates() {
        List<LedgerTransaction> out = new ArrayList<>();
        for (PoolEntry e : pool.nextForBlock(batch)) {
            LedgerTransaction tx = signed.get(e.id());
            if (tx == null) {
                tx = admit(e);
                if (tx == null) {
                    continue;
                }
                signed.put(e.id(), tx);
                entryOfTx.put(tx.id(), e.id());
            }
            out.add(tx);
        }
        return out;
    }

    private @Nullable LedgerTransaction admit(PoolEntry e) {
        TxBody body = body(e.entry());
        if (body == null) {
            return null;
        }
        byte[] raw = LedgerTransaction.sign(eag, e.seq(), e.enteredAt().toEpochMilli(), body, eagKeys);
        Outcome<TxReason, LedgerTransaction> v = LedgerTransaction.verify(raw, genesis::memberByKeyId);
        if (!v.isOk()) {
            // Our own admission does not verify: the EAG's key is not the genesis's, a wiring mistake.
            throw new IllegalStateException("this EAG's admission of pool entry " + e.id() + " does not verify: "
                    + v.reason() + " " + v.detail());
        }
        return v.orElseThrow();
    }

    private @Nullable TxBody body(LedgerEntry entry) {
        return switch (entry) {
            case LedgerEntry.TransferEntry t -> TxBody.TransferTx.of(t.transfer(), t.cosign());
            case LedgerEntry.AllocationEntry a ->
                a.holder().equals(eag.value()) || !NodeId.isValid(a.holder())
                        ? null
                        : new TxBody.AllocationTx(a.to(), a.amount(), NodeId.of(a.holder()));
            case LedgerEntry.AwardEntry w ->
                new TxBody.AwardTx(w.to(), w.amount(), w.period().toEpochMilli(), w.wh());
            case LedgerEntry.DocumentEntry d -> null;
        };
    }

    /** The pool entry a ledger transaction of this EAG stands for (the inverse of {@link #body}). */
    static Optional<String> entryId(TxBody body) {
        return switch (body) {
            case TxBody.TransferTx t -> Optional.of(Sha256.hex(t.transferEnvelope()));
            case TxBody.AllocationTx a ->
                Optional.of(new LedgerEntry.AllocationEntry(
                                a.to(), a.amount(), a.node().value())
                        .id());
            case TxBody.AwardTx w ->
                Optional.of(new LedgerEntry.AwardEntry(
                                w.to(), w.amount(), Instant.ofEpochMilli(w.periodStartMillis()), w.supplied())
                        .id());
            default -> Optional.empty();
        };
    }

    /**
     * Marks the pool entries this EAG admitted that {@code block} holds as committed. Idempotent. A transaction this
     * feed signed is matched by its id; one it did not (signed before a restart: the node replays its stored blocks
     * at start) is read, which verifies its signatures once more.
     */
    @Override
    public void committed(Block block, CertifiedBlock certified) {
        List<String> ids = new ArrayList<>();
        for (byte[] raw : block.transactions()) {
            String known = entryOfTx.remove(Sha256Hash.of(raw));
            if (known != null) {
                ids.add(known);
                continue;
            }
            Outcome<TxReason, LedgerTransaction> v = LedgerTransaction.verify(raw, genesis::memberByKeyId);
            if (v.isOk() && v.orElseThrow().admittedBy().equals(eag)) {
                entryId(v.orElseThrow().body()).ifPresent(ids::add);
            }
        }
        if (!ids.isEmpty()) {
            pool.committed(ids);
            signed.keySet().removeAll(ids);
        }
    }

    /** Entries signed and waiting for a block (for the operator's view). */
    public int waiting() {
        return signed.size();
    }
}
