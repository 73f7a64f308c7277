package org.ebc.gateway.payment;

import java.util.Optional;
import org.ebc.crypto.KeyId;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.payment.Cosign;
import org.ebc.payment.Transfer;
import org.ebc.trade.Bill;
import org.ebc.units.CoinAmount;
import org.ebc.units.NodeId;

/**
 * Admits a node's transfer or refuses it with its reason (the order of the checks is the order of the
 * reasons in docs/payments.md). Admitting reserves the amount (it stays in the balance, but no later
 * transfer can spend it), takes the nonce, and marks the bill pending; the coins move only when the
 * payee has co-signed ({@link Application}).
 *
 * <p>Double spending is refused by two rules that need no locking, because the core runs on one thread:
 * a nonce is admitted once (a second transfer with it is a {@link Refusal#REPLAY}), and a transfer is
 * admitted only if the balance minus every reservation before it covers it.
 */
final class Admission {
    private Admission() {}

    static Step admit(Context c, Draft d, NodeId node, byte[] raw, Transfer t, String digest) {
        Release.releaseOverdue(c, d, t.payer());
        Optional<TransferRecord> known = d.transfer(digest);
        if (known.isPresent() && known.get().state() != TransferState.RELEASED) {
            return resent(c, d, node, known.get());
        }
        Optional<NodeId> owner = c.addresses().ownerOf(t.payer());
        if (owner.isEmpty()) {
            return Step.refuse(Refusal.UNKNOWN_ADDRESS, "address " + t.payer() + " is not registered at this EAG");
        }
        if (!owner.get().equals(node)) {
            return Step.refuse(Refusal.WRONG_NODE, "address " + t.payer() + " is not one of node " + node + "'s");
        }
        if (!c.homes().isHomeHere(t.payer())) {
            return Step.refuse(Refusal.NOT_HOME, "address " + t.payer() + " has its home at another EAG; pay there");
        }
        if (c.blacklist().isBlacklisted(node)) {
            return Step.refuse(Refusal.BLACKLISTED, "node " + node + " is blacklisted");
        }
        Optional<BillRecord> found = d.bill(t.bill());
        if (found.isEmpty()) {
            return Step.refuse(Refusal.UNKNOWN_BILL, "no bill " + t.bill() + " was issued here");
        }
        BillRecord bill = found.get();
        Bill b = bill.bill();
        if (!b.payer().equals(t.payer())
                || !b.payee().equals(t.payee())
                || !b.amount().equals(t.amount())) {
            return Step.refuse(
                    Refusal.BILL_MISMATCH,
                    "bill " + b.id() + " asks " + b.payer() + " to pay " + b.amount() + " to " + b.payee());
        }
        if (bill.covered()) {
            return Step.refuse(
                    Refusal.COVERED,
                    "bill " + b.id() + " is covered by loan " + bill.coveredBy() + ": the EAG's credit bank pays it");
        }
        if (bill.status() != BillStatus.OPEN) {
            return Step.refuse(
                    Refusal.BILL_NOT_OPEN,
                    "bill " + b.id() + " is " + bill.status().name().toLowerCase(java.util.Locale.ROOT));
        }
        Optional<NodeId> payeeNode = c.addresses().ownerOf(t.payee());
        if (payeeNode.isEmpty() && !t.payee().equals(c.grid())) {
            return Step.refuse(
                    Refusal.UNKNOWN_ADDRESS, "payee address " + t.payee() + " is not registered at this EAG");
        }
        Account a = d.account(t.payer());
        if (t.nonce() < a.nextNonce()) {
            return Step.refuse(Refusal.REPLAY, "nonce " + t.nonce() + " is used; the next is " + a.nextNonce());
        }
        if (t.nonce() > a.nextNonce()) {
            return Step.refuse(Refusal.NONCE_GAP, "nonce " + t.nonce() + " skips; the next is " + a.nextNonce());
        }
        if (a.available().compareTo(t.amount()) < 0) {
            return Step.refuse(
                    Refusal.INSUFFICIENT_FUNDS,
                    "available " + a.available() + " (balance " + a.balance() + " minus pending " + a.reserved()
                            + ") does not cover " + t.amount());
        }
        CoinAmount covered = a.available();
        TransferRecord admitted = reserve(c, d, bill, raw, t, digest);
        if (payeeNode.isEmpty()) {
            // A grid-import bill: the grid account is the EAG's, so the EAG co-signs as payee at once.
            return Application.cosigned(c, d, admitted, eagCosign(c, admitted, d));
        }
        d.tell(new Notice.CosignWanted(payeeNode.get(), b.id(), raw, covered));
        return Step.pending("admitted; waiting for the payee's co-signature until " + admitted.deadline());
    }

    /** The same transfer again (a resend after a reconnect): its status, and the payee asked again if still pending. */
    private static Step resent(Context c, Draft d, NodeId node, TransferRecord t) {
        if (!c.addresses().ownerOf(t.payer()).map(node::equals).orElse(false)) {
            return Step.refuse(Refusal.WRONG_NODE, "address " + t.payer() + " is not one of node " + node + "'s");
        }
        return switch (t.state()) {
            case APPLIED -> Step.applied("already applied");
            case COSIGNED ->
                Step.pending("already co-signed; waits for the payer's nonce "
                        + (d.account(t.payer()).appliedNonce() + 1));
            default -> {
                c.addresses()
                        .ownerOf(t.payee())
                        .ifPresent(payee -> d.tell(new Notice.CosignWanted(payee, t.bill(), t.raw(), covered(d, t))));
                yield Step.pending("already admitted; waiting for the payee's co-signature until " + t.deadline());
            }
        };
    }

    /** Reserves a transfer that passed every check: nonce taken, amount reserved, bill pending. */
    static TransferRecord reserve(Context c, Draft d, BillRecord bill, byte[] raw, Transfer t, String digest) {
        d.put(d.account(t.payer()).reserving(t.amount()));
        TransferRecord r =
                new TransferRecord(digest, raw, t, TransferState.PENDING, d.now, c.deadlineFrom(d.now), null, null);
        d.put(r);
        d.put(bill.pending(digest));
        return r;
    }

    /** What the payer has available to {@code t}: its balance minus what its live transfers before it reserve. */
    static CoinAmount covered(Draft d, TransferRecord t) {
        CoinAmount before = CoinAmount.ZERO;
        for (TransferRecord other : d.liveTransfers(t.payer())) {
            if (other.nonce() < t.nonce()) {
                before = before.plus(other.amount());
            }
        }
        return d.account(t.payer()).balance().minus(before);
    }

    /** The EAG's co-signature, as payee (the grid account), over a transfer to the grid. */
    static byte[] eagCosign(Context c, TransferRecord t, Draft d) {
        Cosign cs = Cosign.of(t.transfer(), t.digest(), c.signer().publicKey(), d.now);
        byte[] payload = cs.payloadBytes();
        return EnvelopeCodec.assemble(
                payload, KeyId.of(c.signer().publicKey()), c.signer().sign(payload));
    }
}
