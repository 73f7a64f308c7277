package org.ebc.agent.enroll;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import org.ebc.crypto.CertificateCheck;
import org.ebc.crypto.CertificateRole;
import org.ebc.crypto.CertificateSubject;
import org.ebc.crypto.CertificateValidator;
import org.ebc.crypto.Certificates;
import org.ebc.crypto.Crypto;
import org.ebc.crypto.KeyFileException;
import org.ebc.crypto.Pem;
import org.ebc.crypto.RevocationList;
import org.ebc.crypto.Signatures;

/**
 * Checks what the operator copied back from the authority before the agent relies on it: that
 * {@code node.crt} was issued by the authority in {@code ca.crt}, is valid now, is not revoked by a
 * {@code crl.pem} if one is there, is a node certificate, certifies {@code node.key}, and names the node
 * and meter that {@code node.csr} asked for. A wrong file copied onto a meter shows up here, not as
 * readings the gateway rejects. Never throws; each problem has its own code and names the file.
 */
public final class CertificateInstallation {
    private CertificateInstallation() {}

    /** Why the installed certificate cannot be used. */
    public enum Problem {
        /** A file is missing, unreadable, or (for keys) readable by others. */
        UNREADABLE,
        /** ca.crt is not an authority root, or node.crt or crl.pem were not signed by it. */
        WRONG_CA,
        EXPIRED,
        NOT_YET_VALID,
        REVOKED,
        /** node.crt is not a node certificate (an EAG's, for example). */
        WRONG_ROLE,
        /** node.crt certifies another key than node.key. */
        KEY_MISMATCH,
        /** node.crt names another node id or meter serial than node.csr asked for. */
        SUBJECT_MISMATCH,
        /** Not a usable P-256 ebc certificate. */
        MALFORMED
    }

    /**
     * @param problem null if the installation is usable
     * @param detail what is wrong, naming the file; or a summary when usable
     * @param subject the certified subject (when usable)
     * @param notAfter end of validity (when usable)
     * @param crlChecked whether a crl.pem was present and consulted
     */
    public record Check(
            Problem problem, String detail, CertificateSubject subject, Instant notAfter, boolean crlChecked) {
        public boolean isOk() {
            return problem == null;
        }

        static Check fail(Problem p, String detail) {
            return new Check(p, detail, null, null, false);
        }
    }

    public static Check check(Path keyDir, Clock clock) {
        Path keyFile = keyDir.resolve(NodeEnrollment.NODE_KEY);
        Path certFile = keyDir.resolve(NodeEnrollment.NODE_CERTIFICATE);
        Path caFile = keyDir.resolve(NodeEnrollment.CA_CERTIFICATE);
        Path crlFile = keyDir.resolve(NodeEnrollment.CRL);
        PrivateKey key;
        X509Certificate cert;
        X509Certificate ca;
        RevocationList revoked = RevocationList.EMPTY;
        boolean crl = Files.exists(crlFile);
        try {
            key = Pem.readPrivateKey(keyFile);
            ca = Pem.readCertificate(caFile);
            cert = Pem.readCertificate(certFile);
            if (!isAuthorityRoot(ca)) {
                return Check.fail(
                        Problem.WRONG_CA,
                        caFile + ": not a registration authority's root certificate (subject "
                                + ca.getSubjectX500Principal().getName() + ")");
            }
            if (crl) {
                revoked = RevocationList.fromCrl(Pem.readCrl(crlFile), ca);
            }
        } catch (KeyFileException e) {
            return Check.fail(Problem.UNREADABLE, e.getMessage());
        } catch (IllegalArgumentException e) {
            return Check.fail(Problem.WRONG_CA, crlFile + ": not signed by the authority in " + caFile);
        }
        RevocationList revocations = revoked;
        CertificateCheck c =
                new CertificateValidator(ca, () -> revocations).check(cert, clock.instant(), CertificateRole.NODE);
        if (!c.isValid()) {
            Problem p = switch (c.reason()) {
                case WRONG_CA, ISSUER_NOT_A_CA -> Problem.WRONG_CA;
                case EXPIRED -> Problem.EXPIRED;
                case NOT_YET_VALID -> Problem.NOT_YET_VALID;
                case REVOKED -> Problem.REVOKED;
                case WRONG_ROLE -> Problem.WRONG_ROLE;
                default -> Problem.MALFORMED;
            };
            return Check.fail(p, certFile + ": " + c.detail() + (p == Problem.WRONG_CA ? " (" + caFile + ")" : ""));
        }
        byte[] probe = "ebc node key check".getBytes(StandardCharsets.US_ASCII);
        if (!Signatures.verify(cert.getPublicKey(), probe, Signatures.sign(key, probe))) {
            return Check.fail(
                    Problem.KEY_MISMATCH,
                    certFile + ": certifies another key than " + keyFile + " (another node's certificate?)");
        }
        Path csrFile = keyDir.resolve(NodeEnrollment.NODE_CSR);
        if (Files.exists(csrFile)) {
            try {
                CertificateSubject asked = CertificateSubject.fromX500Name(
                                Pem.readCsr(csrFile).getSubject())
                        .orElse(null);
                CertificateSubject got = c.subject();
                if (asked == null
                        || !asked.id().equals(got.id())
                        || !asked.meterSerial().equals(got.meterSerial())) {
                    return Check.fail(
                            Problem.SUBJECT_MISMATCH,
                            certFile + ": certifies " + got + " but " + csrFile + " asked for " + asked);
                }
            } catch (KeyFileException e) {
                return Check.fail(Problem.UNREADABLE, e.getMessage());
            }
        }
        return new Check(null, "valid", c.subject(), cert.getNotAfter().toInstant(), crl);
    }

    private static boolean isAuthorityRoot(X509Certificate ca) {
        if (!Certificates.isCa(ca) || !ca.getSubjectX500Principal().equals(ca.getIssuerX500Principal())) {
            return false;
        }
        try {
            ca.verify(ca.getPublicKey(), Crypto.provider());
            return true;
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }
}
