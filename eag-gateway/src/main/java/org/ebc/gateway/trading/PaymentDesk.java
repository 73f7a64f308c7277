package org.ebc.gateway.trading;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.ebc.gateway.GatewayConfig;
import org.ebc.gateway.account.AccountPool;
import org.ebc.gateway.account.NodeRecord;
import org.ebc.gateway.payment.AddressBook;
import org.ebc.gateway.payment.BillFilter;
import org.ebc.gateway.payment.BillRecord;
import org.ebc.gateway.payment.BillStatus;
import org.ebc.gateway.payment.Blacklist;
import org.ebc.gateway.payment.CoinbaseMint;
import org.ebc.gateway.payment.HomeEags;
import org.ebc.gateway.payment.Notice;
import org.ebc.gateway.payment.Outcome;
import org.ebc.gateway.payment.Payments;
import org.ebc.gateway.payment.SettledSlot;
import org.ebc.gateway.payment.Signer;
import org.ebc.gateway.settlement.BillLine;
import org.ebc.gateway.settlement.SlotSettlement;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.gateway.storage.SqlitePaymentStore;
import org.ebc.gateway.storage.StorageException;
import org.ebc.gateway.verify.TradeInbound;
import org.ebc.trade.Bill;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;
import org.ebc.wire.Topics;
import org.tinylog.Logger;

/**
 * The transaction server's payments ({@link PaymentPort}) over the payment core ({@link Payments}, its SQLite
 * store on a connection of its own): a settled slot's bill lines become numbered {@link Bill}s, sent to the payer's
 * and the payee's node before anything else about them; transfers and co-signatures go to the core; every notice
 * it returns is signed and published after the core committed. At start and every few seconds it gives each node
 * of the account pool its initial allocation once, and the grid account its own.
 *
 * <p>Not thread-safe: the transaction server's thread.
 */
public final class PaymentDesk implements PaymentPort, AutoCloseable {
    /** How often the desk looks for nodes without their initial allocation, and for overdue transfers. */
    static final Duration HOUSEKEEPING = Duration.ofSeconds(2);

    /** One slot's bills and how they stand, for the bench's per-slot line and {@code eag-gateway bills}. */
    public record SlotBills(Instant slot, Map<String, Long> byKind, long paid, long open, long pending) {}

    private final Payments payments;
    private final AccountPool accounts;
    private final EagSigner signer;
    private final Connection connection;
    private long billSeq;
    private Instant lastHousekeeping = Instant.EPOCH;
    private final java.util.Queue<CoinbaseMint> coinbase = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicLong queued = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong applied = new java.util.concurrent.atomic.AtomicLong();
    /** Refusal reasons of coinbase credits logged once (the transaction server's thread only). */
    private final java.util.Set<String> coinbaseRefusals = new java.util.HashSet<>();

    private PaymentDesk(
            Payments payments, AccountPool accounts, EagSigner signer, Connection connection, long billSeq) {
        this.payments = payments;
        this.accounts = accounts;
        this.signer = signer;
        this.connection = connection;
        this.billSeq = billSeq;
    }

