package org.ebc.gateway.account;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.ebc.crypto.CertificateCheck;
import org.ebc.crypto.CertificateRole;
import org.ebc.crypto.CertificateSubject;
import org.ebc.crypto.CertificateValidator;
import org.ebc.gateway.verify.RejectReason;
import org.ebc.units.MeterSerial;
import org.ebc.units.NodeId;

/**
 * Admits node certificates into the account pool: from a node's retained certificate topic or from the
 * authority's directory. A certificate is bound only if it chains to the authority's root, is a node
 * certificate, is valid now and not revoked, names the node it arrived for, and binds a meter no other
 * node holds. A certificate older than the one already bound to the node is refused
 * ({@link RejectReason#CERTIFICATE_SUPERSEDED}): otherwise anyone could replay a node's earlier, still
 * valid certificate and roll its key back after a re-enrollment.
 *
 * <p>Thread-safe: admissions are serialised, so the check and the binding cannot interleave.
 */
public final class CertificateAdmission {

    /**
     * @param refusal why the certificate was refused, or null if it is (now or already) bound
     * @param detail one line for the log
     * @param record the bound node, when admitted
     * @param changed true if this call bound a new certificate (false: it was already bound)
     */
    public record Outcome(RejectReason refusal, String detail, NodeRecord record, boolean changed) {
        public boolean admitted() {
            return refusal == null;
        }

        static Outcome refuse(RejectReason reason, String detail) {
            return new Outcome(reason, detail, null, false);
        }
    }

    private final CertificateValidator validator;
    private final AccountPool pool;
    private final NodeCredentials credentials;
    private final Clock clock;

    public CertificateAdmission(
            CertificateValidator validator, AccountPool pool, NodeCredentials credentials, Clock clock) {
        this.validator = validator;
        this.pool = pool;
        this.credentials = credentials;
        this.clock = clock;
    }

    /**
     * @param chain the node's certificate first, then any intermediates
     * @param expectedNode the node the certificate arrived for (its topic), or null when imported
     * @param source {@code mqtt} or {@code authority}, kept with the binding
     */
    public synchronized Outcome admit(List<X509Certificate> chain, NodeId expectedNode, String source) {
        Instant now = clock.instant();
        CertificateCheck check = validator.check(chain, now, CertificateRole.NODE);
        if (!check.isValid()) {
            RejectReason reason = switch (check.reason()) {
                case EXPIRED -> RejectReason.CERTIFICATE_EXPIRED;
                case NOT_YET_VALID -> RejectReason.CERTIFICATE_NOT_YET_VALID;
                case REVOKED -> RejectReason.CERTIFICATE_REVOKED;
                default -> RejectReason.CERTIFICATE_INVALID;
            };
            return Outcome.refuse(reason, check.reason() + ": " + check.detail());
        }
        CertificateSubject subject = check.subject();
        if (!NodeId.isValid(subject.id()) || !MeterSerial.isValid(subject.meterSerial())) {
            return Outcome.refuse(
                    RejectReason.CERTIFICATE_INVALID,
                    "node id or meter serial of " + subject + " is not usable in topics");
        }
        NodeId node = NodeId.of(subject.id());
        if (expectedNode != null && !expectedNode.equals(node)) {
            return Outcome.refuse(
                    RejectReason.IDENTITY_MISMATCH,
                    "certificate is for node " + node + ", published on " + expectedNode + "'s topic");
        }
        X509Certificate leaf = check.leaf();
        Optional<NodeRecord> existing = credentials.record(node).or(() -> pool.node(node));
        if (existing.isPresent()) {
            X509Certificate bound = existing.get().certificate();
            if (sameCertificate(bound, leaf)) {
                return new Outcome(null, "already bound", existing.get(), false);
            }
            if (isNewer(bound, leaf)) {
                return Outcome.refuse(
                        RejectReason.CERTIFICATE_SUPERSEDED,
                        "serial " + leaf.getSerialNumber().toString(16) + " is older than the bound certificate serial "
                                + bound.getSerialNumber().toString(16));
            }
        }
        MeterSerial meter = MeterSerial.of(subject.meterSerial());
        Optional<NodeRecord> meterOwner = pool.nodeOfMeter(meter);
        if (meterOwner.isPresent() && !meterOwner.get().node().equals(node)) {
            return Outcome.refuse(
                    RejectReason.IDENTITY_MISMATCH,
                    "meter " + meter + " is already bound to node "
                            + meterOwner.get().node());
        }
        NodeRecord record = NodeRecord.of(leaf, subject, now, source);
        pool.bindNode(record);
        credentials.put(record);
        return new Outcome(
                null,
                "serial " + leaf.getSerialNumber().toString(16) + ", meter " + meter + ", valid until "
                        + record.notAfter(),
                record,
                true);
    }

    private static boolean sameCertificate(X509Certificate a, X509Certificate b) {
        try {
            return Arrays.equals(a.getEncoded(), b.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            return false;
        }
    }

    /** True if {@code a} was issued after {@code b} (later start; same start: higher serial). */
    private static boolean isNewer(X509Certificate a, X509Certificate b) {
        int byStart = a.getNotBefore().compareTo(b.getNotBefore());
        return byStart != 0 ? byStart > 0 : a.getSerialNumber().compareTo(b.getSerialNumber()) > 0;
    }
}
