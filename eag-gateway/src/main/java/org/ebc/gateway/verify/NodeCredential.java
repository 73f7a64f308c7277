package org.ebc.gateway.verify;

import java.math.BigInteger;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Objects;
import org.ebc.units.MeterSerial;
import org.ebc.units.NodeId;

/**
 * What the verifier needs to know about a node's bound certificate: its key and the meter it is bound to.
 * The chain was checked against the authority when the certificate was admitted; validity period and
 * revocation are re-judged at every use by the {@link NodeDirectory}.
 *
 * @param node the node id (certificate CN)
 * @param meter the meter serial the certificate binds (SERIALNUMBER)
 * @param key the node's P-256 public key
 * @param certificateSerial the certificate's serial number (what a CRL names)
 * @param notBefore start of validity
 * @param notAfter end of validity
 */
public record NodeCredential(
        NodeId node,
        MeterSerial meter,
        PublicKey key,
        BigInteger certificateSerial,
        Instant notBefore,
        Instant notAfter) {

    public NodeCredential {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(meter, "meter");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(certificateSerial, "certificateSerial");
        Objects.requireNonNull(notBefore, "notBefore");
        Objects.requireNonNull(notAfter, "notAfter");
    }
}
