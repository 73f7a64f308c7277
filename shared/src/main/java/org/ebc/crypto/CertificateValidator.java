package org.ebc.crypto;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javax.security.auth.x500.X500Principal;

/**
 * Validates certificate chains against the authority's root: signatures up to the root, each issuer a
 * CA, validity period at the given instant, revocation, the ebc subject and (optionally) its role.
 * Never throws; each refusal has its own {@link CertificateReason}.
 *
 * <p>Thread-safe; the revocation list is read through a supplier so a reloaded CRL takes effect at once.
 */
public final class CertificateValidator {
    private final X509Certificate root;
    private final Supplier<RevocationList> revocations;

    public CertificateValidator(X509Certificate root, Supplier<RevocationList> revocations) {
        this.root = root;
        this.revocations = revocations;
    }

    public CertificateValidator(X509Certificate root) {
        this(root, () -> RevocationList.EMPTY);
    }

    public X509Certificate root() {
        return root;
    }

    public CertificateCheck check(X509Certificate leaf, Instant at) {
        return check(Collections.singletonList(leaf), at, null);
    }

    public CertificateCheck check(X509Certificate leaf, Instant at, CertificateRole requiredRole) {
        return check(Collections.singletonList(leaf), at, requiredRole);
    }

    /**
     * @param chain leaf first, then any intermediates (not the root)
     * @param at the instant the certificates must be valid at (the gateway's clock, not the message's)
     * @param requiredRole the role the leaf must have, or null for any
     */
    public CertificateCheck check(List<X509Certificate> chain, Instant at, CertificateRole requiredRole) {
        // Not chain.contains(null): immutable lists (List.of) throw on that question instead of answering it.
        if (chain == null || chain.isEmpty() || chain.stream().anyMatch(Objects::isNull)) {
            return CertificateCheck.refuse(CertificateReason.MALFORMED, "empty certificate chain", null);
        }
        X509Certificate leaf = chain.get(0);
        try {
            Date when = Date.from(at);
            RevocationList revoked = revocations.get();
            // An expired authority root invalidates everything it signed: the authority must re-key.
            if (when.after(root.getNotAfter()) || when.before(root.getNotBefore())) {
                return CertificateCheck.refuse(
                        when.after(root.getNotAfter()) ? CertificateReason.EXPIRED : CertificateReason.NOT_YET_VALID,
                        "the authority root is not valid at " + at + " (valid "
                                + root.getNotBefore().toInstant() + " to "
                                + root.getNotAfter().toInstant() + ")",
                        leaf);
            }
            for (int i = 0; i < chain.size(); i++) {
                X509Certificate cert = chain.get(i);
                X509Certificate issuer = i + 1 < chain.size() ? chain.get(i + 1) : root;
                if (!sameName(cert.getIssuerX500Principal(), issuer.getSubjectX500Principal())
                        || !signedBy(cert, issuer)) {
                    return CertificateCheck.refuse(
                            CertificateReason.WRONG_CA,
                            "not issued by " + (issuer.equals(root) ? "the authority " : "")
                                    + issuer.getSubjectX500Principal().getName(),
                            leaf);
                }
                if (!Certificates.isCa(issuer)) {
                    return CertificateCheck.refuse(
                            CertificateReason.ISSUER_NOT_A_CA,
                            "issuer " + issuer.getSubjectX500Principal().getName() + " is not allowed to act as a CA",
                            leaf);
                }
                if (when.after(cert.getNotAfter())) {
                    return CertificateCheck.refuse(
                            CertificateReason.EXPIRED,
                            "expired at " + cert.getNotAfter().toInstant(),
                            leaf);
                }
                if (when.before(cert.getNotBefore())) {
                    return CertificateCheck.refuse(
                            CertificateReason.NOT_YET_VALID,
                            "not valid before " + cert.getNotBefore().toInstant(),
                            leaf);
                }
                if (revoked.isRevoked(cert.getSerialNumber())) {
                    return CertificateCheck.refuse(
                            CertificateReason.REVOKED,
                            "serial " + cert.getSerialNumber().toString(16) + " is revoked",
                            leaf);
                }
            }
            if (!KeyPairs.isP256(leaf.getPublicKey())) {
                return CertificateCheck.refuse(
                        CertificateReason.UNSUPPORTED_KEY, "certified key is not ECDSA P-256", leaf);
            }
            Optional<CertificateSubject> subject = Certificates.subjectOf(leaf);
            if (subject.isEmpty()) {
                return CertificateCheck.refuse(
                        CertificateReason.MALFORMED,
                        "subject is not an ebc subject: " + leaf.getSubjectX500Principal(),
                        leaf);
            }
            if (requiredRole != null && subject.get().role() != requiredRole) {
                return CertificateCheck.refuse(
                        CertificateReason.WRONG_ROLE,
                        "certificate is for a " + subject.get().role().ou() + ", not a " + requiredRole.ou(),
                        leaf);
            }
            return new CertificateCheck(CertificateReason.VALID, "valid", leaf, subject.get());
        } catch (RuntimeException e) {
            return CertificateCheck.refuse(
                    CertificateReason.MALFORMED, "unreadable certificate: " + e.getMessage(), leaf);
        }
    }

    /**
     * X.500 name equality as {@link X500Principal#equals} defines it (RFC 5280's comparison of canonical
     * forms), with the common case first: the same DER bytes are the same name. Our authority copies its
     * subject's encoding into every issuer field, so the canonical comparison, which loads the JDK's Unicode
     * normaliser and its attribute tables (about 0.5 MB on a meter), only runs for names encoded differently.
     */
    private static boolean sameName(X500Principal a, X500Principal b) {
        return Arrays.equals(a.getEncoded(), b.getEncoded()) || a.equals(b);
    }

    private static boolean signedBy(X509Certificate cert, X509Certificate issuer) {
        try {
            cert.verify(issuer.getPublicKey(), Crypto.provider());
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
