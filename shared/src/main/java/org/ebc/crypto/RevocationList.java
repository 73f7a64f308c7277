package org.ebc.crypto;

import java.math.BigInteger;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.Set;

/** The serial numbers the authority has revoked. Immutable; a new list replaces the old one. */
public final class RevocationList {
    public static final RevocationList EMPTY = new RevocationList(Set.of());

    private final Set<BigInteger> revoked;

    private RevocationList(Set<BigInteger> revoked) {
        this.revoked = Set.copyOf(revoked);
    }

    public static RevocationList of(Set<BigInteger> serials) {
        return new RevocationList(serials);
    }

    /**
     * Reads a CRL after checking that the authority signed it.
     *
     * @throws IllegalArgumentException if the CRL was not signed by {@code authority}
     */
    public static RevocationList fromCrl(X509CRL crl, X509Certificate authority) {
        try {
            crl.verify(authority.getPublicKey(), Crypto.provider());
        } catch (Exception e) {
            throw new IllegalArgumentException(
                    "revocation list is not signed by the authority " + authority.getSubjectX500Principal(), e);
        }
        Set<BigInteger> s = new HashSet<>();
        Set<? extends X509CRLEntry> entries = crl.getRevokedCertificates();
        if (entries != null) {
            for (X509CRLEntry e : entries) {
                s.add(e.getSerialNumber());
            }
        }
        return new RevocationList(s);
    }

    public boolean isRevoked(BigInteger serial) {
        return revoked.contains(serial);
    }

    public Set<BigInteger> serials() {
        return revoked;
    }

    public int size() {
        return revoked.size();
    }
}
