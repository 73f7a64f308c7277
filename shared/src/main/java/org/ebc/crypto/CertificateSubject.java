package org.ebc.crypto;

import java.util.Optional;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * Who a certificate speaks for. A node certificate binds the node id (CN, used in topics), the node's
 * true identity {@code ID_i} (UID, known to the authority and the account pool only) and the serial of
 * its meter (SERIALNUMBER). An EAG certificate carries the EAG id; a broker's its name; the authority's root its name.
 *
 * @param role what the holder is (OU)
 * @param id the node id, EAG id or authority name (CN)
 * @param trueIdentity the node owner's true identity, nodes only, else null
 * @param meterSerial the meter serial (OCMF MS), nodes only, else null
 */
public record CertificateSubject(CertificateRole role, String id, String trueIdentity, String meterSerial) {

    public CertificateSubject {
        if (role == null || id == null || id.isBlank()) {
            throw new IllegalArgumentException("a certificate subject needs a role and an id");
        }
        if (role == CertificateRole.NODE && (meterSerial == null || meterSerial.isBlank())) {
            throw new IllegalArgumentException("a node certificate must bind a meter serial");
        }
    }

    public static CertificateSubject node(String nodeId, String trueIdentity, String meterSerial) {
        return new CertificateSubject(CertificateRole.NODE, nodeId, trueIdentity, meterSerial);
    }

    public static CertificateSubject eag(String eagId) {
        return new CertificateSubject(CertificateRole.EAG, eagId, null, null);
    }

    /** A broker's TLS server identity; {@code name} is a label for people (the host names go in subjectAltName). */
    public static CertificateSubject broker(String name) {
        return new CertificateSubject(CertificateRole.BROKER, name, null, null);
    }

    public static CertificateSubject authority(String name) {
        return new CertificateSubject(CertificateRole.AUTHORITY, name, null, null);
    }

    public CertificateSubject withTrueIdentity(String identity) {
        return new CertificateSubject(role, id, identity, meterSerial);
    }

    public X500Name toX500Name() {
        X500NameBuilder b = new X500NameBuilder(BCStyle.INSTANCE);
        b.addRDN(BCStyle.CN, id);
        b.addRDN(BCStyle.OU, role.ou());
        b.addRDN(BCStyle.O, "ebc");
        if (meterSerial != null) {
            b.addRDN(BCStyle.SERIALNUMBER, meterSerial);
        }
        if (trueIdentity != null) {
            b.addRDN(BCStyle.UID, trueIdentity);
        }
        return b.build();
    }

    /** Reads a subject back; empty if the name lacks a CN or a known role or is otherwise not ours. */
    public static Optional<CertificateSubject> fromX500Name(X500Name name) {
        try {
            String cn = single(name, BCStyle.CN);
            CertificateRole role = CertificateRole.fromOu(single(name, BCStyle.OU));
            if (cn == null || role == null) {
                return Optional.empty();
            }
            return Optional.of(
                    new CertificateSubject(role, cn, single(name, BCStyle.UID), single(name, BCStyle.SERIALNUMBER)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String single(X500Name name, ASN1ObjectIdentifier type) {
        RDN[] rdns = name.getRDNs(type);
        if (rdns.length != 1 || rdns[0].isMultiValued()) {
            return null;
        }
        ASN1Encodable v = rdns[0].getFirst().getValue();
        return v instanceof ASN1String s ? s.getString() : null;
    }

    @Override
    public String toString() {
        return role.ou() + " " + id + (meterSerial == null ? "" : " (meter " + meterSerial + ")");
    }
}
