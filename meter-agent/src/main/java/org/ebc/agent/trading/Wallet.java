package org.ebc.agent.trading;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Objects;
import org.ebc.wallet.WalletAddress;

/**
 * One of the node's ω wallet key pairs ({@code wallet-N.key} in the key directory) and its address. The
 * private key signs transfers from this address and co-signatures of transfers to it; it never leaves the
 * process and is never logged ({@link #toString} leaves it out).
 *
 * @param number N of {@code wallet-N.key}
 */
public record Wallet(int number, WalletAddress address, PublicKey publicKey, PrivateKey privateKey) {
    public Wallet {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(publicKey, "publicKey");
        Objects.requireNonNull(privateKey, "privateKey");
        if (!WalletAddress.of(publicKey).equals(address)) {
            throw new IllegalArgumentException("address " + address + " is not the address of the public key");
        }
    }

    @Override
    public String toString() {
        return "wallet-" + number + " " + address;
    }
}
