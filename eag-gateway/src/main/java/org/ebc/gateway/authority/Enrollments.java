package org.ebc.gateway.authority;

import java.security.PublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ebc.crypto.CertificateRole;
import org.ebc.crypto.CertificateSubject;
import org.ebc.crypto.KeyId;

/**
 * The rules that decide whether a subject may be certified, given what the authority already issued:
 * one valid certificate per id (unless replaced), ids unique across EAGs and nodes, one node per meter,
 * one id per key, and no new certificate for a key revoked as compromised.
 */
final class Enrollments {
    private final AuthorityRegistry registry;
    private final Instant now;

    Enrollments(AuthorityRegistry registry, Instant now) {
        this.registry = registry;
        this.now = now;
    }

    /**
     * @return the certificates the new one supersedes (to be revoked), empty unless {@code replace}
     * @throws AuthorityRefusal if a rule forbids issuing
     */
    List<IssuedEntry> admit(CertificateSubject subject, PublicKey key, boolean replace) {
        KeyId keyId = KeyId.of(key);
        for (IssuedEntry e : registry.certificates()) {
            if (!e.keyId().equals(keyId)) {
                continue;
            }
            if (e.isRevoked() && e.revocation().reason() == RevocationReason.KEY_COMPROMISE) {
                throw new AuthorityRefusal(
                        RefusalReason.BAD_CSR,
                        "the requested key " + keyId + " was revoked as compromised (serial " + e.serialHex()
                                + "); generate a new key on the device");
            }
            if (!e.id().equals(subject.id())) {
                throw new AuthorityRefusal(
                        RefusalReason.ALREADY_ENROLLED,
                        "the requested key " + keyId + " is already certified for "
                                + e.role().ou() + " '" + e.id() + "' (serial " + e.serialHex()
                                + "); every EAG and node needs its own key");
            }
        }
        List<IssuedEntry> sameId = new ArrayList<>();
        for (IssuedEntry e : registry.certificates()) {
            if (!valid(e)) {
                continue;
            }
            if (e.id().equals(subject.id())) {
                if (e.role() != subject.role()) {
                    throw new AuthorityRefusal(
                            RefusalReason.ALREADY_ENROLLED,
                            "id '" + subject.id() + "' already belongs to " + CsrReview.article(e.role())
                                    + " (serial " + e.serialHex()
                                    + "); ids are unique across EAGs, nodes and brokers");
                }
                sameId.add(e);
            } else if (subject.role() == CertificateRole.NODE
                    && e.role() == CertificateRole.NODE
                    && subject.meterSerial().equals(e.meterSerial())) {
                throw new AuthorityRefusal(
                        RefusalReason.METER_ALREADY_BOUND,
                        "meter '" + subject.meterSerial() + "' is already bound to node '" + e.id() + "' (serial "
                                + e.serialHex() + ", valid until " + e.notAfter()
                                + "); revoke that certificate first if the meter moved");
            }
        }
        if (!sameId.isEmpty() && !replace) {
            IssuedEntry e = sameId.get(sameId.size() - 1);
            throw new AuthorityRefusal(
                    RefusalReason.ALREADY_ENROLLED,
                    subject.role().ou() + " '" + subject.id()
                            + "' already has a valid certificate (serial " + e.serialHex() + ", valid until "
                            + e.notAfter()
                            + "); give --replace to issue a new one and revoke the old one");
        }
        return sameId;
    }

    private boolean valid(IssuedEntry e) {
        return e.isValidAt(now) && !registry.isRevoked(e);
    }
}
