package org.ebc.consensus;

import java.security.PublicKey;
import org.ebc.crypto.KeyId;
import org.ebc.units.EagId;

/**
 * One EAG of the consortium as the genesis names it: its id (its certificate's CN) and the public key of
 * its certificate, with which it signs every consensus message.
 *
 * @param id the EAG id
 * @param publicKey the P-256 key of the EAG's certificate
 * @param keyId the key's id, as envelopes name their signer
 */
public record Member(EagId id, PublicKey publicKey, KeyId keyId) {

    public Member {
        if (!keyId.equals(KeyId.of(publicKey))) {
            throw new IllegalArgumentException("key id " + keyId + " is not the id of " + id + "'s key");
        }
    }

    public static Member of(EagId id, PublicKey publicKey) {
        return new Member(id, publicKey, KeyId.of(publicKey));
    }
}
