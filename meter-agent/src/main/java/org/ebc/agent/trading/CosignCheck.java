package org.ebc.agent.trading;

import java.util.Optional;
import org.ebc.crypto.KeyId;
import org.ebc.payment.CosignRequest;
import org.ebc.payment.PaymentCheck;
import org.ebc.payment.Transfer;
import org.ebc.trade.Bill;
import org.jspecify.annotations.Nullable;

/**
 * Whether the node co-signs a transfer (the paper's step: the seller verifies the payment against the latest
 * state and signs the transaction record). It does only if every one of these holds: the transfer checks by
 * itself ({@link PaymentCheck#transfer}: well-formed, key bound to the payer, signature), it names the bill the
 * request names, it pays one of the node's addresses, the node received that bill as its payee, payer, payee
 * and amount are the bill's, the bill is not paid yet, and the payer's coins available to it ({@code covered},
 * the EAG's latest state after everything pending before it) cover the amount. A pure function.
 *
 * <p>One payer other than the bill's is accepted: the EAG's own account, for a p2p bill a loan of the EAG's credit
 * bank covers (paper §III.2, step 3: the bank pays the seller). Such a transfer is signed with the key that signed
 * the co-signature request itself, a key the agent trusts as the EAG's.
 */
public final class CosignCheck {
    private CosignCheck() {}

    /**
     * The outcome: the checked transfer and its digest, or the refusal.
     *
     * @param refusal null when the node co-signs
     */
    public record Verdict(
            @Nullable CosignRefusal refusal,
            String detail,
            @Nullable Transfer transfer,
            @Nullable String digest) {
        public boolean cosign() {
            return refusal == null;
        }
    }

    /**
     * @param requestSigner the key that signed the co-signature request (the EAG's, as verified on receipt)
     */
    public static Verdict check(
            CosignRequest request,
            PaymentCheck.Checked<Transfer> checked,
            Wallets wallets,
            Optional<BillRecord> bill,
            KeyId requestSigner) {
        if (!checked.ok()) {
            return refuse(CosignRefusal.BAD_TRANSFER, checked.reason() + ": " + checked.detail(), checked);
        }
        Transfer t = checked.get();
        if (!t.bill().equals(request.bill())) {
            return refuse(
                    CosignRefusal.OTHER_BILL,
                    "the transfer pays bill " + t.bill() + ", the request is for " + request.bill(),
                    checked);
        }
        if (!wallets.owns(t.payee())) {
            return refuse(CosignRefusal.NOT_OUR_ADDRESS, "the transfer pays " + t.payee(), checked);
        }
        if (bill.isEmpty()) {
            return refuse(CosignRefusal.UNKNOWN_BILL, "no bill " + t.bill() + " received", checked);
        }
        BillRecord b = bill.get();
        if (b.role() != BillRole.RECEIVE) {
            return refuse(CosignRefusal.NOT_A_SALE, "bill " + b.id() + " is one this node pays", checked);
        }
        Bill expected = b.bill();
        boolean payerFits = expected.payer().equals(t.payer())
                || (expected.kind().equals(Bill.P2P) && KeyId.of(t.key()).equals(requestSigner));
        if (!payerFits
                || !expected.payee().equals(t.payee())
                || !expected.amount().equals(t.amount())) {
            return refuse(
                    CosignRefusal.BILL_MISMATCH,
                    "the transfer pays " + t.amount() + " from " + t.payer() + " to " + t.payee() + "; the bill says "
                            + expected.amount() + " from " + expected.payer() + " to " + expected.payee(),
                    checked);
        }
        if (b.state() == BillState.PAID) {
            return refuse(CosignRefusal.BILL_PAID, "bill " + b.id() + " is paid already", checked);
        }
        if (request.covered().compareTo(t.amount()) < 0) {
            return refuse(
                    CosignRefusal.NOT_COVERED,
                    "the payer has " + request.covered() + " available for " + t.amount(),
                    checked);
        }
        return new Verdict(null, "ok", t, checked.digestHex());
    }

    private static Verdict refuse(CosignRefusal r, String detail, PaymentCheck.Checked<Transfer> checked) {
        return new Verdict(r, detail, checked.value(), checked.digest());
    }
}
