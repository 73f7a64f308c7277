package org.ebc.gateway.authority;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import org.ebc.crypto.CertificateRole;
import org.ebc.crypto.KeyId;

/**
 * One certificate the authority issued, as the registry records it.
 *
 * @param role EAG or node
 * @param id the node or EAG id (the certificate's CN)
 * @param trueIdentity the node owner's true identity {@code ID_i} as the operator gave it; null for EAGs
 * @param meterSerial the meter serial bound to the node; null for EAGs
 * @param serial the certificate's serial number
 * @param notBefore start of validity
 * @param notAfter end of validity
 * @param fingerprint SHA-256 over the certificate's DER, as {@code AB:CD:…}
 * @param keyId the key id of the certified public key (what envelopes name their signer by)
 * @param revocation when and why it was revoked, or null while it is not
 * @param certificate the certificate itself
 */
public record IssuedEntry(
        CertificateRole role,
        String id,
        String trueIdentity,
        String meterSerial,
        BigInteger serial,
        Instant notBefore,
        Instant notAfter,
        String fingerprint,
        KeyId keyId,
        Revocation revocation,
        X509Certificate certificate) {

    /** When and why a certificate was revoked. */
    public record Revocation(Instant at, RevocationReason reason) {}

    public boolean isRevoked() {
        return revocation != null;
    }

    /** Not revoked and within its validity period at {@code at}. */
    public boolean isValidAt(Instant at) {
        return !isRevoked() && !at.isBefore(notBefore) && !at.isAfter(notAfter);
    }

    /** The serial as lowercase hex, the form {@code revoke --serial} and the validator's messages use. */
    public String serialHex() {
        return serial.toString(16);
    }

    IssuedEntry revoked(Instant at, RevocationReason reason) {
        return new IssuedEntry(
                role,
                id,
                trueIdentity,
                meterSerial,
                serial,
                notBefore,
                notAfter,
                fingerprint,
                keyId,
                new Revocation(at, reason),
                certificate);
    }
}
