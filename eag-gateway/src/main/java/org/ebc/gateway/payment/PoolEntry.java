package org.ebc.gateway.payment;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One entry of the memory pool.
 *
 * @param seq its position: entries are numbered 1, 2, 3 … in the order they entered, which is an order the
 *     chain accepts (a payer's transfers enter in nonce order)
 * @param id {@link LedgerEntry#id()}
 * @param entry what it carries
 * @param enteredAt when it entered
 * @param status ready (for a block) or committed (in a committed block)
 * @param committedAt when Part E reported it committed, else null
 */
public record PoolEntry(
        long seq,
        String id,
        LedgerEntry entry,
        Instant enteredAt,
        Status status,
        @Nullable Instant committedAt) {

    /** Whether the entry still waits for a block. */
    public enum Status {
        READY,
        COMMITTED
    }

    public PoolEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(entry, "entry");
        Objects.requireNonNull(enteredAt, "enteredAt");
        Objects.requireNonNull(status, "status");
        if (seq < 1) {
            throw new IllegalArgumentException("pool positions start at 1");
        }
        if ((status == Status.COMMITTED) != (committedAt != null)) {
            throw new IllegalArgumentException("a commit time goes with COMMITTED only");
        }
    }

    public String kind() {
        return entry.kind();
    }
}
