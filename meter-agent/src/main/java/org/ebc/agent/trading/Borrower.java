package org.ebc.agent.trading;

import java.security.PrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ebc.credit.CreditAnswer;
import org.ebc.credit.CreditMessage;
import org.ebc.credit.CreditToken;
import org.ebc.crypto.KeyId;
import org.ebc.envelope.Decoded;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.EnvelopeResult;
import org.ebc.trade.Bill;
import org.ebc.units.CoinAmount;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;
import org.jspecify.annotations.Nullable;
import org.tinylog.Logger;

/**
 * The node's borrowing (paper §III): when a p2p bill it pays is unfunded (its coins do not cover it), it asks its
 * EAG's credit bank for a token, presents the newest token for each such bill (the bank's payment to the seller),
 * and keeps the token the bank re-signs after each payment. It repays without doing anything here: the bank bills
 * what is due as a loan bill, which {@link BillDesk} pays like any bill once the node's income covers it.
 *
 * <p>One message in flight at a time (each answer brings the token the next payment must present). A request the
 * bank refuses is not repeated before {@link #RETRY} (its reason is logged once per reason); a credit value the bank
 * says differs from the one stated is taken from its answer and the request made once more. Not thread-safe: the
 * agent's thread.
 */
final class Borrower {
    /** How long a refused request, or a message the bank has not answered, waits before the next try. */
    static final Duration RETRY = Duration.ofSeconds(30);

    private final NodeId node;
    private final PrivateKey key;
    private final KeyId keyId;
    private final Wallets wallets;
    private final TradeLedger ledger;
    private final Outgoing out;
    private final Clock clock;
    private long seq;
    private long knownCredit;
    private long inFlight = -1;
    private @Nullable String payingBill;
    private Instant sentAt = Instant.EPOCH;
    private Instant refusedAt = Instant.EPOCH;
    private boolean creditRetried;
    private String lastRefusal = "";
    /** When the periodic tick must look again by itself; news (a bill, a notice, an answer) looks at once. */
    private Instant nextLook = Instant.EPOCH;

    Borrower(NodeId node, PrivateKey key, KeyId keyId, Wallets wallets, TradeLedger ledger, Outgoing out, Clock clock) {
        this.node = node;
        this.key = key;
        this.keyId = keyId;
        this.wallets = wallets;
        this.ledger = ledger;
        this.out = out;
        this.clock = clock;
        // The bank keeps each node's highest sequence number: start above anything sent before a restart.
        this.seq = clock.millis();
    }

    /** The newest token, if the node has borrowed. */
    Optional<CreditToken> token() {
        return ledger.creditToken().flatMap(Borrower::read);
    }

    static Optional<CreditToken> read(byte[] signed) {
        EnvelopeResult framed = EnvelopeCodec.frame(signed, EnvelopeCodec.DEFAULT_MAX_BYTES);
        if (!framed.isOk()) {
            return Optional.empty();
        }
        EnvelopeResult parsed = EnvelopeCodec.parsePayload(framed.envelope());
        if (!parsed.isOk()) {
            return Optional.empty();
        }
        Decoded<CreditToken> d = CreditToken.from(parsed.envelope());
        return d.isOk() ? Optional.of(d.value()) : Optional.empty();
    }

    /** Unfunded p2p bills of the node, in bill order. */
    private List<BillRecord> unfunded() {
        List<BillRecord> out = new ArrayList<>();
        for (BillRecord b : ledger.unpaidBills()) {
            if (b.state() == BillState.UNFUNDED && b.bill().kind().equals(Bill.P2P)) {
                out.add(b);
            }
        }
        return out;
    }

    /** The periodic tick: looks again only when a wait it set is over (no file read on every tick). */
    void tick() {
        if (!clock.instant().isBefore(nextLook)) {
            consider();
        }
    }

