package org.ebc.agent.trading;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.Sha256;
import org.ebc.payment.Cosign;
import org.ebc.payment.CosignRequest;
import org.ebc.payment.PaymentCheck;
import org.ebc.payment.Transfer;
import org.ebc.trade.Receipt;
import org.ebc.units.NodeId;
import org.tinylog.Logger;

/**
 * Co-signs the transfers that pay the node's sales ({@link CosignCheck} decides), with the receiving address's
 * wallet key; stores each co-signature before publishing it and publishes it again until the gateway answers.
 * A repeated request for a transfer already co-signed gets the same co-signature again (same bytes). A refusal
 * is silent towards the gateway (it is the gateway's job to notice that no co-signature comes), logged once
 * per transfer and reason, and recorded. A request for a bill that has not arrived yet is held (up to
 * {@value #HELD}) and checked again when the bill arrives.
 *
 * <p>Runs on the agent thread.
 */
final class SaleCosigner {
    static final int HELD = 64;

    private final NodeId node;
    private final TradingConfig config;
    private final Wallets wallets;
    private final TradeLedger ledger;
    private final Outgoing out;
    private final Clock clock;
    private final ArrayDeque<Held> held = new ArrayDeque<>();
    private final Map<String, Instant> lastSent = new HashMap<>();
    /** False once the ledger had no unanswered co-signature and none was signed since. */
    private boolean mayHaveUnanswered = true;

    SaleCosigner(NodeId node, TradingConfig config, Wallets wallets, TradeLedger ledger, Outgoing out, Clock clock) {
        this.node = node;
        this.config = config;
        this.wallets = wallets;
        this.ledger = ledger;
        this.out = out;
        this.clock = clock;
    }

    /** A request waiting for its bill, with the key that signed it. */
    private record Held(CosignRequest request, KeyId signer) {}

    /**
     * @param signer the key that signed the request (the EAG's: the inbox passes only verified messages)
     */
    void request(CosignRequest r, KeyId signer) {
        PaymentCheck.Checked<Transfer> checked = PaymentCheck.transfer(r.transfer());
        Instant now = clock.instant();
        if (checked.ok()) {
            Optional<CosignRecord> done = ledger.cosign(checked.digestHex());
            if (done.isPresent()) {
                if (out.payment(done.get().envelope())) {
                    lastSent.put(done.get().transferDigest(), now);
                }
                return;
            }
        }
        CosignCheck.Verdict v = CosignCheck.check(r, checked, wallets, ledger.bill(r.bill()), signer);
        if (v.cosign()) {
            sign(v, now);
            return;
        }
        CosignRefusal refusal = v.refusal();
        if (refusal == CosignRefusal.UNKNOWN_BILL) {
            if (held.size() == HELD) {
                held.poll();
            }
            held.add(new Held(r, signer));
            Logger.info("node={} co-signature request for bill {} held until the bill arrives", node, r.bill());
            return;
        }
        String checkedDigest = v.digest();
        String digest = checkedDigest != null ? checkedDigest : Sha256.hex(r.transfer());
        String reason = refusal == null ? "" : refusal.name();
        if (ledger.cosignRefused(digest, r.bill(), reason, v.detail(), now)) {
            String what = "not co-signing the transfer " + digest.substring(0, 12) + " for bill " + r.bill() + ": "
                    + reason + " (" + v.detail() + ")";
            Logger.warn("node={} event=COSIGN_REFUSED {}", node, what);
            ledger.event(TradeEvent.COSIGN_REFUSED, what, now);
        }
    }

    /** A bill arrived: requests held for it are checked again. */
    void billArrived(String id) {
        for (Iterator<Held> it = held.iterator(); it.hasNext(); ) {
            Held h = it.next();
            if (h.request().bill().equals(id)) {
                it.remove();
                request(h.request(), h.signer());
            }
        }
    }

    void receipt(Receipt r) {
        Optional<CosignRecord> found = ledger.cosignByReference(r.ref());
        if (found.isEmpty()) {
            Logger.debug("node={} receipt for a co-signature {} this node does not hold", node, r.ref());
            return;
        }
        CosignRecord c = found.get();
        Instant now = clock.instant();
        lastSent.remove(c.transferDigest());
        switch (r.status()) {
            case ACCEPTED, PENDING -> {
                if (c.state() == CosignState.SENT) {
                    ledger.updateCosign(c.withState(CosignState.ACCEPTED, r.reason(), now));
                }
            }
            case APPLIED -> {
                if (c.state() != CosignState.APPLIED) {
                    ledger.updateCosign(c.withState(CosignState.APPLIED, r.reason(), now));
                    ledger.bill(c.bill())
                            .filter(b -> b.role() == BillRole.RECEIVE)
                            .ifPresent(b -> ledger.updateBill(b.withState(BillState.PAID, "", now)));
                    Logger.info("node={} sale paid: bill {}, {} from {}", node, c.bill(), c.amount(), c.payer());
                }
            }
            case REFUSED -> {
                if (c.state() != CosignState.REFUSED && c.state() != CosignState.APPLIED) {
                    ledger.updateCosign(c.withState(CosignState.REFUSED, r.reason(), now));
                    String what = "co-signature for bill " + c.bill() + " refused: " + r.reason()
                            + (r.detail().isEmpty() ? "" : " (" + r.detail() + ")");
                    Logger.warn("node={} event=COSIGN_REFUSED_BY_GATEWAY {}", node, what);
                    ledger.event(TradeEvent.COSIGN_REFUSED_BY_GATEWAY, what, now);
                }
            }
        }
    }

    void connected() {
        lastSent.clear();
        mayHaveUnanswered = true;
        tick();
    }

    /** Publishes again what is due; false if there was nothing to look at (nothing changed). */
    boolean tick() {
        if (!mayHaveUnanswered) {
            return false;
        }
        List<CosignRecord> unanswered = ledger.unansweredCosigns();
        mayHaveUnanswered = !unanswered.isEmpty();
        Instant now = clock.instant();
        for (CosignRecord c : unanswered) {
            Instant last = lastSent.get(c.transferDigest());
            if (last == null || !now.isBefore(last.plus(config.resendAfter()))) {
                if (out.payment(c.envelope())) {
                    lastSent.put(c.transferDigest(), now);
                }
            }
        }
        return true;
    }

    private void sign(CosignCheck.Verdict v, Instant now) {
        Transfer t = v.transfer();
        String digest = v.digest();
        if (t == null || digest == null) {
            throw new IllegalStateException("a verdict to co-sign carries the transfer");
        }
        Wallet payee = wallets.find(t.payee()).orElseThrow();
        byte[] signed = Cosign.of(t, digest, payee.publicKey(), now).sign(payee.privateKey());
        CosignRecord c = new CosignRecord(
                digest,
                t.bill(),
                t.payer(),
                t.payee(),
                t.amount(),
                t.nonce(),
                signed,
                Sha256.hex(signed),
                now,
                CosignState.SENT,
                "",
                now);
        ledger.updateCosign(c);
        mayHaveUnanswered = true;
        ledger.bill(t.bill()).ifPresent(b -> ledger.updateBill(b.withState(BillState.COSIGNED, "", now)));
        Logger.info(
                "node={} co-signed the payment of bill {}: {} from {} (transfer {})",
                node,
                t.bill(),
                t.amount(),
                t.payer(),
                digest.substring(0, 12));
        if (out.payment(signed)) {
            lastSent.put(digest, now);
        }
    }
}
