package org.ebc.gateway.account;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Objects;
import org.ebc.crypto.CertificateSubject;
import org.ebc.crypto.KeyId;
import org.ebc.units.MeterSerial;
import org.ebc.units.NodeId;

/**
 * A node as the account pool knows it: its certificate and what the certificate binds. The true
 * identity never leaves the EAG (DESIGN §2: only the account pool maps pseudonyms to identities).
 *
 * @param node the node id (certificate CN, used in topics)
 * @param trueIdentity the owner's true identity {@code ID_i} (certificate UID), or null if the
 *     certificate carries none
 * @param meter the meter serial the certificate binds
 * @param certificate the node's certificate, checked against the authority when admitted
 * @param keyId the key id of the certified key
 * @param boundAt when the gateway bound this certificate
 * @param source where the certificate came from: {@code mqtt} (the node's retained certificate topic)
 *     or {@code authority} (imported from the authority's directory)
 */
public record NodeRecord(
        NodeId node,
        String trueIdentity,
        MeterSerial meter,
        X509Certificate certificate,
        KeyId keyId,
        Instant boundAt,
        String source) {

    public NodeRecord {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(certificate, "certificate");
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(boundAt, "boundAt");
        Objects.requireNonNull(source, "source");
    }

    /** A record for a certificate whose subject has already been checked to be a node subject. */
    public static NodeRecord of(
            X509Certificate certificate, CertificateSubject subject, Instant boundAt, String source) {
        return new NodeRecord(
                NodeId.of(subject.id()),
                subject.trueIdentity(),
                MeterSerial.of(subject.meterSerial()),
                certificate,
                KeyId.of(certificate.getPublicKey()),
                boundAt,
                source);
    }

    public BigInteger certificateSerial() {
        return certificate.getSerialNumber();
    }

    public Instant notBefore() {
        return certificate.getNotBefore().toInstant();
    }

    public Instant notAfter() {
        return certificate.getNotAfter().toInstant();
    }
}
