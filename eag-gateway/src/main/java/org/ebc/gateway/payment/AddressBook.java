package org.ebc.gateway.payment;

import java.util.List;
import java.util.Optional;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;

/**
 * The account pool's map from wallet addresses (pseudonyms) to nodes, as the payment core needs it. The
 * gateway implements it with {@code org.ebc.gateway.account.AccountPool} ({@code ownerOf}, {@code
 * walletsOf}). Must be thread-safe if the store is used from several threads.
 */
public interface AddressBook {
    /** The node the address is bound to in this EAG's account pool. */
    Optional<NodeId> ownerOf(WalletAddress address);

    /** The node's addresses (any order; the core sorts). */
    List<WalletAddress> walletsOf(NodeId node);
}
