package org.ebc.gateway.payment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;

/**
 * Where the payment state lives: accounts, bills, transfers, the memory pool, allocations, mints, awards,
 * credit values. Implementations: {@link InMemoryPaymentStore} (tests, tools) and {@code
 * org.ebc.gateway.storage.SqlitePaymentStore} (the gateway), held to the same contract by the same tests.
 *
 * <p>Reads return what the last successful {@link #commit} left. Implementations are thread-safe (each
 * method is atomic), so the memory pool and read-only queries may be used from other threads than the
 * one that drives {@link Payments}.
 */
public interface PaymentStore {

    Optional<Account> account(WalletAddress address);

    Optional<TransferRecord> transfer(String digest);

    /** The payer's admitted transfers that are neither applied nor released, in nonce order. */
    List<TransferRecord> liveTransfers(WalletAddress payer);

    /** Every admitted transfer neither applied nor released, in the order admitted. */
    List<TransferRecord> liveTransfers();

    /** Pending (not co-signed) transfers whose deadline is before {@code now}, by deadline, payer and nonce. */
    List<TransferRecord> overdue(Instant now);

    Optional<BillRecord> bill(String id);

    /** The bills {@code filter} matches, by bill sequence number, then id. */
    List<BillRecord> bills(BillFilter filter);

    /** Bills of {@code kind} whose slot starts in {@code [from, to)}, by bill sequence number, then id. */
    List<BillRecord> bills(String kind, Instant from, Instant to);

    /** The allocation under {@link Allocation#key()}. */
    Optional<Allocation> allocation(String key);

    Optional<Mint> mint(String ref);

    Optional<Award> award(Instant period);

    /** All awards, by period. */
    List<Award> awards();

    OptionalLong credit(NodeId node);

    OptionalLong meta(String name);

    /** Up to {@code limit} memory-pool entries in {@code status}, in pool order. */
    List<PoolEntry> pool(PoolEntry.Status status, int limit);

    Optional<PoolEntry> poolEntry(String id);

    long poolCount(PoolEntry.Status status);

    Totals totals();

    /**
     * Applies all of {@code change} or, on any failure, none of it (one transaction). It refuses, with a
     * {@link PaymentStoreException} and changing nothing, a change that would: put an entry into the memory
     * pool twice, grant a second allocation under one key, reuse a mint reference, leave two live or applied
     * transfers with one payer and nonce, or two live or applied transfers for one bill. Committing a pool
     * entry that is not ready changes nothing for that entry.
     */
    void commit(Change change);
}
