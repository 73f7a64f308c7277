package org.ebc.gateway.ledger;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ebc.ledger.Genesis;
import org.ebc.ledger.LedgerTransaction;
import org.ebc.ledger.Outcome;
import org.ebc.ledger.Sha256Hash;
import org.ebc.ledger.TxReason;
import org.ebc.units.EagId;

/**
 * The pending transactions other EAGs admitted and passed on (issue 8: a block carries every EAG's pending
 * transactions). Each offered transaction is verified as a block would verify it (the admitting EAG's signature
 * under the genesis, the payer's and payee's signatures inside) and must come from the EAG that admitted it; the
 * ledger rules (home EAG, nonces, balances) are applied when a block is assembled, which skips what does not hold.
 * Kept until a committed block holds it, or for {@code maxAgeMillis} (a transaction no block takes, say one whose
 * payer's earlier transfer never arrived, does not stay for ever), at most {@code capacity} of them. Offered to the
 * miner by admitting EAG and admission number, so each payer's transfers come in its home EAG's order.
 * Thread-safe.
 */
final class PeerTransactions {
    /** What an offered transaction did. */
    enum Verdict {
        ADDED,
        /** Held already, or this EAG's own. */
        KNOWN,
        /** Admitted by another EAG than the one that passed it on. */
        NOT_FROM_SENDER,
        /** Does not verify. */
        REFUSED,
        /** {@code capacity} transactions are waiting already. */
        FULL
    }

    private record Held(LedgerTransaction tx, long receivedAt) {}

    private final EagId self;
    private final Genesis genesis;
    private final int capacity;
    private final long maxAgeMillis;
    private final Map<Sha256Hash, Held> held = new LinkedHashMap<>();
    private final Map<Verdict, Long> counts = new EnumMap<>(Verdict.class);

    PeerTransactions(EagId self, Genesis genesis, int capacity, long maxAgeMillis) {
        this.self = self;
        this.genesis = genesis;
        this.capacity = capacity;
        this.maxAgeMillis = maxAgeMillis;
    }

    /** Verifies and holds one transaction that EAG {@code from} passed on. */
    Verdict offer(byte[] raw, EagId from, long nowMillis) {
        Sha256Hash id = Sha256Hash.of(raw);
        synchronized (this) {
            if (held.containsKey(id)) {
                return tally(Verdict.KNOWN);
            }
        }
        // Verified outside the lock: three signatures, ~0.3 ms of CPU.
        Outcome<TxReason, LedgerTransaction> v = LedgerTransaction.verify(raw, genesis::memberByKeyId);
        synchronized (this) {
            if (!v.isOk()) {
                return tally(Verdict.REFUSED);
            }
            LedgerTransaction tx = v.orElseThrow();
            // An EAG passes on only what it admitted itself: a node's spends travel from its home EAG.
            if (!tx.admittedBy().equals(from)) {
                return tally(Verdict.NOT_FROM_SENDER);
            }
            if (tx.admittedBy().equals(self)) {
                return tally(Verdict.KNOWN);
            }
            if (held.size() >= capacity) {
                return tally(Verdict.FULL);
            }
            held.putIfAbsent(id, new Held(tx, nowMillis));
            return tally(Verdict.ADDED);
        }
    }

    /** What waits, by admitting EAG and admission number; drops what is older than the limit. */
    synchronized List<LedgerTransaction> candidates(long nowMillis) {
        List<LedgerTransaction> out = new ArrayList<>(held.size());
        for (Iterator<Held> i = held.values().iterator(); i.hasNext(); ) {
            Held h = i.next();
            if (nowMillis - h.receivedAt() > maxAgeMillis) {
                i.remove();
            } else {
                out.add(h.tx());
            }
        }
        out.sort(Comparator.comparing((LedgerTransaction t) -> t.admittedBy().value())
                .thenComparingLong(LedgerTransaction::seq));
        return out;
    }

    /** Forgets what a committed block holds. */
    synchronized void committed(Collection<Sha256Hash> ids) {
        held.keySet().removeAll(ids);
    }

    synchronized int size() {
        return held.size();
    }

    synchronized long count(Verdict v) {
        return counts.getOrDefault(v, 0L);
    }

    private Verdict tally(Verdict v) {
        counts.merge(v, 1L, Long::sum);
        return v;
    }
}
