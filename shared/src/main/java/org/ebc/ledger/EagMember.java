package org.ebc.ledger;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import org.ebc.crypto.KeyId;
import org.ebc.units.EagId;
import org.ebc.wallet.WalletAddress;

/**
 * An EAG of the consortium, as the genesis fixes it: its id, its authority-issued certificate and what
 * follows from the certified key. The EAG signs admissions ({@link LedgerTransaction}), blocks it mines and
 * consensus messages with that key; {@code address} ({@code WalletAddress.of(key)}) is both its grid account
 * and its mining-reward address (SPEC-payments).
 *
 * @param id the EAG id (its certificate's CN)
 * @param certificate its certificate, issued by the authority whose root signed the genesis
 * @param key the certified public key
 * @param keyId {@code KeyId.of(key)}: how envelopes name it
 * @param address {@code WalletAddress.of(key)}
 */
public record EagMember(EagId id, X509Certificate certificate, PublicKey key, KeyId keyId, WalletAddress address) {

    static EagMember of(EagId id, X509Certificate certificate) {
        PublicKey key = certificate.getPublicKey();
        return new EagMember(id, certificate, key, KeyId.of(key), WalletAddress.of(key));
    }
}
