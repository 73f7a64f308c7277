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
 */
final class GridPayer {
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
            Account grid = d.account(c.grid());
            Bill b = bill.bill();
            Optional<NodeId> seller = c.addresses().ownerOf(b.payee());
            if (grid.available().compareTo(b.amount()) < 0 || seller.isEmpty()) {
                continue;
            }
            Transfer t = new Transfer(
                    c.grid(), grid.nextNonce(), d.now, b.payee(), b.amount(), b.id(), c.signer().publicKey());
            byte[] payload = t.payloadBytes();
            byte[] raw = EnvelopeCodec.assemble(payload, KeyId.of(c.signer().publicKey()), c.signer().sign(payload));
            Admission.reserve(c, d, bill, raw, t, Sha256.hex(raw));
            d.tell(new Notice.CosignWanted(seller.get(), b.id(), raw, grid.available()));
            signed++;
        }
        return signed;
    }
}
