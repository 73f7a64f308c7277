package org.ebc.agent.trading;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ebc.crypto.Sha256;
import org.ebc.payment.BalanceNotice;
import org.ebc.payment.Transfer;
import org.ebc.trade.Bill;
import org.ebc.trade.Receipt;
import org.ebc.units.CoinAmount;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;
import org.tinylog.Logger;

/**
 * Pays the node's bills: for a bill whose payer is one of the node's addresses, a {@link Transfer} of exactly
 * the bill's amount to its payee, naming the bill, with the address's next nonce, signed by that address's
 * wallet key; stored (with the nonce it used) before it is published, and published again until the gateway
 * answers.
 *
 * <p>Order and independence: bills are paid in the EAG's bill order, one unanswered transfer per address at a
 * time (so nonces stay consecutive); a bill the address cannot cover is marked {@link BillState#UNFUNDED} and
 * skipped, so it never holds up the smaller bills behind it, and is tried again when a newer balance notice
 * arrives. Refusals: {@code INSUFFICIENT_FUNDS} leaves the bill unfunded; {@code REPLAY} and {@code NONCE_GAP}
 * take the nonce from the latest balance notice and sign again, once; after that the bill waits for a newer
 * notice. A refused transfer changed nothing at the gateway, so its nonce is free again.
 *
 * <p>Runs on the agent thread.
 */
final class BillDesk {
    private final NodeId node;
    private final TradingConfig config;
    private final Wallets wallets;
    private final TradeLedger ledger;
    private final Outgoing out;
    private final Clock clock;
    private final Map<String, Instant> lastSent = new HashMap<>();
    /** False once no transfer was unanswered and none was sent since: the tick then reads nothing. */
    private boolean mayHaveSent = true;

    BillDesk(NodeId node, TradingConfig config, Wallets wallets, TradeLedger ledger, Outgoing out, Clock clock) {
        this.node = node;
        this.config = config;
        this.wallets = wallets;
        this.ledger = ledger;
        this.out = out;
        this.clock = clock;
    }

    /** Makes sure every wallet has a row (its nonce starts at 1). */
    void open() {
        for (Wallet w : wallets.all()) {
            if (ledger.wallet(w.address()).isEmpty()) {
                ledger.updateWallet(WalletState.fresh(w.address()));
            }
        }
    }

    /** A bill from the EAG; true if it is one of this node's (the cosigner then looks at held requests). */
    boolean bill(Bill b, byte[] envelope) {
        BillRole role;
        if (wallets.owns(b.payer())) {
            role = BillRole.PAY;
        } else if (wallets.owns(b.payee())) {
            role = BillRole.RECEIVE;
        } else {
            Logger.warn("node={} bill {} names none of this node's addresses; ignored", node, b.id());
            return false;
        }
        Instant now = clock.instant();
        Optional<BillRecord> known = ledger.bill(b.id());
        if (known.isPresent()) {
            if (!known.get().bill().equals(b)) {
                Logger.warn("node={} bill {} arrived again with other contents; the first one stands", node, b.id());
            }
            return true;
        }
        ledger.addBill(BillRecord.received(b, envelope, role, now));
        Logger.info(
                "node={} bill {} ({}, slot {}): {} {} for {} at {}",
                node,
                b.id(),
                b.kind(),
                b.slot(),
                role == BillRole.PAY ? "pay" : "receive",
                b.amount(),
                b.energy(),
                b.price());
        if (role == BillRole.PAY) {
            pay(b.payer());
        }
        return true;
    }

    void balance(BalanceNotice n) {
        if (!wallets.owns(n.address())) {
            Logger.warn("node={} balance notice for {}, not one of this node's addresses; ignored", node, n.address());
            return;
        }
        WalletState w = ledger.wallet(n.address()).orElse(WalletState.fresh(n.address()));
        if (w.hasNotice() && n.seq() <= w.noticeSeq()) {
            return; // older than what we know
        }
        ledger.updateWallet(w.withNotice(n));
        pay(n.address());
    }

