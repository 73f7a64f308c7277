package org.ebc.gateway.payment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;
import org.jspecify.annotations.Nullable;

/**
 * One call's unit of work: reads see the store with this call's changes laid over it, writes collect into
 * a {@link Change} that {@code commit} hands to the store in one piece, together with the notices the
 * call produced. Nothing reaches the store before {@code commit}; a call that throws leaves it as it was.
 * Not thread-safe (one per call, on the core's thread).
 */
final class Draft {
    private static final Comparator<BillRecord> BILL_ORDER =
            Comparator.comparingLong((BillRecord b) -> b.bill().seq()).thenComparing(BillRecord::id);

    final PaymentStore store;
    final Instant now;
    private final Map<WalletAddress, Account> accounts = new LinkedHashMap<>();
    private final Map<String, BillRecord> bills = new LinkedHashMap<>();
    private final Map<String, TransferRecord> transfers = new LinkedHashMap<>();
    private final List<Change.NewEntry> pool = new ArrayList<>();
    private final List<Allocation> allocations = new ArrayList<>();
    private final List<Mint> mints = new ArrayList<>();
    private final Map<Instant, Award> awards = new TreeMap<>();
    private final Map<NodeId, Long> credits = new TreeMap<>();
    private final Map<String, Long> meta = new TreeMap<>();
    private final List<Notice> notices = new ArrayList<>();
    /** Set when the grid account's available coins may have grown or grid-export bills were opened. */
    boolean gridMayPay;

    Draft(PaymentStore store, Instant now) {
        this.store = store;
        this.now = now;
    }

    Account account(WalletAddress a) {
        Account mine = accounts.get(a);
        return mine != null ? mine : store.account(a).orElseGet(() -> Account.fresh(a));
    }

    void put(Account a) {
        accounts.put(a.address(), a);
    }

    Optional<TransferRecord> transfer(String digest) {
        TransferRecord mine = transfers.get(digest);
        return mine != null ? Optional.of(mine) : store.transfer(digest);
    }

    void put(TransferRecord t) {
        transfers.put(t.digest(), t);
    }

    /** The payer's live transfers, this call's changes included, in nonce order. */
    List<TransferRecord> liveTransfers(WalletAddress payer) {
        Map<String, TransferRecord> all = new LinkedHashMap<>();
        for (TransferRecord t : store.liveTransfers(payer)) {
            all.put(t.digest(), t);
        }
        for (TransferRecord t : transfers.values()) {
            if (t.payer().equals(payer)) {
                all.put(t.digest(), t);
            }
        }
        return all.values().stream()
                .filter(t -> t.state().live())
                .sorted(Comparator.comparingLong(TransferRecord::nonce))
                .toList();
    }

    Optional<BillRecord> bill(String id) {
        BillRecord mine = bills.get(id);
        return mine != null ? Optional.of(mine) : store.bill(id);
    }

    void put(BillRecord b) {
        bills.put(b.id(), b);
    }

    /** Bills the filter matches, this call's changes included, in bill order. */
    List<BillRecord> bills(BillFilter filter) {
        return merged(store.bills(filter), filter::matches);
    }

    /** Bills of {@code kind} with a slot in {@code [from, to)}, this call's changes included. */
    List<BillRecord> bills(String kind, Instant from, Instant to) {
        return merged(
                store.bills(kind, from, to),
                b -> b.bill().kind().equals(kind)
                        && !b.bill().slot().isBefore(from)
                        && b.bill().slot().isBefore(to));
    }

    private List<BillRecord> merged(List<BillRecord> stored, java.util.function.Predicate<BillRecord> wanted) {
        Map<String, BillRecord> all = new LinkedHashMap<>();
        for (BillRecord b : stored) {
            all.put(b.id(), b);
        }
        all.putAll(bills);
        return all.values().stream().filter(wanted).sorted(BILL_ORDER).toList();
    }

    Optional<Allocation> allocation(String key) {
        for (Allocation a : allocations) {
            if (a.key().equals(key)) {
                return Optional.of(a);
            }
        }
        return store.allocation(key);
    }

    void add(Allocation a) {
        allocations.add(a);
    }

    Optional<Mint> mint(String ref) {
        for (Mint m : mints) {
            if (m.ref().equals(ref)) {
                return Optional.of(m);
            }
        }
        return store.mint(ref);
    }

    void add(Mint m) {
        mints.add(m);
    }

    Optional<Award> award(Instant period) {
        Award mine = awards.get(period);
        return mine != null ? Optional.of(mine) : store.award(period);
    }

    void put(Award a) {
        awards.put(a.period(), a);
    }

    long credit(NodeId node, long initial) {
        Long mine = credits.get(node);
        return mine != null ? mine : store.credit(node).orElse(initial);
    }

    void putCredit(NodeId node, long value) {
        credits.put(node, value);
    }

    long meta(String name, long defaultValue) {
        Long mine = meta.get(name);
        return mine != null ? mine : store.meta(name).orElse(defaultValue);
    }

    void putMeta(String name, long value) {
        meta.put(name, value);
    }

    /** Puts an entry into the memory pool (at this call's time). */
    void enter(LedgerEntry entry) {
        pool.add(new Change.NewEntry(entry, now));
    }

    void tell(Notice n) {
        notices.add(n);
    }

    /**
     * Commits everything to the store in one change and returns the outcome with this call's notices,
     * followed by a balance notice for each changed address that belongs to a node.
     */
    Outcome commit(Step step, Notice.@Nullable Reply first, AddressBook addresses) {
        Change change = new Change(
                List.copyOf(accounts.values()),
                List.copyOf(bills.values()),
                List.copyOf(transfers.values()),
                pool,
                List.of(),
                allocations,
                mints,
                List.copyOf(awards.values()),
                credits,
                meta);
        if (!change.isEmpty()) {
            store.commit(change);
        }
        List<Notice> out = new ArrayList<>();
        // One receipt per node, message and status: the answer to the caller comes first, and the same news
        // produced again further down (a transfer applied in the caller's own call) is not sent twice.
        java.util.Set<String> replied = new java.util.HashSet<>();
        if (first != null) {
            out.add(first);
            replied.add(replyKey(first));
        }
        for (Notice n : notices) {
            if (!(n instanceof Notice.Reply r) || replied.add(replyKey(r))) {
                out.add(n);
            }
        }
        accounts.values().stream()
                .sorted(Comparator.comparing(Account::address))
                .forEach(a -> addresses
                        .ownerOf(a.address())
                        .ifPresent(node -> out.add(
                                new Notice.Balance(node, a.address(), a.balance(), a.reserved(), a.nextNonce()))));
        return new Outcome(step.status(), step.refusal(), step.detail(), out);
    }

    private static String replyKey(Notice.Reply r) {
        return r.node() + "|" + r.about() + "|" + r.ref() + "|" + r.status();
    }
}
