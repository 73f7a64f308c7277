package org.ebc.gateway.payment;

import java.security.PrivateKey;
import java.security.PublicKey;
import org.ebc.crypto.Signatures;

/**
 * The EAG's key, as the payment core uses it: the grid account is {@code WalletAddress.of(publicKey())};
 * the EAG signs the grid account's transfers (grid-export bills) and co-signs transfers to it (grid-import
 * bills). A port, so that the key may live in a file, a secure element or an HSM. Thread-safe.
 */
public interface Signer {
    PublicKey publicKey();

    /** An ECDSA P-256/SHA-256 DER signature over exactly {@code data}. */
    byte[] sign(byte[] data);

    /** A signer over a key held in memory. */
    static Signer of(PublicKey publicKey, PrivateKey privateKey) {
        return new Signer() {
            @Override
            public PublicKey publicKey() {
                return publicKey;
            }

            @Override
            public byte[] sign(byte[] data) {
                return Signatures.sign(privateKey, data);
            }
        };
    }
}
