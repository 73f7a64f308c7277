package org.ebc.gateway.chain;

import java.util.Optional;
import java.util.OptionalLong;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;

/**
 * Port: who is registered where, from the authority's signed node registrations and wallet bindings (which
 * reach every EAG over the consortium topics; the adapter keeps them). The chain does not store this: it is
 * the weakly centralised identity layer, and the authority stays out of the chain.
 *
 * <p>EAG addresses (an EAG's grid and reward account, {@code WalletAddress.of(EAG key)}) are known from the
 * genesis; the validator answers for them itself and never asks this port.
 *
 * <p>Implementations must be safe to call from the validating thread while registrations arrive; a
 * revoked node should be reported as not registered (its addresses with no home), so that nothing more is
 * admitted from it.
 */
public interface Enrollments {

    /** The EAG where the node holding {@code address} is enrolled: the only EAG that may admit its spends. */
    Optional<EagId> homeEag(WalletAddress address);

    /** The node a wallet address is bound to. */
    Optional<NodeId> node(WalletAddress address);

    /**
     * True if the authority has registered {@code node}. A revoked node stays registered here, so that what it did
     * before its revocation re-validates the same at every EAG; {@link #revokedAt} says from when nothing more of it
     * is admitted.
     */
    boolean isRegistered(NodeId node);

    /**
     * When the authority revoked the node (ms), if it did: no transaction of the node stamped at or after that time by
     * its home EAG is valid ({@link BlockReason#NODE_REVOKED}). Empty for a registered node, and for sources that only
     * know active nodes.
     */
    default OptionalLong revokedAt(NodeId node) {
        return OptionalLong.empty();
    }
}
