package org.ebc.agent.trading;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.ebc.wallet.WalletAddress;

/**
 * The in-memory twin of {@code SqliteTradeLedger} for unit tests of the trader: same contract
 * ({@link TradeLedgerContract} runs against both), nothing durable. Not thread-safe.
 */
public final class MemoryTradeLedger implements TradeLedger {
    /** An event as recorded. */
    public record Event(TradeEvent kind, String detail, Instant at) {}

    private final TreeMap<Instant, BorderReading> borders = new TreeMap<>();
    private final TreeMap<Long, OrderRecord> orders = new TreeMap<>();
    private final TreeMap<Instant, AllocationRecord> allocations = new TreeMap<>();
    private final Map<String, BillRecord> bills = new LinkedHashMap<>();
    private final TreeMap<String, WalletState> wallets = new TreeMap<>();
    private final Map<String, CosignRecord> cosigns = new LinkedHashMap<>();
    private final Map<String, String> refusals = new LinkedHashMap<>();
    private final List<Event> events = new ArrayList<>();
    private long nextOrderSeq = 1;

    public List<Event> events() {
        return List.copyOf(events);
    }

    @Override
    public void borderReading(BorderReading r) {
        borders.put(r.border(), r);
        while (borders.size() > 200) {
            borders.pollFirstEntry();
        }
    }

    @Override
    public List<BorderReading> borderReadings(int max) {
        List<BorderReading> all = new ArrayList<>(borders.values());
        return List.copyOf(all.subList(Math.max(0, all.size() - max), all.size()));
    }

    @Override
    public long nextOrderSeq() {
        return nextOrderSeq;
    }

    @Override
    public void addOrder(OrderRecord o) {
        if (o.seq() != nextOrderSeq) {
            throw new IllegalStateException("order " + o.seq() + " is not the next sequence " + nextOrderSeq);
        }
        if (orderForSlot(o.slot()).isPresent()) {
            throw new IllegalStateException("slot " + o.slot() + " already has an order");
        }
        orders.put(o.seq(), o);
        nextOrderSeq = o.seq() + 1;
    }

    @Override
    public Optional<OrderRecord> order(long seq) {
        return Optional.ofNullable(orders.get(seq));
    }

    @Override
    public Optional<OrderRecord> orderForSlot(Instant slot) {
        return orders.values().stream().filter(o -> o.slot().equals(slot)).findFirst();
    }

    @Override
    public void updateOrder(OrderRecord o) {
        if (!orders.containsKey(o.seq())) {
            throw new IllegalStateException("no order " + o.seq());
        }
        orders.put(o.seq(), o);
    }

    @Override
    public List<OrderRecord> unansweredOrders() {
        return orders.values().stream()
                .filter(o -> o.state() == OrderState.SENT)
                .toList();
    }

    @Override
    public List<OrderRecord> recentOrders(int max) {
        return orders.descendingMap().values().stream().limit(max).toList();
    }

    @Override
    public void allocation(AllocationRecord a) {
        allocations.put(a.slot(), a);
    }

    private byte @org.jspecify.annotations.Nullable [] creditToken;

    @Override
    public Optional<byte[]> creditToken() {
        byte[] t = creditToken;
        return t == null ? Optional.empty() : Optional.of(t.clone());
    }

    @Override
    public void putCreditToken(byte[] token, java.time.Instant at) {
        creditToken = token.clone();
    }

    @Override
    public Optional<AllocationRecord> lastAllocation() {
        return allocations.isEmpty()
                ? Optional.empty()
                : Optional.of(allocations.lastEntry().getValue());
    }

    @Override
    public boolean addBill(BillRecord b) {
        return bills.putIfAbsent(b.id(), b) == null;
    }

    @Override
    public Optional<BillRecord> bill(String id) {
        return Optional.ofNullable(bills.get(id));
    }

    @Override
    public Optional<BillRecord> billByTransfer(String transferDigest) {
        return bills.values().stream()
                .filter(b -> b.transferDigest().filter(transferDigest::equals).isPresent())
                .findFirst();
    }

    @Override
    public void updateBill(BillRecord b) {
        if (!bills.containsKey(b.id())) {
            throw new IllegalStateException("no bill " + b.id());
        }
        bills.put(b.id(), b);
    }

    @Override
    public void updateBillAndWallet(BillRecord b, WalletState w) {
        updateBill(b);
        updateWallet(w);
    }

    @Override
    public List<BillRecord> unpaidBills() {
        return bills.values().stream()
                .filter(b -> b.role() == BillRole.PAY && b.state() != BillState.PAID && b.state() != BillState.COVERED)
                .sorted(Comparator.comparingLong((BillRecord b) -> b.bill().seq())
                        .thenComparing(BillRecord::id))
                .toList();
    }

    @Override
    public List<BillRecord> recentBills(int max) {
        return bills.values().stream()
                .sorted(Comparator.comparing((BillRecord b) -> b.state() == BillState.PAID)
                        .thenComparing(Comparator.comparingLong(
                                        (BillRecord b) -> b.bill().seq())
                                .thenComparing(BillRecord::id)
                                .reversed()))
                .limit(max)
                .toList();
    }

    @Override
    public Optional<WalletState> wallet(WalletAddress address) {
        return Optional.ofNullable(wallets.get(address.toString()));
    }

    @Override
    public void updateWallet(WalletState w) {
        wallets.put(w.address().toString(), w);
    }

    @Override
    public List<WalletState> wallets() {
        return List.copyOf(wallets.values());
    }

    @Override
    public Optional<CosignRecord> cosign(String transferDigest) {
        return Optional.ofNullable(cosigns.get(transferDigest));
    }

    @Override
    public Optional<CosignRecord> cosignByReference(String digest) {
        return cosigns.values().stream()
                .filter(c ->
                        c.transferDigest().equals(digest) || c.cosignDigest().equals(digest))
                .findFirst();
    }

    @Override
    public void updateCosign(CosignRecord c) {
        cosigns.put(c.transferDigest(), c);
    }

    @Override
    public List<CosignRecord> unansweredCosigns() {
        return cosigns.values().stream()
                .filter(c -> c.state() == CosignState.SENT)
                .sorted(Comparator.comparing(CosignRecord::signedAt))
                .toList();
    }

    @Override
    public List<CosignRecord> recentCosigns(int max) {
        return cosigns.values().stream()
                .sorted(Comparator.comparing(CosignRecord::signedAt).reversed())
                .limit(max)
                .toList();
    }

    @Override
    public boolean cosignRefused(String transferDigest, String bill, String reason, String detail, Instant at) {
        return refusals.putIfAbsent(transferDigest + "|" + reason, detail) == null;
    }

    @Override
    public long cosignRefusals() {
        return refusals.size();
    }

    @Override
    public void event(TradeEvent kind, String detail, Instant at) {
        events.add(new Event(kind, detail, at));
    }
}
