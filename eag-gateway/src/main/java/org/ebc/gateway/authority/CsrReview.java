package org.ebc.gateway.authority;

import java.security.PublicKey;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.ebc.crypto.CertificateRole;
import org.ebc.crypto.CertificateSubject;
import org.ebc.crypto.Csrs;
import org.ebc.units.EagId;
import org.ebc.units.MeterSerial;
import org.ebc.units.NodeId;

/**
 * Decides whether a certificate signing request can be used for the role the operator asked for: proof
 * of possession, a P-256 key, an ebc subject of that role, and ids of the shape topics and subjects
 * need. Returns the refusal instead of throwing.
 *
 * @param refusal null if the request can be used
 * @param problem what is wrong, for the operator
 * @param subject the subject the request asks for (only the id and, for nodes, the meter serial are
 *     used; a true identity in a request is never trusted)
 * @param publicKey the key to certify
 */
record CsrReview(RefusalReason refusal, String problem, CertificateSubject subject, PublicKey publicKey) {

    boolean isOk() {
        return refusal == null;
    }

    static CsrReview of(PKCS10CertificationRequest csr, CertificateRole expected) {
        Csrs.Check check = Csrs.check(csr);
        if (!check.ok()) {
            return refuse(RefusalReason.BAD_CSR, check.problem());
        }
        CertificateSubject s = check.subject();
        if (s.role() != expected) {
            String use = switch (s.role()) {
                case EAG -> "issue-eag";
                case NODE -> "enroll-node";
                case BROKER -> "issue-broker";
                case AUTHORITY -> "nothing: the authority issues no CA certificates";
            };
            return refuse(
                    RefusalReason.WRONG_ROLE,
                    "this is a request for " + article(s.role()) + " certificate ('" + s.id() + "'), not for "
                            + article(expected) + " one; use " + use);
        }
        boolean idOk = expected == CertificateRole.NODE ? NodeId.isValid(s.id()) : EagId.isValid(s.id());
        if (!idOk) {
            return refuse(
                    RefusalReason.BAD_NAME,
                    "the requested id '" + s.id() + "' is not 1-64 characters of [A-Za-z0-9._-]");
        }
        if (expected == CertificateRole.NODE && !MeterSerial.isValid(s.meterSerial())) {
            return refuse(
                    RefusalReason.BAD_NAME,
                    "the requested meter serial '" + s.meterSerial() + "' is not 1-64 characters of [A-Za-z0-9._-]");
        }
        return new CsrReview(null, null, s, check.publicKey());
    }

    private static CsrReview refuse(RefusalReason r, String problem) {
        return new CsrReview(r, problem, null, null);
    }

    static String article(CertificateRole r) {
        return switch (r) {
            case EAG -> "an EAG";
            case NODE -> "a node";
            case BROKER -> "a broker";
            case AUTHORITY -> "an authority";
        };
    }
}
