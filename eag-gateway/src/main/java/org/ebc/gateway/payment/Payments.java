package org.ebc.gateway.payment;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.ebc.crypto.Sha256;
import org.ebc.envelope.Decoded;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.EnvelopeResult;
import org.ebc.payment.Cosign;
import org.ebc.payment.PaymentCheck;
import org.ebc.payment.PaymentReason;
import org.ebc.payment.Transfer;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;
import org.jspecify.annotations.Nullable;

/**
 * The payment core of one EAG (paper §II.B.4, DESIGN §5; the flow and every rule in docs/payments.md):
 * bills from settlement, transfers and co-signatures from the nodes, expiry, allocations, mints and
 * proof-of-flow awards, and the queries on balances, bills and credit values.
 *
 * <p><b>Threading: single-threaded by contract.</b> Every mutating method must be called from one thread
 * at a time (the gateway's trade desk, which receives orders, transfers and co-signatures in order). No
 * method locks: safety against double spending comes from the rules (one admission per nonce, reservations
 * counted before admitting), which hold because calls do not interleave. Each call reads the store,
 * decides, and commits everything it changed in one {@link PaymentStore#commit} (one SQLite transaction),
 * so a crash leaves either all of a call or none of it. The queries and {@link #memoryPool()} only read
 * the thread-safe store (the memory pool's {@code committed} writes only pool entries) and may be used from
 * other threads.
 *
 * <p>Every call returns an {@link Outcome} whose notices the wiring sends after the call returns: a
 * receipt for the caller first, then co-signature requests, further receipts, and a balance notice for
 * every address of a node whose state changed. Hostile input never throws; a store failure is a {@link
 * PaymentStoreException} (nothing was changed, nothing must be sent).
 */
public final class Payments {
    private final Context context;
    private final PaymentStore store;
    private final Clock clock;
    private final MemoryPool memoryPool;

    /**
     * @param eag this EAG
     * @param settings the {@code payment.*} configuration
     * @param store the payment state
     * @param addresses the account pool's address ↔ node map
     * @param homes whether an address has its home here ({@link HomeEags#ALL_HERE} for a single EAG)
     * @param blacklist the consortium's blacklist ({@link Blacklist#NONE} until Part F)
     * @param eagKey the EAG's key: the grid account is {@code WalletAddress.of(eagKey.publicKey())}
     * @param clock the time of every decision (deadlines, entries)
     */
    public Payments(
            EagId eag,
            PaymentSettings settings,
            PaymentStore store,
            AddressBook addresses,
            HomeEags homes,
            Blacklist blacklist,
            Signer eagKey,
            Clock clock) {
        this.context = new Context(
                Objects.requireNonNull(eag, "eag"),
                Objects.requireNonNull(settings, "settings"),
                Objects.requireNonNull(addresses, "addresses"),
                Objects.requireNonNull(homes, "homes"),
                Objects.requireNonNull(blacklist, "blacklist"),
                eagKey,
                WalletAddress.of(eagKey.publicKey()));
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.memoryPool = new MemoryPool(store, clock);
    }

    /** The grid account: the EAG's own address, payee of grid-import bills and payer of grid-export bills. */
    public WalletAddress gridAddress() {
        return context.grid();
    }

    // ---------------------------------------------------------------- settlement, nodes, chain

    /**
     * Takes a settled slot's bills (all or none), pays what it can of the grid-export bills from the grid
     * account (co-signature requests to the sellers), and closes the proof-of-flow periods that ended.
     */
    public Outcome settled(SettledSlot slot) {
        return run(null, d -> BillBook.take(context, d, slot));
    }

    /**
     * A node's transfer, as received on its payment topic: checked with {@link PaymentCheck#transfer}
     * (key ↔ address, signature), then {@link #admit}.
     *
     * @param node the node whose topic it came on
     */
    public Outcome submitTransfer(NodeId node, byte[] raw) {
        PaymentCheck.Checked<Transfer> checked = PaymentCheck.transfer(raw);
        if (!checked.ok()) {
            return refuseUnchecked(node, "transfer", Sha256.hex(raw), checked.reason(), checked.detail());
        }
        return admit(node, raw, checked.get());
    }

