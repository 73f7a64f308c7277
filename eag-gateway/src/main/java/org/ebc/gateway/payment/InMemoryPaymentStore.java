package org.ebc.gateway.payment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.ebc.units.CoinAmount;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory twin of {@code SqlitePaymentStore}, for unit tests and tools that need no durability. Same
 * contract, checked by the same tests. Thread-safe (every method holds the store's lock). {@link #commit}
 * checks a whole change before applying any of it, so a refused change leaves nothing behind.
 */
public final class InMemoryPaymentStore implements PaymentStore {
    private static final Comparator<BillRecord> BILL_ORDER =
            Comparator.comparingLong((BillRecord b) -> b.bill().seq()).thenComparing(BillRecord::id);
    private static final Comparator<TransferRecord> ADMITTED_ORDER = Comparator.comparing(TransferRecord::admittedAt)
            .thenComparing(TransferRecord::payer)
            .thenComparingLong(TransferRecord::nonce);

    private final Map<WalletAddress, Account> accounts = new HashMap<>();
    private final Map<String, TransferRecord> transfers = new HashMap<>();
    /** Live or applied transfers by "payer|nonce" and by bill: the uniqueness rules. */
    private final Map<String, String> heldByNonce = new HashMap<>();

    private final Map<String, String> heldByBill = new HashMap<>();
    private final Map<WalletAddress, NavigableMap<Long, String>> liveByPayer = new HashMap<>();
    private final Set<String> live = new LinkedHashSet<>();
    private final Map<String, BillRecord> bills = new HashMap<>();
    private final TreeSet<BillRecord> openBills = new TreeSet<>(BILL_ORDER);
    private final TreeMap<Instant, Set<String>> billsBySlot = new TreeMap<>();
    private final TreeMap<Long, PoolEntry> pool = new TreeMap<>();
    private final TreeMap<Long, PoolEntry> readyPool = new TreeMap<>();
    private final Map<String, Long> poolIds = new HashMap<>();
    private final Map<String, Allocation> allocations = new HashMap<>();
    private final Map<String, Mint> mints = new HashMap<>();
    private final TreeMap<Instant, Award> awards = new TreeMap<>();
    private final Map<NodeId, Long> credits = new HashMap<>();
    private final Map<String, Long> meta = new HashMap<>();
    private CoinAmount allocated = CoinAmount.ZERO;
    private CoinAmount minted = CoinAmount.ZERO;

    @Override
    public synchronized Optional<Account> account(WalletAddress address) {
        return Optional.ofNullable(accounts.get(address));
    }

    @Override
    public synchronized Optional<TransferRecord> transfer(String digest) {
        return Optional.ofNullable(transfers.get(digest));
    }

    @Override
    public synchronized List<TransferRecord> liveTransfers(WalletAddress payer) {
        NavigableMap<Long, String> m = liveByPayer.get(payer);
        return m == null ? List.of() : m.values().stream().map(transfers::get).toList();
    }

    @Override
    public synchronized List<TransferRecord> liveTransfers() {
        return live.stream().map(transfers::get).sorted(ADMITTED_ORDER).toList();
    }

    @Override
    public synchronized List<TransferRecord> overdue(Instant now) {
        return live.stream()
                .map(transfers::get)
                .filter(t -> t.state() == TransferState.PENDING && now.isAfter(t.deadline()))
                .sorted(Comparator.comparing(TransferRecord::deadline)
                        .thenComparing(TransferRecord::payer)
                        .thenComparingLong(TransferRecord::nonce))
                .toList();
    }

    @Override
    public synchronized Optional<BillRecord> bill(String id) {
        return Optional.ofNullable(bills.get(id));
    }

    @Override
    public synchronized List<BillRecord> bills(BillFilter filter) {
        if (filter.status() == BillStatus.OPEN) {
            return openBills.stream().filter(filter::matches).toList(); // kept in bill order
        }
        return bills.values().stream()
                .filter(filter::matches)
                .sorted(BILL_ORDER)
                .toList();
    }

    @Override
    public synchronized List<BillRecord> bills(String kind, Instant from, Instant to) {
        if (!from.isBefore(to)) {
            return List.of();
        }
        return billsBySlot.subMap(from, true, to, false).values().stream()
                .flatMap(Set::stream)
                .map(bills::get)
                .filter(b -> b.bill().kind().equals(kind))
                .sorted(BILL_ORDER)
                .toList();
    }

    @Override
    public synchronized Optional<Allocation> allocation(String key) {
        return Optional.ofNullable(allocations.get(key));
    }

    @Override
    public synchronized Optional<Mint> mint(String ref) {
        return Optional.ofNullable(mints.get(ref));
    }

    @Override
    public synchronized Optional<Award> award(Instant period) {
        return Optional.ofNullable(awards.get(period));
    }

    @Override
    public synchronized List<Award> awards() {
        return List.copyOf(awards.values());
    }

    @Override
    public synchronized OptionalLong credit(NodeId node) {
        Long v = credits.get(node);
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }

    @Override
    public synchronized OptionalLong meta(String name) {
        Long v = meta.get(name);
        return v == null ? OptionalLong.empty() : OptionalLong.of(v);
    }

    @Override
    public synchronized List<PoolEntry> pool(PoolEntry.Status status, int limit) {
        var source = status == PoolEntry.Status.READY ? readyPool.values() : pool.values();
        return source.stream().filter(e -> e.status() == status).limit(limit).toList();
    }

    @Override
    public synchronized Optional<PoolEntry> poolEntry(String id) {
        Long seq = poolIds.get(id);
        return seq == null ? Optional.empty() : Optional.ofNullable(pool.get(seq));
    }

    @Override
    public synchronized long poolCount(PoolEntry.Status status) {
        return status == PoolEntry.Status.READY ? readyPool.size() : pool.size() - readyPool.size();
    }

    @Override
    public synchronized Totals totals() {
        CoinAmount balances = CoinAmount.ZERO;
        CoinAmount reserved = CoinAmount.ZERO;
        for (Account a : accounts.values()) {
            balances = balances.plus(a.balance());
            reserved = reserved.plus(a.reserved());
        }
        return new Totals(balances, reserved, allocated, minted, accounts.size());
    }

    @Override
    public synchronized void commit(Change change) {
        check(change);
        for (Account a : change.accounts()) {
            accounts.put(a.address(), a);
        }
        for (BillRecord b : change.bills()) {
            BillRecord old = bills.put(b.id(), b);
            if (old != null) {
                openBills.remove(old);
            } else {
                billsBySlot
                        .computeIfAbsent(b.bill().slot(), s -> new LinkedHashSet<>())
                        .add(b.id());
            }
            if (b.status() == BillStatus.OPEN) {
                openBills.add(b);
            }
        }
        for (TransferRecord t : releasedFirst(change.transfers())) {
            TransferRecord old = transfers.put(t.digest(), t);
            if (old != null && old.state() != TransferState.RELEASED) {
                heldByNonce.remove(nonceKey(old));
                heldByBill.remove(old.bill());
            }
            if (old != null) {
                unlive(old);
            }
            if (t.state() != TransferState.RELEASED) {
                heldByNonce.put(nonceKey(t), t.digest());
                heldByBill.put(t.bill(), t.digest());
            }
            if (t.state().live()) {
                live.add(t.digest());
                liveByPayer.computeIfAbsent(t.payer(), p -> new TreeMap<>()).put(t.nonce(), t.digest());
            }
        }
        for (Change.NewEntry e : change.pool()) {
            long seq = pool.isEmpty() ? 1 : pool.lastKey() + 1;
            String id = e.entry().id();
            PoolEntry entry = new PoolEntry(seq, id, e.entry(), e.at(), PoolEntry.Status.READY, null);
            pool.put(seq, entry);
            readyPool.put(seq, entry);
            poolIds.put(id, seq);
        }
        for (Change.Committed c : change.committed()) {
            Long seq = poolIds.get(c.id());
            PoolEntry e = seq == null ? null : pool.get(seq);
            if (e != null && e.status() == PoolEntry.Status.READY) {
                pool.put(
                        e.seq(),
                        new PoolEntry(e.seq(), e.id(), e.entry(), e.enteredAt(), PoolEntry.Status.COMMITTED, c.at()));
                readyPool.remove(e.seq());
            }
        }
        for (Allocation a : change.allocations()) {
            allocations.put(a.key(), a);
            allocated = allocated.plus(a.amount());
        }
        for (Mint m : change.mints()) {
            mints.put(m.ref(), m);
            minted = minted.plus(m.amount());
        }
        for (Award a : change.awards()) {
            awards.put(a.period(), a);
        }
        credits.putAll(change.credits());
        meta.putAll(change.meta());
    }

    private void unlive(TransferRecord old) {
        if (live.remove(old.digest())) {
            NavigableMap<Long, String> m = liveByPayer.get(old.payer());
            if (m != null && old.digest().equals(m.get(old.nonce()))) {
                m.remove(old.nonce());
                if (m.isEmpty()) {
                    liveByPayer.remove(old.payer());
                }
            }
        }
    }

    /** Refuses the whole change, before any of it is applied, if it breaks a uniqueness rule. */
    private void check(Change change) {
        Set<String> newIds = new java.util.HashSet<>();
        for (Change.NewEntry e : change.pool()) {
            String id = e.entry().id();
            if (poolIds.containsKey(id) || !newIds.add(id)) {
                throw new PaymentStoreException("memory-pool entry " + id + " is in the pool already");
            }
        }
        Set<String> keys = new java.util.HashSet<>();
        for (Allocation a : change.allocations()) {
            if (allocations.containsKey(a.key()) || !keys.add(a.key())) {
                throw new PaymentStoreException("allocation " + a.key() + " was granted already");
            }
        }
        Set<String> refs = new java.util.HashSet<>();
        for (Mint m : change.mints()) {
            if (mints.containsKey(m.ref()) || !refs.add(m.ref())) {
                throw new PaymentStoreException("mint reference " + m.ref() + " is used already");
            }
        }
        // Live or applied transfers after the change: unique per payer and nonce, and per bill.
        Map<String, @Nullable String> byNonce = new HashMap<>();
        Map<String, @Nullable String> byBill = new HashMap<>();
        for (TransferRecord t : change.transfers()) {
            TransferRecord old = transfers.get(t.digest());
            if (old != null && old.state() != TransferState.RELEASED) {
                byNonce.put(nonceKey(old), null);
                byBill.put(old.bill(), null);
            }
        }
        for (TransferRecord t : change.transfers()) {
            if (t.state() == TransferState.RELEASED) {
                continue;
            }
            held(byNonce, heldByNonce, nonceKey(t), t, "payer and nonce " + nonceKey(t));
            held(byBill, heldByBill, t.bill(), t, "bill " + t.bill());
        }
    }

    private static void held(
            Map<String, @Nullable String> after,
            Map<String, String> before,
            String key,
            TransferRecord t,
            String what) {
        String holder = after.containsKey(key) ? after.get(key) : before.get(key);
        if (holder != null && !holder.equals(t.digest())) {
            throw new PaymentStoreException(
                    "two live or applied transfers for " + what + ": " + holder + " and " + t.digest());
        }
        after.put(key, t.digest());
    }

    private static String nonceKey(TransferRecord t) {
        return t.payer() + "|" + t.nonce();
    }

    /** Released transfers first, so that a nonce or bill they free may be taken by another in the same change. */
    static List<TransferRecord> releasedFirst(List<TransferRecord> transfers) {
        List<TransferRecord> out = new ArrayList<>();
        transfers.stream().filter(t -> t.state() == TransferState.RELEASED).forEach(out::add);
        transfers.stream().filter(t -> t.state() != TransferState.RELEASED).forEach(out::add);
        return out;
    }
}
