package org.ebc.gateway.payment;

import java.security.KeyPair;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;

/** A node of the test world with one of its wallet keys. */
record Party(NodeId node, KeyPair wallet, WalletAddress address) {
    Party(NodeId node, KeyPair wallet) {
        this(node, wallet, WalletAddress.of(wallet.getPublic()));
    }
}