    void receipt(Receipt r) {
        Optional<BillRecord> found = ledger.billByTransfer(r.ref());
        if (found.isEmpty()) {
            Logger.debug("node={} receipt for a transfer {} this node does not hold", node, r.ref());
            return;
        }
        BillRecord b = found.get();
        if (b.state() != BillState.SENT && b.state() != BillState.PENDING) {
            return; // settled before: a repeated receipt
        }
        Instant now = clock.instant();
        lastSent.remove(b.id());
        switch (r.status()) {
            case ACCEPTED, PENDING -> {
                if (b.state() == BillState.SENT) {
                    ledger.updateBill(b.withState(BillState.PENDING, "", now));
                }
            }
            case APPLIED -> {
                ledger.updateBill(b.withState(BillState.PAID, "", now));
                Logger.info(
                        "node={} bill {} paid: {} to {}",
                        node,
                        b.id(),
                        b.bill().amount(),
                        b.bill().payee());
            }
            case REFUSED -> refused(b, r, now);
        }
        pay(b.bill().payer());
    }

    /** Publishes unanswered transfers again at once (a new connection), then pays what can be paid. */
    void connected() {
        lastSent.clear();
        mayHaveSent = true;
        tick();
        Set<WalletAddress> payers = new LinkedHashSet<>();
        for (BillRecord b : ledger.unpaidBills()) {
            payers.add(b.bill().payer());
        }
        // Also pays what a crash left stored but unsent; otherwise payments follow from bills, notices, receipts.
        payers.forEach(this::pay);
    }

    /**
     * Publishes unanswered transfers again when due; false if there was none to look at (nothing changed). A bill
     * waiting for coins costs nothing here: it is tried again when a balance notice arrives.
     */
    boolean tick() {
        if (!mayHaveSent) {
            return false;
        }
        Instant now = clock.instant();
        boolean sent = false;
        for (BillRecord b : ledger.unpaidBills()) {
            if (b.state() == BillState.SENT && b.transfer().isPresent()) {
                sent = true;
                Instant last = lastSent.get(b.id());
                if (last == null || !now.isBefore(last.plus(config.resendAfter()))) {
                    if (out.payment(b.transfer().get())) {
                        lastSent.put(b.id(), now);
                    }
                }
            }
        }
        mayHaveSent = sent;
        return true;
    }

    private void refused(BillRecord b, Receipt r, Instant now) {
        WalletState w = ledger.wallet(b.bill().payer())
                .orElse(WalletState.fresh(b.bill().payer()));
        String why = r.reason() + (r.detail().isEmpty() ? "" : " (" + r.detail() + ")");
        String what = "transfer for bill " + b.id() + " (nonce " + b.nonce() + ", "
                + b.bill().amount() + ") refused: " + why;
        boolean nonceProblem =
                r.reason().equals(ReceiptReasons.REPLAY) || r.reason().equals(ReceiptReasons.NONCE_GAP);
        if (nonceProblem) {
            // The gateway's view of the nonce is the latest balance notice's; without one, start over at 1.
            WalletState synced = w.withNextNonce(w.noticeNonce());
            if (b.nonceRetries() < 1) {
                Logger.info(
                        "node={} {}; nonce taken from the latest balance notice ({}), signing again",
                        node,
                        what,
                        synced.nextNonce());
                ledger.updateBillAndWallet(b.withState(BillState.OPEN, why, now).retried(), synced);
            } else {
                Logger.warn("node={} event=TRANSFER_REFUSED {}; waiting for a newer balance notice", node, what);
                ledger.event(TradeEvent.TRANSFER_REFUSED, what, now);
                ledger.updateBillAndWallet(
                        b.withState(BillState.REFUSED, why, now).waitingFor(w.noticeSeq()), synced);
            }
            return;
        }
        // Refused: nothing changed at the gateway, so the nonce this transfer used is free again.
        WalletState freed = w.nextNonce() == b.nonce() + 1 ? w.withNextNonce(b.nonce()) : w;
        if (r.reason().equals(ReceiptReasons.COVERED)) {
            Logger.info("node={} bill {} is covered by a loan: the EAG's credit bank pays it ({})", node, b.id(), why);
            ledger.updateBillAndWallet(b.withState(BillState.COVERED, why, now), freed);
            return;
        }
        if (r.reason().equals(ReceiptReasons.INSUFFICIENT_FUNDS)) {
            Logger.warn("node={} event=BILL_UNFUNDED {}; the bill stays open", node, what);
            ledger.event(TradeEvent.BILL_UNFUNDED, what, now);
            ledger.updateBillAndWallet(b.withState(BillState.UNFUNDED, why, now).waitingFor(w.noticeSeq()), freed);
            return;
        }
        Logger.warn("node={} event=TRANSFER_REFUSED {}", node, what);
        ledger.event(TradeEvent.TRANSFER_REFUSED, what, now);
        // Not retried by itself: the same transfer would be refused the same way. A newer notice tries again.
        ledger.updateBillAndWallet(b.withState(BillState.REFUSED, why, now).waitingFor(w.noticeSeq()), freed);
    }

