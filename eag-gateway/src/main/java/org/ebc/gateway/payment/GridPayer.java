package org.ebc.gateway.payment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.Sha256;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.payment.Transfer;
import org.ebc.trade.Bill;
import org.ebc.units.NodeId;

/**
 * Pays from the EAG's own account, the grid account: grid-export bills (the grid pays a seller) and bills a
 * loan covers ({@link Cover}: the EAG's credit bank pays a borrower's p2p bill on its behalf). The EAG signs
 * each transfer as payer (with its own key, the account's) and asks the seller's node to co-sign it like any
 * payee. Open bills are paid in bill order, grid-export and covered alike, whenever the account's available
 * coins cover them; a bill it cannot cover yet stays open and never holds up a smaller one behind it. A bill
 * whose seller did not co-sign in time is paid again only after a back-off ({@link Release#backoff}), so that
 * an absent seller does not hold the account's later transfers behind its nonce over and over.
 *
 * <p>The account keeps at most {@link #WINDOW} transfers in flight. Its transfers apply in nonce order like
 * anyone's, so one seller that does not co-sign holds up every transfer behind it until its transfer expires,
 * and the expiry releases all of them (they are signed again at once). The window bounds what one absent
 * seller can hold up and release; the rest of the bills wait, open, for a place in the window.
 */
final class GridPayer {
    /** Grid-account transfers admitted and not yet applied, at most. */
    static final int WINDOW = 16;

    private GridPayer() {}

    /** Pays what it can if something changed that may allow it; returns how many transfers it signed. */
    static int pay(Context c, Draft d) {
        if (!d.gridMayPay) {
            return 0;
        }
        d.gridMayPay = false;
        int signed = 0;
        for (BillRecord bill : payable(d)) {
            if (bill.retryAt() != null && d.now.isBefore(bill.retryAt())) {
                continue;
            }
            if (d.liveTransfers(c.grid()).size() >= WINDOW) {
                break;
            }
            if (sign(c, d, bill)) {
                signed++;
            }
        }
        return signed;
    }

    /**
     * Signs the account's transfer for one open bill and asks its seller to co-sign; false, changing nothing, if
     * the account's available coins do not cover it or its payee belongs to no node here.
     */
    static boolean sign(Context c, Draft d, BillRecord bill) {
        Account grid = d.account(c.grid());
        Bill b = bill.bill();
        Optional<NodeId> seller = c.addresses().ownerOf(b.payee());
        if (grid.available().compareTo(b.amount()) < 0 || seller.isEmpty()) {
            return false;
        }
        Transfer t = new Transfer(
                c.grid(),
                grid.nextNonce(),
                d.now,
                b.payee(),
                b.amount(),
                b.id(),
                c.signer().publicKey());
        byte[] payload = t.payloadBytes();
        byte[] raw = EnvelopeCodec.assemble(
                payload, KeyId.of(c.signer().publicKey()), c.signer().sign(payload));
        Admission.reserve(c, d, bill, raw, t, Sha256.hex(raw));
        d.tell(new Notice.CosignWanted(seller.get(), b.id(), raw, grid.available()));
        return true;
    }

    /**
     * The open bills the account pays, in bill order: grid-export bills and covered p2p bills. Covered bills
     * are found among the open p2p bills (those whose payers have not paid them yet: few at a healthy site).
     */
    private static List<BillRecord> payable(Draft d) {
        List<BillRecord> out = new ArrayList<>(d.bills(new BillFilter(null, null, BillStatus.OPEN, Bill.GRID_EXPORT)));
        for (BillRecord b : d.bills(new BillFilter(null, null, BillStatus.OPEN, Bill.P2P))) {
            if (b.covered()) {
                out.add(b);
            }
        }
        out.sort(Comparator.comparingLong((BillRecord b) -> b.bill().seq()).thenComparing(BillRecord::id));
        return out;
    }
}
