package org.ebc.gateway.authority;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import org.ebc.crypto.CertificateCheck;
import org.ebc.crypto.CertificateRole;
import org.ebc.crypto.KeyId;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;

/**
 * Decides what a wallet-binding request does to the registry. The request names its signer by key id;
 * the key must be certified for a node here, by a certificate that is valid now (not expired, not
 * revoked, signed by this authority's root). Then the request itself is checked
 * ({@link WalletBindingReview#verify}), and its addresses must not be bound to any other node.
 */
final class WalletBindings {
    private final AuthorityRegistry registry;
    private final Instant now;

    WalletBindings(AuthorityRegistry registry, Instant now) {
        this.registry = registry;
        this.now = now;
    }

    BindingOutcome bind(byte[] raw, boolean replace) {
        KeyId signer = WalletBindingReview.signerOf(raw)
                .orElseThrow(() -> new AuthorityRefusal(
                        RefusalReason.BAD_REQUEST,
                        "not a signed wallet-binding request (expected EBC1|{…}|{…} as meter-agent enroll writes it)"));
        IssuedEntry node = registry.nodeByKey(signer).orElseThrow(() -> unknownNode(raw, signer));
        CertificateCheck check = registry.validator().check(node.certificate(), now, CertificateRole.NODE);
        if (!check.isValid()) {
            throw new AuthorityRefusal(
                    RefusalReason.NODE_CERTIFICATE_INVALID,
                    "node " + node.id() + "'s certificate (serial " + node.serialHex() + ") is " + check.reason() + ": "
                            + check.detail() + "; bind wallets only for a node with a valid certificate");
        }
        if (registry.isRevoked(node)) {
            throw new AuthorityRefusal(
                    RefusalReason.NODE_CERTIFICATE_INVALID,
                    "node " + node.id() + "'s certificate (serial " + node.serialHex() + ") is REVOKED ("
                            + node.revocation().reason().label() + ")");
        }
        NodeId nodeId = NodeId.of(node.id());
        WalletBindingReview.Check request =
                WalletBindingReview.verify(raw, nodeId, node.certificate().getPublicKey());
        if (!request.isOk()) {
            throw new AuthorityRefusal(request.refusal(), request.problem());
        }
        Instant requestedAt = request.request().requestedAt();
        if (requestedAt.isAfter(now.plus(CertificateAuthority.MAX_REQUEST_AHEAD))) {
            throw new AuthorityRefusal(
                    RefusalReason.BAD_REQUEST,
                    "the request is dated " + requestedAt + ", more than "
                            + CertificateAuthority.MAX_REQUEST_AHEAD.toHours()
                            + " h ahead of the authority's clock; check the meter's clock");
        }
        List<WalletAddress> asked = request.request().wallets().stream()
                .map(WalletBinding.Wallet::address)
                .toList();
        for (WalletAddress a : asked) {
            Optional<NodeId> owner = registry.ownerOf(a);
            if (owner.isPresent() && !owner.get().equals(nodeId)) {
                throw new AuthorityRefusal(
                        RefusalReason.ADDRESS_TAKEN,
                        "wallet address " + a + " is already bound to node " + owner.get());
            }
        }
        WalletBinding fresh =
                new WalletBinding(nodeId, now, requestedAt, request.request().wallets());
        Optional<WalletBinding> existing = registry.walletsOf(nodeId);
        if (existing.isEmpty()) {
            return new BindingOutcome(fresh, true, List.of());
        }
        WalletBinding old = existing.get();
        if (new HashSet<>(old.addresses()).equals(new HashSet<>(asked))) {
            return new BindingOutcome(old, false, List.of());
        }
        if (!replace) {
            throw new AuthorityRefusal(
                    RefusalReason.ALREADY_BOUND,
                    "node " + nodeId + " already has wallets " + old.addresses() + " bound (since " + old.boundAt()
                            + "); give --replace to bind the new ones instead");
        }
        if (!requestedAt.isAfter(old.requestedAt())) {
            throw new AuthorityRefusal(
                    RefusalReason.STALE_REQUEST,
                    "the request is dated " + requestedAt + ", not after the binding it would replace ("
                            + old.requestedAt() + "); an old request replayed?");
        }
        List<WalletAddress> released =
                old.addresses().stream().filter(a -> !asked.contains(a)).toList();
        return new BindingOutcome(fresh, true, released);
    }

    private AuthorityRefusal unknownNode(byte[] raw, KeyId signer) {
        Optional<String> claimed = WalletBindingReview.claimedSender(raw);
        String who = claimed.map(c -> registry.latest(c).isPresent()
                        ? "; it says it is from '" + c
                                + "', which is enrolled here with another key (did it enroll again? use its newest wallets.req)"
                        : "; it says it is from '" + c
                                + "', which is not enrolled here (run enroll-node with its node.csr first)")
                .orElse("");
        return new AuthorityRefusal(
                RefusalReason.UNKNOWN_NODE,
                "signed by key " + signer + ", which no node enrolled at this authority holds" + who);
    }
}