    /** Pays the next payable bill of {@code payer}, if nothing of it is in flight. */
    private void pay(WalletAddress payer) {
        Optional<Wallet> wallet = wallets.find(payer);
        if (wallet.isEmpty()) {
            return;
        }
        List<BillRecord> bills = new ArrayList<>();
        for (BillRecord b : ledger.unpaidBills()) {
            if (b.bill().payer().equals(payer)) {
                bills.add(b);
            }
        }
        for (BillRecord b : bills) {
            if (b.state() == BillState.SENT) {
                return; // one unanswered transfer per address: the nonces stay consecutive
            }
        }
        WalletState w = ledger.wallet(payer).orElse(WalletState.fresh(payer));
        Optional<CoinAmount> available = available(w, bills);
        Instant now = clock.instant();
        for (BillRecord b : bills) {
            if (b.state() == BillState.PENDING || b.state() == BillState.COVERED) {
                continue;
            }
            if (b.waiting() && w.noticeSeq() <= b.waitNoticeSeq()) {
                continue; // refused or unfunded at this state; a newer notice may change that
            }
            CoinAmount amount = b.bill().amount();
            if (available.isPresent() && available.get().compareTo(amount) < 0) {
                if (b.state() != BillState.UNFUNDED) {
                    String what = "bill " + b.id() + " of " + amount + " exceeds the " + available.get()
                            + " available on " + payer;
                    Logger.warn("node={} event=BILL_UNFUNDED {}; it stays open", node, what);
                    ledger.event(TradeEvent.BILL_UNFUNDED, what, now);
                }
                ledger.updateBill(b.withState(BillState.UNFUNDED, "available " + available.get(), now)
                        .waitingFor(w.noticeSeq()));
                continue;
            }
            send(b, wallet.get(), w, now);
            return;
        }
    }

    /**
     * What the address can spend by the latest notice, less the transfers this node has had admitted since
     * (their nonces are at or past the notice's, so the notice does not count them yet); empty without a notice.
     */
    private static Optional<CoinAmount> available(WalletState w, List<BillRecord> bills) {
        if (!w.hasNotice()) {
            return Optional.empty();
        }
        CoinAmount a = w.available();
        for (BillRecord b : bills) {
            if (b.state() == BillState.PENDING && b.nonce() >= w.noticeNonce()) {
                a = a.minus(b.bill().amount());
            }
        }
        return Optional.of(a);
    }

    private void send(BillRecord b, Wallet wallet, WalletState w, Instant now) {
        long nonce = w.nextNonce();
        Bill bill = b.bill();
        Transfer t = new Transfer(bill.payer(), nonce, now, bill.payee(), bill.amount(), bill.id(), wallet.publicKey());
        byte[] signed = t.sign(wallet.privateKey());
        String digest = Sha256.hex(signed);
        // The transfer and the nonce it used are durable before the gateway can see either.
        ledger.updateBillAndWallet(b.withTransfer(nonce, signed, digest, now), w.withNextNonce(nonce + 1));
        Logger.info(
                "node={} paying bill {}: {} to {} (nonce {}, transfer {})",
                node,
                bill.id(),
                bill.amount(),
                bill.payee(),
                nonce,
                digest.substring(0, 12));
        mayHaveSent = true;
        if (out.payment(signed)) {
            lastSent.put(b.id(), now);
        }
    }
}
