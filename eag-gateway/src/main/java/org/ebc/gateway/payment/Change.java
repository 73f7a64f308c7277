package org.ebc.gateway.payment;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ebc.units.NodeId;

/**
 * Everything one call of the core changes, handed to {@link PaymentStore#commit} as one value so that the
 * store applies all of it or none of it. Records are whole new values (upserts), never deltas, so
 * applying a change is simple and the store needs no payment rules of its own; it still refuses what
 * would break a uniqueness rule (see {@link PaymentStore#commit}).
 *
 * @param accounts new states of accounts
 * @param bills new or updated bills, new ones in issue order
 * @param transfers new or updated transfers
 * @param pool entries entering the memory pool, in order
 * @param committed memory-pool entries now in a committed block
 * @param allocations new allocations
 * @param mints new mints
 * @param awards new or updated awards
 * @param credits new credit values per node
 * @param meta new values of the core's counters (e.g. the end of the last closed proof-of-flow period)
 */
public record Change(
        List<Account> accounts,
        List<BillRecord> bills,
        List<TransferRecord> transfers,
        List<NewEntry> pool,
        List<Committed> committed,
        List<Allocation> allocations,
        List<Mint> mints,
        List<Award> awards,
        Map<NodeId, Long> credits,
        Map<String, Long> meta) {

    /** An entry entering the memory pool; the store gives it the next position. */
    public record NewEntry(LedgerEntry entry, Instant at) {
        public NewEntry {
            Objects.requireNonNull(entry, "entry");
            Objects.requireNonNull(at, "at");
        }
    }

    /** A memory-pool entry reported in a committed block. */
    public record Committed(String id, Instant at) {
        public Committed {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(at, "at");
        }
    }

    public Change {
        accounts = List.copyOf(accounts);
        bills = List.copyOf(bills);
        transfers = List.copyOf(transfers);
        pool = List.copyOf(pool);
        committed = List.copyOf(committed);
        allocations = List.copyOf(allocations);
        mints = List.copyOf(mints);
        awards = List.copyOf(awards);
        credits = Map.copyOf(credits);
        meta = Map.copyOf(meta);
    }

    public static Change ofCommitted(List<Committed> committed) {
        return new Change(
                List.of(), List.of(), List.of(), List.of(), committed, List.of(), List.of(), List.of(), Map.of(),
                Map.of());
    }

    public static Change ofPool(List<NewEntry> entries) {
        return new Change(
                List.of(), List.of(), List.of(), entries, List.of(), List.of(), List.of(), List.of(), Map.of(),
                Map.of());
    }

    public boolean isEmpty() {
        return accounts.isEmpty()
                && bills.isEmpty()
                && transfers.isEmpty()
                && pool.isEmpty()
                && committed.isEmpty()
                && allocations.isEmpty()
                && mints.isEmpty()
                && awards.isEmpty()
                && credits.isEmpty()
                && meta.isEmpty();
    }
}