    /**
     * Opens the payment core on its own connection to the gateway database (migrated already) and hands out the
     * grid account's and every known node's initial allocation (each once; repeating it changes nothing).
     */
    public static PaymentDesk open(Path db, GatewayConfig config, AccountPool accounts, EagSigner signer) {
        try {
            Connection c = GatewayDatabase.openWriter(db);
            long seq;
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT COALESCE(MAX(seq), 0) FROM payment_bills")) {
                seq = r.next() ? r.getLong(1) : 0;
            }
            AddressBook book = new AddressBook() {
                @Override
                public Optional<NodeId> ownerOf(WalletAddress address) {
                    return accounts.ownerOf(address);
                }

                @Override
                public List<WalletAddress> walletsOf(NodeId node) {
                    return accounts.walletsOf(node);
                }
            };
            Payments p = new Payments(
                    config.eag(),
                    config.payment(),
                    new SqlitePaymentStore(c),
                    book,
                    HomeEags.ALL_HERE,
                    Blacklist.NONE,
                    Signer.of(signer.publicKey(), signer.key()),
                    signer.clock());
            return new PaymentDesk(p, accounts, signer, c, seq);
        } catch (SQLException e) {
            throw new StorageException("cannot open the payments' connection to " + db, e);
        }
    }

    /** The payment core, for queries (balances, bills, totals) from the wiring's thread. */
    public Payments payments() {
        return payments;
    }

    public WalletAddress gridAddress() {
        return payments.gridAddress();
    }

    @Override
    public List<Outgoing> settled(SlotSettlement settlement, Instant now) {
        List<Bill> bills = new ArrayList<>(settlement.lines().size());
        long seq = billSeq;
        for (BillLine l : settlement.lines()) {
            bills.add(new Bill(
                    signer.eag(),
                    ++seq,
                    now,
                    l.id(),
                    settlement.slot().start(),
                    l.kind().wireName(),
                    l.payer(),
                    l.payee(),
                    l.energy(),
                    l.price(),
                    l.amount()));
        }
        Outcome o = payments.settled(
                new SettledSlot(settlement.slot().start(), settlement.slot().length(), bills));
        if (o.isRefused()) {
            Logger.error(
                    "slot {}: the payment core refused its bills: {}: {}",
                    settlement.slot().start(),
                    o.reasonText(),
                    o.detail());
            return List.of();
        }
        billSeq = seq;
        List<Outgoing> out = new ArrayList<>();
        // Bills first: an agent checks a co-signature request against the bill it was sent.
        for (Bill b : bills) {
            byte[] signed = b.sign(signer.key(), signer.keyId());
            for (WalletAddress party : List.of(b.payer(), b.payee())) {
                accounts.ownerOf(party)
                        .ifPresent(node ->
                                out.add(Outgoing.of(Topics.node(signer.eag(), node, Topics.NodeMessage.BILL), signed)));
            }
        }
        out.addAll(messages(o));
        return out;
    }

    @Override
    public List<Outgoing> transfer(TradeInbound.TransferIn t, Instant now) {
        Outcome o = payments.admit(t.node(), t.raw(), t.transfer());
        List<Outgoing> out = messages(o);
        if (o.isRefused()
                && accounts.ownerOf(t.transfer().payer())
                        .filter(t.node()::equals)
                        .isPresent()) {
            // A payer that was refused for its balance or nonce has missed a balance notice (an agent that started
            // after its allocation, say): tell it where its address stands, so its next try can succeed.
            org.ebc.gateway.payment.Account a = payments.account(t.transfer().payer());
            out.add(Outgoing.of(
                    Topics.node(signer.eag(), t.node(), Topics.NodeMessage.PAYMENT),
                    new Notice.Balance(t.node(), a.address(), a.balance(), a.reserved(), a.nextNonce())
                            .toMessage(
                                    signer.eag(),
                                    signer.nextSeq(),
                                    signer.clock().instant())
                            .sign(signer.key(), signer.keyId())));
        }
        return out;
    }

    @Override
    public List<Outgoing> cosign(TradeInbound.CosignIn c, Instant now) {
        return messages(payments.submitCosign(c.node(), c.raw()));
    }

    /**
     * From any thread (the consensus thread): a committed block's mint for this EAG, applied on the transaction
     * server's thread at its next tick, since the payment core is single-threaded by contract.
     */
    public void credit(CoinbaseMint mint) {
        queued.incrementAndGet();
        coinbase.add(mint);
    }

    /** Credits handed over and not applied yet. */
    public long creditsPending() {
        return queued.get() - applied.get();
    }

    @Override
    public List<Outgoing> tick(Instant now) {
        List<Outgoing> out = new ArrayList<>();
        for (CoinbaseMint m = coinbase.poll(); m != null; m = coinbase.poll()) {
            Outcome o = m.apply(payments);
            if (o.isRefused() && coinbaseRefusals.add(o.reasonText())) {
                // A committed block is the chain's word: the payment core disagreeing is worth the operator's look.
                Logger.warn(
                        "a committed block's {} could not be credited to the payment core: {} ({}); further ones are"
                                + " not logged",
                        m,
                        o.reasonText(),
                        o.detail());
            }
            applied.incrementAndGet();
            out.addAll(messages(o));
        }
        if (Duration.between(lastHousekeeping, now).compareTo(HOUSEKEEPING) < 0) {
            return out;
        }
        lastHousekeeping = now;
        out.addAll(messages(payments.expire()));
        out.addAll(allocations());
        return out;
    }

    /** The grid's and every node's initial allocation that is still due (the core gives each once). */
    List<Outgoing> allocations() {
        List<Outgoing> out = new ArrayList<>(messages(payments.allocateGrid()));
        for (NodeRecord n : accounts.nodes()) {
            if (!accounts.walletsOf(n.node()).isEmpty()) {
                out.addAll(messages(payments.allocate(n.node())));
            }
        }
        return out;
    }

    /** A loan's cover of a bill: the payment core's outcome and the messages to publish. */
    public record Covered(Outcome outcome, List<Outgoing> messages) {}

    /** A loan covers {@code bill} ({@link Payments#cover}): the EAG's account pays its seller. */
    public Covered cover(NodeId borrower, String bill, String loan) {
        Outcome o = payments.cover(borrower, bill, loan);
        return new Covered(o, messages(o));
    }

    /**
     * Issues the credit bank's loan bill {@code id} ({@link Payments#issueLoanBill}) and, if the core takes it, sends
     * it signed to the borrower as settlement's bills are sent.
     */
    public Covered issueLoanBill(NodeId borrower, String id, WalletAddress payer, org.ebc.units.CoinAmount amount) {
        Instant now = signer.clock().instant();
        Bill b = new Bill(
                signer.eag(),
                billSeq + 1,
                now,
                id,
                now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS),
                Bill.LOAN,
                payer,
                payments.gridAddress(),
                org.ebc.units.Energy.ZERO,
                org.ebc.units.Price.ZERO,
                amount);
        Outcome o = payments.issueLoanBill(borrower, b);
        if (o.isRefused()) {
            return new Covered(o, List.of());
        }
        billSeq++;
        List<Outgoing> out = new ArrayList<>();
        out.add(Outgoing.of(
                Topics.node(signer.eag(), borrower, Topics.NodeMessage.BILL), b.sign(signer.key(), signer.keyId())));
        out.addAll(messages(o));
        return new Covered(o, out);
    }

    /** Moves a node's credit value ({@link Payments#adjustCredit}). */
    public void adjustCredit(NodeId node, long delta) {
        payments.adjustCredit(node, delta);
    }

    /** How the bills of a slot stand. */
    public SlotBills slot(Instant slot) {
        Map<String, Long> byKind = new TreeMap<>();
        long paid = 0;
        long open = 0;
        long pending = 0;
        for (BillRecord r : payments.bills(new BillFilter(null, slot, null, null))) {
            byKind.merge(r.bill().kind(), 1L, Long::sum);
            if (r.status() == BillStatus.PAID) {
                paid++;
            } else if (r.status() == BillStatus.PENDING) {
                pending++;
            } else {
                open++;
            }
        }
        return new SlotBills(slot, byKind, paid, open, pending);
    }

    private List<Outgoing> messages(Outcome o) {
        List<Outgoing> out = new ArrayList<>(o.notices().size());
        Instant at = signer.clock().instant();
        for (Notice n : o.notices()) {
            long seq = signer.nextSeq();
            switch (n) {
                case Notice.Reply r ->
                    out.add(Outgoing.of(
                            Topics.node(signer.eag(), r.node(), Topics.NodeMessage.RECEIPT),
                            r.toMessage(signer.eag(), seq, at).sign(signer.key(), signer.keyId())));
                case Notice.CosignWanted c ->
                    out.add(Outgoing.of(
                            Topics.node(signer.eag(), c.node(), Topics.NodeMessage.PAYMENT),
                            c.toMessage(signer.eag(), seq, at).sign(signer.key(), signer.keyId())));
                case Notice.Balance b ->
                    out.add(Outgoing.of(
                            Topics.node(signer.eag(), b.node(), Topics.NodeMessage.PAYMENT),
                            b.toMessage(signer.eag(), seq, at).sign(signer.key(), signer.keyId())));
            }
        }
        return out;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            Logger.debug("payments: closing its connection: {}", e.getMessage());
        }
    }
}
