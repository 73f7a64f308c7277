package org.ebc.gateway.authority;

import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;

/**
 * A node's ω wallet addresses as the authority bound them (DESIGN §2): the account pool imports these to
 * map pseudonymous addresses back to the node, and checks wallet signatures with the public keys.
 *
 * @param node the node the wallets belong to
 * @param boundAt when the authority recorded the binding (its clock)
 * @param requestedAt the timestamp the node signed into its request; a replacement must be newer
 * @param wallets the wallets, in the order the node listed them
 */
public record WalletBinding(NodeId node, Instant boundAt, Instant requestedAt, List<Wallet> wallets) {

    public WalletBinding {
        wallets = List.copyOf(wallets);
    }

    /** One wallet: its address and the public key it is the hash of. */
    public record Wallet(WalletAddress address, PublicKey publicKey) {}

    public List<WalletAddress> addresses() {
        return wallets.stream().map(Wallet::address).toList();
    }
}
