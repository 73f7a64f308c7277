package org.ebc.gateway.payment;

import java.time.Instant;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;

/** The fixed things every payment rule needs: who we are, the settings, and the ports. */
record Context(
        EagId eag,
        PaymentSettings settings,
        AddressBook addresses,
        HomeEags homes,
        Blacklist blacklist,
        Signer signer,
        WalletAddress grid) {

    /** A receipt to the owner of {@code address}, if a node owns it (the grid account has no node). */
    void tellOwner(
            Draft d,
            WalletAddress address,
            String about,
            String ref,
            Outcome.Status status,
            String reason,
            String detail) {
        addresses.ownerOf(address).ifPresent(node -> tell(d, node, about, ref, status, reason, detail));
    }

    static void tell(
            Draft d, NodeId node, String about, String ref, Outcome.Status status, String reason, String detail) {
        d.tell(new Notice.Reply(node, about, ref, status.receipt(), reason, detail));
    }

    Instant deadlineFrom(Instant admitted) {
        return admitted.plus(settings.cosignTimeout());
    }
}
