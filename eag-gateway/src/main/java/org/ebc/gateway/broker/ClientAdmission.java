package org.ebc.gateway.broker;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.ebc.crypto.CertificateCheck;
import org.ebc.crypto.CertificateSubject;
import org.ebc.crypto.CertificateValidator;

/**
 * Decides who may connect to the embedded broker and with which rights (the pure part of
 * {@link CertificateLogin}): on the loopback plain-TCP listener everyone, with every right (it serves this
 * machine only: the gateway's own client and local tools); on the TLS listener only a node or an EAG whose
 * certificate chain is valid now, is not revoked (the gateway's live revocation list) and, for a node,
 * connects under its own node id as client id; it then gets {@link TopicRights}. Never throws; every
 * refusal has its own {@link Refusal} code. Thread-safe.
 */
public final class ClientAdmission {
    /** Why a connection was refused. */
    public enum Refusal {
        /** On the TLS listener without a client certificate (cannot happen with client authentication required). */
        NO_CERTIFICATE,
        /** The certificate chain is not from this site's authority, expired, not yet valid, revoked or malformed. */
        CERTIFICATE_INVALID,
        /** A valid certificate of a role that never logs in (a broker's server certificate). */
        NOT_A_CLIENT,
        /** A node that connects under another client id than its node id (it would take over that session). */
        CLIENT_ID_MISMATCH,
        /** A connection on the plain listener from another machine (the listener is bound to loopback). */
        NOT_LOCAL
    }

    /**
     * The outcome for one connection.
     *
     * @param refusal null if admitted
     * @param detail what was decided, for the operator's log line
     * @param everything true for a local client that may do anything
     * @param rights the topic rights of an admitted certificate holder (empty with {@code everything})
     */
    public record Decision(Refusal refusal, String detail, boolean everything, List<TopicRights.Right> rights) {
        public Decision {
            Objects.requireNonNull(detail, "detail");
            rights = List.copyOf(rights);
        }

        public boolean admitted() {
            return refusal == null;
        }

        static Decision refuse(Refusal r, String detail) {
            return new Decision(r, detail, false, List.of());
        }
    }

    private final CertificateValidator validator;
    private final Clock clock;

    /**
     * @param validator the gateway's trust: the authority's root and its current revocation list
     * @param clock the gateway's clock (validity is judged at connection time)
     */
    public ClientAdmission(CertificateValidator validator, Clock clock) {
        this.validator = Objects.requireNonNull(validator, "validator");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A client of the plain listener: admitted with every right if it connects from this machine. */
    public Decision local(String clientId, boolean fromLoopback) {
        if (!fromLoopback) {
            return Decision.refuse(Refusal.NOT_LOCAL, "client " + clientId + " is not on this machine");
        }
        return new Decision(null, "local client " + clientId, true, List.of());
    }

    /**
     * A client of the TLS listener.
     *
     * @param chain the certificates it presented, leaf first (null or empty if none)
     */
    public Decision tls(String clientId, X509Certificate[] chain) {
        if (chain == null || chain.length == 0) {
            return Decision.refuse(Refusal.NO_CERTIFICATE, "client " + clientId + " presented no certificate");
        }
        List<X509Certificate> certificates = Arrays.asList(chain);
        // The chain as sent may end with the root itself; the validator takes the leaf and intermediates only.
        if (certificates.size() > 1 && certificates.get(certificates.size() - 1).equals(validator.root())) {
            certificates = certificates.subList(0, certificates.size() - 1);
        }
        CertificateCheck check = validator.check(certificates, clock.instant(), null);
        if (!check.isValid()) {
            return Decision.refuse(
                    Refusal.CERTIFICATE_INVALID,
                    "client " + clientId + ": certificate " + check.reason() + ": " + check.detail());
        }
        CertificateSubject subject = check.subject();
        return switch (subject.role()) {
            case NODE ->
                subject.id().equals(clientId)
                        ? new Decision(null, "node " + subject.id(), false, TopicRights.node(subject.id()))
                        : Decision.refuse(
                                Refusal.CLIENT_ID_MISMATCH,
                                "node " + subject.id() + " connected as client id '" + clientId
                                        + "'; a node must use its node id");
            case EAG -> new Decision(null, "EAG " + subject.id(), false, TopicRights.eag(subject.id()));
            case BROKER, AUTHORITY ->
                Decision.refuse(
                        Refusal.NOT_A_CLIENT,
                        "client " + clientId + " presented the "
                                + subject.role().ou() + " certificate of '" + subject.id() + "', which never logs in");
        };
    }
}
