package org.ebc.gateway.payment;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.KeyPairs;
import org.ebc.crypto.Sha256;
import org.ebc.crypto.Signatures;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.payment.Cosign;
import org.ebc.payment.Transfer;
import org.ebc.trade.Bill;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.units.Energy;
import org.ebc.units.NodeId;
import org.ebc.units.Price;
import org.ebc.wallet.WalletAddress;

/**
 * One EAG's payments with its nodes, for tests: a store, the core over it, a clock moved by hand, nodes
 * with wallet keys, and helpers that issue bills and sign transfers and co-signatures.
 *
 * <p>With {@code realSignatures} every message is signed with its key and handed to the core as raw bytes
 * (the core checks it with {@code PaymentCheck}). Without, messages carry their exact payload and a fixed
 * well-formed signature and go through the pre-checked entry points ({@code admit}, {@code applyCosign}),
 * which is how the long property runs stay fast: the rules under test are the core's, not the curve's.
 */
final class PaymentWorld {
    static final EagId EAG = EagId.of("eag-1");
    static final Instant START = Instant.parse("2026-12-04T12:00:00Z");
    static final Duration SLOT = Duration.ofMinutes(15);
    /** A well-formed DER signature (over something else) for messages whose signature is not checked. */
    static final byte[] UNCHECKED_SIGNATURE =
            Signatures.sign(KeyPairs.generate().getPrivate(), new byte[] {1});

    final StepClock clock = new StepClock(START);
    final KeyPair eagKeys;
    final TestAddressBook book = new TestAddressBook();
    final Set<NodeId> blacklisted = ConcurrentHashMap.newKeySet();
    final Set<WalletAddress> foreign = ConcurrentHashMap.newKeySet();
    final PaymentStore store;
    final PaymentSettings settings;
    final boolean realSignatures;
    final Payments payments;
    Instant slot = START;
    private long billSeq;
    private int nodes;

    PaymentWorld(PaymentStore store) {
        this(store, PaymentSettings.DEFAULTS, true);
    }

    PaymentWorld(PaymentStore store, PaymentSettings settings, boolean realSignatures) {
        this(store, settings, realSignatures, KeyPairs.generate());
    }

    /** With the EAG's key pair given (a genesis names it: the ledger tests). */
    PaymentWorld(PaymentStore store, PaymentSettings settings, boolean realSignatures, KeyPair eagKeys) {
        this.eagKeys = eagKeys;
        this.store = store;
        this.settings = settings;
        this.realSignatures = realSignatures;
        Signer signer = realSignatures
                ? Signer.of(eagKeys.getPublic(), eagKeys.getPrivate())
                : new Signer() {
                    @Override
                    public java.security.PublicKey publicKey() {
                        return eagKeys.getPublic();
                    }

                    @Override
                    public byte[] sign(byte[] data) {
                        return UNCHECKED_SIGNATURE.clone();
                    }
                };
        this.payments = new Payments(
                EAG, settings, store, book, a -> !foreign.contains(a), blacklisted::contains, signer, clock);
    }

    WalletAddress grid() {
        return payments.gridAddress();
    }

    /** A new node with one wallet address bound to it, allocated its initial coins. */
    Party node(String name) {
        Party p = unallocatedNode(name);
        payments.allocate(p.node());
        return p;
    }

    /** A new node with one wallet address, not allocated. */
    Party unallocatedNode(String name) {
        nodes++;
        Party p = new Party(NodeId.of(name), KeyPairs.generate());
        book.bind(p.address(), p.node());
        return p;
    }

    /** Another wallet address of the same node. */
    Party anotherWallet(Party p) {
        Party q = new Party(p.node(), KeyPairs.generate());
        book.bind(q.address(), q.node());
        return q;
    }

    int nodeCount() {
        return nodes;
    }