    /**
     * Admits a transfer whose signature the edge has checked already: {@code transfer} must be {@code
     * PaymentCheck.transfer(raw).get()}. Outcome PENDING (the payee's node gets a co-signature request),
     * APPLIED (a grid-import bill, which the EAG co-signs itself), or REFUSED with its reason.
     */
    public Outcome admit(NodeId node, byte[] raw, Transfer transfer) {
        String digest = Sha256.hex(raw);
        return run(reply(node, "transfer", digest), d -> Admission.admit(context, d, node, raw, transfer, digest));
    }

    /**
     * A payee's co-signature as received on its payment topic: checked with {@link PaymentCheck#cosign}
     * against the transfer it names, then {@link #applyCosign}.
     */
    public Outcome submitCosign(NodeId node, byte[] raw) {
        EnvelopeResult framed = EnvelopeCodec.frame(raw, PaymentCheck.MAX_BYTES);
        EnvelopeResult parsed = framed.isOk() ? EnvelopeCodec.parsePayload(framed.envelope()) : framed;
        Decoded<Cosign> named = parsed.isOk() ? Cosign.from(parsed.envelope()) : Decoded.failure(parsed.detail());
        if (!named.isOk()) {
            return refuseUnchecked(node, "cosign", Sha256.hex(raw), PaymentReason.MALFORMED, named.problem());
        }
        String digest = named.value().transferDigest();
        Optional<TransferRecord> t = store.transfer(digest);
        if (t.isEmpty()) {
            return run(
                    reply(node, "cosign", digest),
                    d -> Step.refuse(Refusal.UNKNOWN_TRANSFER, "no transfer " + digest + " was admitted here"));
        }
        PaymentCheck.Checked<Cosign> checked = PaymentCheck.cosign(raw, t.get().transfer(), digest);
        if (!checked.ok()) {
            return refuseUnchecked(node, "cosign", digest, checked.reason(), checked.detail());
        }
        return applyCosign(node, raw, checked.get());
    }

    /**
     * Takes a co-signature whose signature the edge has checked: {@code cosign} must be {@code
     * PaymentCheck.cosign(raw, …).get()}. Outcome APPLIED (coins moved, the record in the memory pool),
     * PENDING (co-signed, but an earlier transfer of the payer has still to apply), or REFUSED.
     */
    public Outcome applyCosign(NodeId node, byte[] raw, Cosign cosign) {
        return run(
                reply(node, "cosign", cosign.transferDigest()), d -> Application.cosign(context, d, node, raw, cosign));
    }

    /**
     * Releases every transfer not co-signed within {@code payment.cosign.timeout} (and those behind it) and
     * pays grid-export bills whose back-off has passed. The wiring calls it from a timer on the desk thread
     * (every few seconds); transfers of a payer are also released when that payer or its payee next sends.
     */
    public Outcome expire() {
        return run(null, d -> {
            int released = Release.releaseAllOverdue(context, d);
            d.gridMayPay = true;
            return Step.accepted(released + " transfer(s) released");
        });
    }

    /**
     * A loan of the EAG's credit bank covers a borrower's p2p bill: from now on the EAG's account (the grid
     * account, from which the bank lends) pays it, signed by the EAG and co-signed by the seller, and the
     * borrower's own transfers for it are refused ({@link Refusal#COVERED}). Checks that the bill exists here,
     * is p2p and open, that its payer is one of {@code borrower}'s addresses, and that the account's available
     * coins cover it. Covering a bill again for the same loan changes nothing.
     *
     * @param borrower the node the loan is to (the bank has checked its token)
     * @param loan the loan's token id, kept with the bill
     */
    public Outcome cover(NodeId borrower, String billId, String loan) {
        return run(null, d -> Cover.cover(context, d, borrower, billId, loan));
    }

    /**
     * The credit bank's bill to a borrower ({@link org.ebc.trade.Bill#LOAN}): what the borrower owes, payable by a
     * transfer of one of its addresses to the EAG's account, which the EAG co-signs at once. Issuing the same bill
     * again changes nothing; the wiring sends it to the borrower as it sends settlement's bills.
     */
    public Outcome issueLoanBill(NodeId borrower, org.ebc.trade.Bill bill) {
        return run(null, d -> LoanBills.issue(context, d, borrower, bill));
    }