    /** Looks at the unfunded bills: pays the first with the token if it can, else asks for a token. */
    void consider() {
        Instant now = clock.instant();
        if (inFlight >= 0 && now.isBefore(sentAt.plus(RETRY))) {
            nextLook = sentAt.plus(RETRY);
            return;
        }
        inFlight = -1;
        payingBill = null;
        List<BillRecord> bills = unfunded();
        if (bills.isEmpty()) {
            nextLook = Instant.MAX;
            return;
        }
        nextLook = now.plus(RETRY);
        Optional<byte[]> signed = ledger.creditToken();
        Optional<CreditToken> t = signed.flatMap(Borrower::read);
        if (signed.isPresent()
                && t.isPresent()
                && t.get().borrower().equals(node)
                && !now.isAfter(t.get().validUntil())) {
            for (BillRecord b : bills) {
                if (b.bill().amount().compareTo(t.get().balance()) <= 0) {
                    pay(b, signed.get(), now);
                    return;
                }
            }
            // A loan that still pays is open: the bank lends no second one (LOAN_OPEN) until it is repaid.
            nextLook = t.get().validUntil().plusMillis(1);
            return;
        }
        if (now.isBefore(refusedAt.plus(RETRY))) {
            nextLook = refusedAt.plus(RETRY);
            return;
        }
        CoinAmount need = CoinAmount.ZERO;
        for (BillRecord b : bills) {
            need = need.plus(b.bill().amount());
        }
        request(need, now);
    }

    private void request(CoinAmount amount, Instant now) {
        List<WalletAddress> addresses = new ArrayList<>();
        for (Wallet w : wallets.all()) {
            addresses.add(w.address());
        }
        long s = ++seq;
        CreditMessage m = new CreditMessage.Request(node, s, now, amount, knownCredit, addresses, addresses.get(0));
        if (out.credit(m.sign(key, keyId))) {
            inFlight = s;
            sentAt = now;
            Logger.info(
                    "node={} asking the credit bank for a token of {} (credit value {})", node, amount, knownCredit);
        }
    }

    private void pay(BillRecord b, byte[] token, Instant now) {
        long s = ++seq;
        CreditMessage m = new CreditMessage.Pay(
                node, s, now, token, b.bill().payee(), b.id(), b.bill().amount());
        if (out.credit(m.sign(key, keyId))) {
            inFlight = s;
            payingBill = b.id();
            sentAt = now;
            Logger.info(
                    "node={} paying bill {} ({}) with its token",
                    node,
                    b.id(),
                    b.bill().amount());
        }
    }

    /** The bank's answer. */
    void answer(CreditAnswer a) {
        knownCredit = a.credit();
        Instant now = clock.instant();
        if (a.token().length > 0
                && read(a.token()).map(t -> t.borrower().equals(node)).orElse(false)) {
            ledger.putCreditToken(a.token(), now);
        }
        if (a.re() != inFlight) {
            return; // a notice after a seller's forwarding, or an answer to a message given up on
        }
        inFlight = -1;
        String bill = payingBill;
        payingBill = null;
        if (a.op().equals("request")) {
            if (a.ok()) {
                creditRetried = false;
                Logger.info("node={} borrowed: {}", node, a.detail());
            } else if (a.result().equals("CREDIT_MISMATCH") && !creditRetried) {
                creditRetried = true; // the answer carries the bank's record: ask once more with it
            } else {
                refused(a, now);
                return;
            }
        } else if (a.op().equals("pay") && bill != null) {
            Optional<BillRecord> b = ledger.bill(bill);
            if (a.ok() && b.isPresent()) {
                ledger.updateBill(b.get().withState(BillState.COVERED, "paid by the credit bank: " + a.detail(), now));
                Logger.info("node={} bill {} covered by its loan: {}", node, bill, a.detail());
            } else if (!a.ok()) {
                refused(a, now);
                return;
            }
        }
        consider();
    }

    private void refused(CreditAnswer a, Instant now) {
        refusedAt = now;
        if (!a.result().equals(lastRefusal)) {
            lastRefusal = a.result();
            Logger.warn(
                    "node={} event=CREDIT_REFUSED the credit bank refused the {}: {} ({}); tried again after {}",
                    node,
                    a.op(),
                    a.result(),
                    a.detail(),
                    RETRY);
        }
    }
}