    /** A bill of the current slot for {@code wh} at {@code minorPerKWh}. */
    Bill bill(String kind, WalletAddress payer, WalletAddress payee, long wh, long minorPerKWh) {
        Price price = Price.ofMinorUnitsPerKWh(minorPerKWh);
        Energy e = Energy.ofWh(wh);
        billSeq++;
        return new Bill(
                EAG, billSeq, clock.instant(), "b" + billSeq, slot, kind, payer, payee, e, price, price.costOf(e));
    }

    /** A bill of exactly {@code coins} (1 Wh at that many coins per Wh). */
    Bill billOf(String kind, WalletAddress payer, WalletAddress payee, CoinAmount amount) {
        return bill(kind, payer, payee, 1_000, amount.minorUnits());
    }

    Outcome settle(Bill... bills) {
        return settle(List.of(bills));
    }

    Outcome settle(List<Bill> bills) {
        return payments.settled(new SettledSlot(slot, SLOT, bills));
    }

    /** Moves to the next slot (the clock along with it). */
    void nextSlot() {
        slot = slot.plus(SLOT);
        if (clock.instant().isBefore(slot)) {
            clock.set(slot);
        }
    }

    Transfer transfer(Party payer, long nonce, WalletAddress payee, CoinAmount amount, String bill) {
        return new Transfer(
                payer.address(),
                nonce,
                clock.instant(),
                payee,
                amount,
                bill,
                payer.wallet().getPublic());
    }

    /** The transfer's envelope: signed by the payer (real signatures), or carrying a fixed signature. */
    byte[] bytes(Transfer t, Party payer) {
        return realSignatures
                ? t.sign(payer.wallet().getPrivate())
                : EnvelopeCodec.assemble(t.payloadBytes(), KeyId.of(t.key()), UNCHECKED_SIGNATURE);
    }

    /** Pays {@code bill} in full, with the payer's next nonce, from the payer's node. */
    Outcome pay(Party payer, Bill bill) {
        return pay(payer, payments.account(payer.address()).nextNonce(), bill.payee(), bill.amount(), bill.id());
    }

    Outcome pay(Party payer, long nonce, WalletAddress payee, CoinAmount amount, String bill) {
        Transfer t = transfer(payer, nonce, payee, amount, bill);
        return submit(payer.node(), t, bytes(t, payer));
    }

    Outcome submit(NodeId from, Transfer t, byte[] raw) {
        return realSignatures ? payments.submitTransfer(from, raw) : payments.admit(from, raw, t);
    }

    /** The payee's co-signature over the transfer with these bytes. */
    byte[] cosignBytes(Party payee, byte[] transferRaw) {
        Transfer t = TransferRecord.decode(transferRaw);
        Cosign c = Cosign.of(t, Sha256.hex(transferRaw), payee.wallet().getPublic(), clock.instant());
        return realSignatures
                ? c.sign(payee.wallet().getPrivate())
                : EnvelopeCodec.assemble(c.payloadBytes(), KeyId.of(c.key()), UNCHECKED_SIGNATURE);
    }

    /** The payee co-signs the admitted transfer, from its own node. */
    Outcome cosign(Party payee, TransferRecord t) {
        return cosign(payee.node(), payee, t.raw());
    }

    Outcome cosign(NodeId from, Party payee, byte[] transferRaw) {
        byte[] raw = cosignBytes(payee, transferRaw);
        if (realSignatures) {
            return payments.submitCosign(from, raw);
        }
        Transfer t = TransferRecord.decode(transferRaw);
        Cosign c = Cosign.of(t, Sha256.hex(transferRaw), payee.wallet().getPublic(), clock.instant());
        return payments.applyCosign(from, raw, c);
    }

    /** The live transfer for a bill. */
    TransferRecord pendingFor(Bill bill) {
        String digest = payments.bill(bill.id()).orElseThrow().transfer();
        if (digest == null) {
            throw new AssertionError("bill " + bill.id() + " has no transfer");
        }
        return payments.transfer(digest).orElseThrow();
    }

    static <T extends Notice> List<T> notices(Outcome o, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Notice n : o.notices()) {
            if (type.isInstance(n)) {
                out.add(type.cast(n));
            }
        }
        return out;
    }
}
