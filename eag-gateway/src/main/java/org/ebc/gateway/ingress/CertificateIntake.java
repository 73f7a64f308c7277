package org.ebc.gateway.ingress;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.ebc.crypto.Pem;
import org.ebc.gateway.account.CertificateAdmission;
import org.ebc.gateway.verify.RecordDigest;
import org.ebc.gateway.verify.RejectReason;
import org.ebc.gateway.verify.Rejection;
import org.ebc.units.EagId;
import org.ebc.wire.Topics;
import org.tinylog.Logger;

/**
 * Handles a node's retained certificate message ({@code ebc/v1/<eag>/meter/<node>/certificate}, PEM,
 * leaf first): parses it without ever throwing, and hands it to {@link CertificateAdmission}, which
 * binds it in the account pool if it is a valid, unrevoked node certificate of the authority whose CN
 * is the topic's node. A refusal comes back as a {@link Rejection} for the writer to count and log.
 *
 * <p>Thread-safe (stateless; admission serialises itself).
 */
public final class CertificateIntake {
    /** A PEM chain of up to four certificates fits easily; anything larger is not one. */
    static final int MAX_BYTES = 64 * 1024;

    private final EagId eag;
    private final CertificateAdmission admission;

    public CertificateIntake(EagId eag, CertificateAdmission admission) {
        this.eag = eag;
        this.admission = admission;
    }

    /** @return the rejection, or empty when the certificate is bound (or the message was a retained-message deletion) */
    public Optional<Rejection> accept(Inbound m) {
        byte[] raw = m.payload() == null ? new byte[0] : m.payload();
        Optional<Topics.MeterTopic> topic = Topics.parseMeterTopic(m.topic());
        if (topic.isEmpty()
                || !topic.get().eag().equals(eag)
                || topic.get().kind() != Topics.MeterMessage.CERTIFICATE) {
            return Optional.of(reject(
                    m,
                    RejectReason.BAD_TOPIC,
                    "not " + Topics.allMeters(eag, Topics.MeterMessage.CERTIFICATE),
                    null,
                    raw));
        }
        if (raw.length == 0) {
            // An empty retained message clears the topic; there is nothing to bind and nothing wrong.
            return Optional.empty();
        }
        Topics.MeterTopic t = topic.get();
        if (raw.length > MAX_BYTES) {
            return Optional.of(reject(m, RejectReason.TOO_LARGE, raw.length + " bytes, limit " + MAX_BYTES, t, raw));
        }
        Optional<List<X509Certificate>> chain = ascii(raw).flatMap(Pem::parseCertificates);
        if (chain.isEmpty()) {
            return Optional.of(reject(m, RejectReason.MALFORMED, "not a PEM certificate chain", t, raw));
        }
        CertificateAdmission.Outcome o = admission.admit(chain.get(), t.node(), "mqtt");
        if (!o.admitted()) {
            return Optional.of(reject(m, o.refusal(), "certificate: " + o.detail(), t, raw));
        }
        if (o.changed()) {
            Logger.info("node {}: certificate bound from its certificate topic ({})", t.node(), o.detail());
        }
        return Optional.empty();
    }

    private static Optional<String> ascii(byte[] raw) {
        try {
            return Optional.of(StandardCharsets.US_ASCII
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(raw))
                    .toString());
        } catch (CharacterCodingException e) {
            return Optional.empty();
        }
    }

    private static Rejection reject(Inbound m, RejectReason reason, String detail, Topics.MeterTopic t, byte[] raw) {
        return new Rejection(
                reason,
                detail,
                t == null ? null : t.node(),
                m.topic(),
                null,
                raw.length,
                m.receivedAt(),
                false,
                raw.length > MAX_BYTES ? "" : RecordDigest.of(raw));
    }
}
