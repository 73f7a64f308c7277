package org.ebc.agent.delivery;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ebc.crypto.CertificateCheck;
import org.ebc.crypto.CertificateRole;
import org.ebc.crypto.CertificateValidator;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.Pem;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.EnvelopeResult;
import org.ebc.envelope.SignedEnvelope;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.ebc.wire.Ack;

/**
 * Which acknowledgements the agent believes. The gateway publishes its certificate retained on
 * {@code Topics.eagCertificate}; a certificate is accepted only if it chains to the authority's root
 * ({@code ca.crt}), has the EAG role, names the configured EAG id as CN, and is valid now. An
 * acknowledgement counts only if its envelope verifies with an accepted EAG key that is still valid, it
 * comes from the configured EAG, and it is addressed to this node. Anything else is refused with a reason
 * and never removes a record from the outbox.
 *
 * <p>Keeps the two most recently accepted certificates, so acknowledgements signed just before a
 * certificate renewal still verify. Not thread-safe: used on the agent thread.
 */
public final class GatewayTrust {
    private static final int KEPT_CERTIFICATES = 2;

    private final EagId eag;
    private final NodeId node;
    private final CertificateValidator validator;
    private final Map<KeyId, X509Certificate> accepted = new LinkedHashMap<>();

    public GatewayTrust(EagId eag, NodeId node, X509Certificate authority) {
        this.eag = eag;
        this.node = node;
        this.validator = new CertificateValidator(authority);
    }

    /** The outcome of offering a certificate: null reason when accepted. */
    public record Offer(boolean accepted, String reason, String pem) {}

    /** The outcome of verifying an acknowledgement: the ack, or why it is refused. */
    public record Verdict(Ack ack, String refusal) {
        public boolean isAccepted() {
            return ack != null;
        }
    }

    public boolean hasCertificate() {
        return !accepted.isEmpty();
    }

    /** Offers PEM text received on the EAG certificate topic (or kept from an earlier run). */
    public Offer offer(byte[] payload, Instant now) {
        String pem = new String(payload, StandardCharsets.US_ASCII);
        Optional<List<X509Certificate>> chain = Pem.parseCertificates(pem);
        if (chain.isEmpty()) {
            return new Offer(false, "not a PEM certificate chain", pem);
        }
        CertificateCheck check = validator.check(chain.get(), now, CertificateRole.EAG);
        if (!check.isValid()) {
            return new Offer(false, check.reason() + ": " + check.detail(), pem);
        }
        if (!check.subject().id().equals(eag.value())) {
            return new Offer(
                    false,
                    "certificate is for EAG '" + check.subject().id() + "', this node delivers to '" + eag + "'",
                    pem);
        }
        X509Certificate leaf = chain.get().get(0);
        KeyId id = KeyId.of(leaf.getPublicKey());
        accepted.remove(id);
        accepted.put(id, leaf);
        while (accepted.size() > KEPT_CERTIFICATES) {
            accepted.remove(accepted.keySet().iterator().next());
        }
        return new Offer(true, null, pem);
    }

    /** The outcome of verifying any message the gateway signs: the envelope, or why it is refused. */
    public record Signed(SignedEnvelope envelope, String refusal) {
        public boolean isAccepted() {
            return envelope != null;
        }
    }

    /**
     * Verifies a signed envelope from the gateway (acknowledgements, resend requests, receipts, bills, market
     * broadcasts, payment messages): it must verify with an accepted, still valid EAG key and come
     * ({@code from}) from the configured EAG. What it says, and whether it is addressed to this node, is the
     * caller's to check. Never throws.
     */
    public Signed verifySigned(byte[] raw, Instant now) {
        if (accepted.isEmpty()) {
            return new Signed(null, "no accepted EAG certificate yet");
        }
        EnvelopeResult r = EnvelopeCodec.verify(raw, keyId -> key(keyId, now));
        if (!r.isOk()) {
            return new Signed(null, r.reason() + ": " + r.detail());
        }
        if (!eag.value().equals(r.envelope().from())) {
            return new Signed(null, "message from '" + r.envelope().from() + "', expected '" + eag + "'");
        }
        return new Signed(r.envelope(), null);
    }

    /** This node's id, for messages that name the node they are for. */
    public NodeId node() {
        return node;
    }

    /** Verifies a message from the acknowledgement topic. Never throws. */
    public Verdict verify(byte[] raw, Instant now) {
        if (accepted.isEmpty()) {
            return new Verdict(null, "no accepted EAG certificate yet");
        }
        EnvelopeResult r = EnvelopeCodec.verify(raw, keyId -> key(keyId, now));
        if (!r.isOk()) {
            return new Verdict(null, r.reason() + ": " + r.detail());
        }
        return ack(r.envelope());
    }

    /** An acknowledgement out of an envelope verified with an EAG key. */
    public Verdict ack(SignedEnvelope e) {
        Optional<Ack> ack = Ack.fromEnvelope(e);
        if (ack.isEmpty()) {
            return new Verdict(null, "not a well-formed acknowledgement (typ " + e.type() + ")");
        }
        if (!ack.get().eag().equals(eag)) {
            return new Verdict(null, "acknowledgement from '" + ack.get().eag() + "', expected '" + eag + "'");
        }
        if (!ack.get().node().equals(node)) {
            return new Verdict(null, "acknowledgement for node '" + ack.get().node() + "', this is '" + node + "'");
        }
        return new Verdict(ack.get(), null);
    }

    private Optional<PublicKey> key(KeyId id, Instant now) {
        X509Certificate c = accepted.get(id);
        if (c == null) {
            return Optional.empty();
        }
        try {
            c.checkValidity(Date.from(now));
            return Optional.of(c.getPublicKey());
        } catch (java.security.cert.CertificateException e) {
            return Optional.empty();
        }
    }

    /** Key ids of the accepted certificates, oldest first (for status and logs). */
    public List<KeyId> acceptedKeys() {
        return new ArrayList<>(accepted.keySet());
    }
}