    /**
     * Moves a node's credit value by {@code delta} (the credit bank's case two lowers it by d·amount: paper §III.3).
     */
    public Outcome adjustCredit(NodeId node, long delta) {
        return run(null, d -> {
            long before = d.credit(node, context.settings().creditInitial());
            d.putCredit(node, Math.addExact(before, delta));
            return Step.accepted("credit value of " + node + ": " + before + " → " + (before + delta));
        });
    }

    /**
     * A node's initial allocation ({@code payment.initial.allocation}), once, to its first address in text
     * order. The wiring calls it when a wallet address is bound to a node, and for every node at start.
     */
    public Outcome allocate(NodeId node) {
        return run(null, d -> Minting.allocate(context, d, node));
    }

    /** The grid account's float ({@code payment.grid.allocation}), once; the wiring calls it at start. */
    public Outcome allocateGrid() {
        return run(null, d -> Minting.allocateGrid(context, d));
    }

    /**
     * Coins created by a committed block's coinbase (Part E's mining reward). Idempotent under {@code ref};
     * the same ref with another address or amount is a {@link Refusal#MINT_CONFLICT}.
     *
     * @param amount minor units, &gt; 0
     */
    public Outcome mint(String ref, WalletAddress to, CoinAmount amount) {
        return run(null, d -> Minting.mint(context, d, ref, to, amount, null));
    }

    /** The coinbase of a committed block pays the proof-of-flow award of {@code period}: mints it, once. */
    public Outcome payAward(Instant period, String ref) {
        return run(null, d -> Minting.payAward(context, d, period, ref));
    }

    // ---------------------------------------------------------------- queries

    /** The address's account (a fresh one, all zero, if never seen). */
    public Account account(WalletAddress address) {
        return store.account(address).orElseGet(() -> Account.fresh(address));
    }

    public List<BillRecord> bills(BillFilter filter) {
        return store.bills(filter);
    }

    /** The bills a node pays or is paid, of every one of its addresses. */
    public List<BillRecord> billsOf(NodeId node) {
        return store.bills(
                new BillFilter(java.util.Set.copyOf(context.addresses().walletsOf(node)), null, null, null));
    }

    public Optional<BillRecord> bill(String id) {
        return store.bill(id);
    }

    public Optional<TransferRecord> transfer(String digest) {
        return store.transfer(digest);
    }

    /** Transfers admitted and not yet applied or released (the "pending" state), in the order admitted. */
    public List<TransferRecord> pendingTransfers() {
        return store.liveTransfers();
    }

    /** The node's credit value: {@code credit.initial} plus what its paid P2P bills added. */
    public long creditValue(NodeId node) {
        return store.credit(node).orElse(context.settings().creditInitial());
    }

    public List<Award> awards() {
        return store.awards();
    }

    /** The sums of the conservation check. */
    public Totals totals() {
        return store.totals();
    }

    /** The memory pool, for Part E. */
    public MemoryPool memoryPool() {
        return memoryPool;
    }

    // ---------------------------------------------------------------- plumbing

    private Outcome run(Notice.@Nullable Reply placeholder, Function<Draft, Step> rule) {
        // Whole milliseconds: what the wire formats and the database keep, so both stores hold the same instants.
        Draft d = new Draft(store, clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        Step step = rule.apply(d);
        GridPayer.pay(context, d);
        Notice.Reply first = placeholder == null
                ? null
                : new Notice.Reply(
                        placeholder.node(),
                        placeholder.about(),
                        placeholder.ref(),
                        step.status().receipt(),
                        step.refusal() == null ? "OK" : step.refusal().name(),
                        step.detail());
        return d.commit(step, first, context.addresses());
    }

    private static Notice.Reply reply(NodeId node, String about, String ref) {
        return new Notice.Reply(node, about, ref, org.ebc.trade.Receipt.Status.PENDING, "OK", "");
    }

    private Outcome refuseUnchecked(NodeId node, String about, String ref, PaymentReason reason, String detail) {
        Refusal r = switch (reason) {
            case KEY_NOT_BOUND -> Refusal.KEY_NOT_BOUND;
            case BAD_SIGNATURE -> Refusal.BAD_SIGNATURE;
            case COSIGN_MISMATCH -> Refusal.COSIGN_MISMATCH;
            case MALFORMED, OK -> Refusal.MALFORMED;
        };
        return run(reply(node, about, ref), d -> Step.refuse(r, detail));
    }
}
