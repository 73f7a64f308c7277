package org.ebc.gateway.payment;

import java.util.Optional;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.Sha256;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.payment.Transfer;
import org.ebc.trade.Bill;
import org.ebc.units.NodeId;

/**
 * Pays grid-export bills from the grid account: the EAG signs a transfer as payer (with its own key, the
 * grid account's) and asks the seller's node to co-sign it like any payee. Open grid-export bills are
 * paid in bill order whenever the grid account's available coins cover them; a bill it cannot cover yet
 * stays open and never holds up a smaller one behind it. A bill whose seller did not co-sign in time is
 * paid again only after a back-off ({@link Release#backoff}), so that an absent seller does not hold the
 * grid account's later transfers behind its nonce over and over.
 *
 * <p>The grid account keeps at most {@link #WINDOW} transfers in flight. Its transfers apply in nonce
 * order like anyone's, so one seller that does not co-sign holds up every grid transfer behind it until
 * its transfer expires, and the expiry releases all of them (they are signed again at once). The window
 * bounds what one absent seller can hold up and release; the rest of the grid-export bills wait, open, for
 * a place in the window.
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
        BillFilter open = new BillFilter(null, null, BillStatus.OPEN, Bill.GRID_EXPORT);
        for (BillRecord bill : d.bills(open)) {
            if (bill.retryAt() != null && d.now.isBefore(bill.retryAt())) {
                continue;
            }
            if (d.liveTransfers(c.grid()).size() >= WINDOW) {
                break;
            }
            Account grid = d.account(c.grid());
            Bill b = bill.bill();
            Optional<NodeId> seller = c.addresses().ownerOf(b.payee());
            if (grid.available().compareTo(b.amount()) < 0 || seller.isEmpty()) {
                continue;
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
            signed++;
        }
        return signed;
    }
}
