package org.ebc.gateway.payment;

import java.util.List;
import java.util.Optional;
import org.ebc.payment.Cosign;
import org.ebc.trade.Bill;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;

/**
 * Takes the payee's co-signature and applies transfers: the payer is debited (its reservation with it),
 * the payee credited, the bill paid, both nodes' credit values rise (P2P bills), and the transfer with
 * its co-signature enters the memory pool. A payer's transfers apply in nonce order, so that the chain
 * sees each nonce exactly after the previous one; a co-signed transfer behind a pending one waits.
 */
final class Application {
    private Application() {}

    static Step cosign(Context c, Draft d, NodeId node, byte[] raw, Cosign cs) {
        Optional<TransferRecord> found = d.transfer(cs.transferDigest());
        if (found.isEmpty()) {
            return Step.refuse(Refusal.UNKNOWN_TRANSFER, "no transfer " + cs.transferDigest() + " was admitted here");
        }
        TransferRecord t = found.get();
        if (!cs.payee().equals(t.payee()) || !cs.payer().equals(t.payer()) || cs.nonce() != t.nonce()) {
            return Step.refuse(
                    Refusal.COSIGN_MISMATCH, "the co-signature's payer, payee or nonce differ from the transfer's");
        }
        Optional<NodeId> owner = c.addresses().ownerOf(t.payee());
        if (owner.isEmpty()) {
            return Step.refuse(
                    Refusal.UNKNOWN_ADDRESS, "payee address " + t.payee() + " is not registered at this EAG");
        }
        if (!owner.get().equals(node)) {
            return Step.refuse(Refusal.WRONG_NODE, "address " + t.payee() + " is not one of node " + node + "'s");
        }
        Release.releaseOverdue(c, d, t.payer());
        t = d.transfer(t.digest()).orElseThrow();
        return switch (t.state()) {
            case RELEASED ->
                Step.refuse(
                        Refusal.EXPIRED,
                        "the transfer was released (" + t.releasedAs()
                                + ") before this co-signature; the payer submits it again");
            case APPLIED -> Step.applied("already applied");
            case COSIGNED ->
                Step.pending("already co-signed; waits for the payer's nonce " + nextToApply(d, t.payer()));
            case PENDING -> cosigned(c, d, t, raw);
        };
    }

    /** Records the co-signature and applies every transfer of the payer that is now next in nonce order. */
    static Step cosigned(Context c, Draft d, TransferRecord t, byte[] cosign) {
        d.put(t.with(TransferState.COSIGNED, cosign, null));
        applyReady(c, d, t.payer());
        TransferRecord now = d.transfer(t.digest()).orElseThrow();
        if (now.state() == TransferState.APPLIED) {
            return Step.applied("applied: bill " + t.bill() + " paid");
        }
        return Step.pending("co-signed; waits for the payer's nonce " + nextToApply(d, t.payer()));
    }

    private static long nextToApply(Draft d, WalletAddress payer) {
        return d.account(payer).appliedNonce() + 1;
    }

    private static void applyReady(Context c, Draft d, WalletAddress payer) {
        while (true) {
            long next = nextToApply(d, payer);
            List<TransferRecord> live = d.liveTransfers(payer);
            Optional<TransferRecord> t =
                    live.stream().filter(x -> x.nonce() == next).findFirst();
            if (t.isEmpty() || t.get().state() != TransferState.COSIGNED) {
                return;
            }
            apply(c, d, t.get());
        }
    }

    private static void apply(Context c, Draft d, TransferRecord t) {
        byte[] cosign = java.util.Objects.requireNonNull(t.cosign());
        d.put(d.account(t.payer()).applying(t.amount(), t.nonce()));
        d.put(d.account(t.payee()).credited(t.amount()));
        BillRecord bill = d.bill(t.bill()).orElseThrow(() -> new IllegalStateException("bill of " + t + " vanished"));
        d.put(bill.paid(t.digest(), d.now));
        d.put(t.with(TransferState.APPLIED, cosign, null));
        d.enter(new LedgerEntry.TransferEntry(t.raw(), cosign));
        if (bill.bill().kind().equals(Bill.P2P)) {
            raiseCredit(c, d, t.payer());
            raiseCredit(c, d, t.payee());
        }
        if (t.payee().equals(c.grid()) || t.payer().equals(c.grid())) {
            // More coins in the grid account, or a place free in its window of transfers in flight.
            d.gridMayPay = true;
        }
        String detail = "applied: bill " + t.bill() + " paid, " + t.amount();
        c.tellOwner(d, t.payer(), "transfer", t.digest(), Outcome.Status.APPLIED, "OK", detail);
        c.tellOwner(d, t.payee(), "cosign", t.digest(), Outcome.Status.APPLIED, "OK", detail);
    }

    /** The credit rule: each party's node gains {@code payment.credit.per.bill} points per paid P2P bill. */
    private static void raiseCredit(Context c, Draft d, WalletAddress address) {
        long per = c.settings().creditPerBill();
        c.addresses().ownerOf(address).ifPresent(node -> {
            if (per > 0) {
                d.putCredit(node, Math.addExact(d.credit(node, c.settings().creditInitial()), per));
            }
        });
    }
}
