package org.ebc.consensus;

import java.security.PrivateKey;
import java.security.PublicKey;
import org.ebc.crypto.KeyId;
import org.ebc.units.EagId;

/**
 * This EAG's signing identity: its id and its certificate's private key. The key never leaves the EAG.
 *
 * @param id the EAG id
 * @param privateKey the key of the EAG's certificate
 * @param keyId the id of the matching public key
 */
public record EagSigner(EagId id, PrivateKey privateKey, KeyId keyId) {

    public static EagSigner of(EagId id, PrivateKey privateKey, PublicKey publicKey) {
        return new EagSigner(id, privateKey, KeyId.of(publicKey));
    }

    @Override
    public String toString() {
        return "EagSigner[" + id + ", " + keyId + "]";
    }
}
