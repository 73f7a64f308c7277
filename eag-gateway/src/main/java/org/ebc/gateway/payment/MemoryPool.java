package org.ebc.gateway.payment;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The memory pool (paper Table I: "the entities that store all transaction records of local energy
 * nodes"): the ledger entries this EAG admitted, in order, waiting for a block. Part E takes the oldest
 * ready ones for its next block and reports which ones a committed block holds. Entries are never removed:
 * a committed entry stays as history, with its commit time.
 *
 * <p>The order is an order the chain accepts: a payer's transfers enter in nonce order, an award after
 * the bills it counts. Thread-safe (it only uses the thread-safe store), so Part E may call it from its own
 * thread; {@link #add} is for other parts' documents and, like the core, belongs on the desk thread.
 */
public final class MemoryPool {
    private final PaymentStore store;
    private final Clock clock;

    MemoryPool(PaymentStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** Up to {@code maxCount} ready entries, oldest first: what the next block should carry. */
    public List<PoolEntry> nextForBlock(int maxCount) {
        if (maxCount < 1) {
            throw new IllegalArgumentException("a block takes at least one entry, not " + maxCount);
        }
        return store.pool(PoolEntry.Status.READY, maxCount);
    }

    /** Every ready entry (what is pending on the chain, e.g. for the islanded view), oldest first. */
    public List<PoolEntry> ready() {
        return store.pool(PoolEntry.Status.READY, Integer.MAX_VALUE);
    }

    public long readyCount() {
        return store.poolCount(PoolEntry.Status.READY);
    }

    public java.util.Optional<PoolEntry> entry(String id) {
        return store.poolEntry(id);
    }

    /**
     * Marks the entries with these ids committed (in a committed block), in one transaction. Ids that are
     * unknown or already committed change nothing.
     *
     * @return how many entries changed from ready to committed
     */
    public int committed(Collection<String> ids) {
        List<Change.Committed> marks = new ArrayList<>();
        var at = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        for (String id : new LinkedHashSet<>(ids)) {
            if (store.poolEntry(id)
                    .filter(e -> e.status() == PoolEntry.Status.READY)
                    .isPresent()) {
                marks.add(new Change.Committed(id, at));
            }
        }
        if (!marks.isEmpty()) {
            store.commit(Change.ofCommitted(marks));
        }
        return marks.size();
    }

    /**
     * Puts another part's signed document ({@code evidence}, {@code credit}) into the pool.
     *
     * @return its entry id; an entry already in the pool is not added again
     */
    public String add(LedgerEntry.DocumentEntry document) {
        String id = document.id();
        if (store.poolEntry(id).isEmpty()) {
            store.commit(Change.ofPool(List.of(
                    new Change.NewEntry(document, clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS)))));
        }
        return id;
    }
}
