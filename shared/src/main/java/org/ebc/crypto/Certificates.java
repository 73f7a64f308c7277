package org.ebc.crypto;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Issues X.509 certificates and revocation lists for the registration authority (DESIGN §2). The
 * authority's root is the only CA: EAG and node certificates are leaves ({@code cA=false}) signed by it.
 */
public final class Certificates {
    private Certificates() {}

    /** A self-signed root for the authority. */
    public static X509Certificate selfSignedAuthority(
            KeyPair keys, String name, Instant notBefore, Instant notAfter, BigInteger serial) {
        CertificateSubject subject = CertificateSubject.authority(name);
        return build(
                subject.toX500Name(),
                keys.getPrivate(),
                null,
                keys.getPublic(),
                subject,
                notBefore,
                notAfter,
                serial,
                true,
                List.of());
    }

    /**
     * Issues a certificate for {@code subjectKey}, signed by {@code issuer}. {@code ca} is true only for
     * test setups that need an intermediate; the authority never issues CA certificates to EAGs or nodes.
     */
    public static X509Certificate issue(
            X509Certificate issuer,
            PrivateKey issuerKey,
            PublicKey subjectKey,
            CertificateSubject subject,
            Instant notBefore,
            Instant notAfter,
            BigInteger serial,
            boolean ca) {
        return issue(issuer, issuerKey, subjectKey, subject, notBefore, notAfter, serial, ca, List.of());
    }

    /**
     * As {@link #issue(X509Certificate, PrivateKey, PublicKey, CertificateSubject, Instant, Instant, BigInteger, boolean)},
     * with the host names (DNS names or IP addresses) under which the holder serves TLS, as subjectAltName:
     * a TLS client checks the host it dialled against these, never against the CN (which is the EAG id).
     *
     * @throws IllegalArgumentException if a host name is neither a DNS name nor an IP address
     */
    public static X509Certificate issue(
            X509Certificate issuer,
            PrivateKey issuerKey,
            PublicKey subjectKey,
            CertificateSubject subject,
            Instant notBefore,
            Instant notAfter,
            BigInteger serial,
            boolean ca,
            List<String> hostNames) {
        X500Name issuerName =
                X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
        return build(issuerName, issuerKey, issuer, subjectKey, subject, notBefore, notAfter, serial, ca, hostNames);
    }

    /** True if {@code host} can stand in a subjectAltName: an IPv4/IPv6 literal or a DNS name. */
    public static boolean isHostName(String host) {
        return host != null
                && (IPV4.matcher(host).matches()
                        || (host.contains(":") && IPV6.matcher(host).matches())
                        || DNS.matcher(host).matches());
    }

    private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final java.util.regex.Pattern IPV6 = java.util.regex.Pattern.compile("[0-9A-Fa-f:.]{2,45}");
    private static final java.util.regex.Pattern DNS = java.util.regex.Pattern.compile(
            "(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

    private static GeneralNames alternativeNames(List<String> hostNames) {
        GeneralName[] names = new GeneralName[hostNames.size()];
        for (int i = 0; i < names.length; i++) {
            String h = hostNames.get(i);
            if (!isHostName(h)) {
                throw new IllegalArgumentException("'" + h + "' is neither a DNS name nor an IP address");
            }
            boolean ip = IPV4.matcher(h).matches() || h.contains(":");
            names[i] = new GeneralName(ip ? GeneralName.iPAddress : GeneralName.dNSName, h);
        }
        return new GeneralNames(names);
    }

    private static X509Certificate build(
            X500Name issuerName,
            PrivateKey signingKey,
            X509Certificate issuer,
            PublicKey subjectKey,
            CertificateSubject subject,
            Instant notBefore,
            Instant notAfter,
            BigInteger serial,
            boolean ca,
            List<String> hostNames) {
        GeneralNames alternatives = hostNames.isEmpty() ? null : alternativeNames(hostNames);
        if (!notAfter.isAfter(notBefore)) {
            throw new IllegalArgumentException("certificate must end after it starts");
        }
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                    issuerName, serial, Date.from(notBefore), Date.from(notAfter), subject.toX500Name(), subjectKey);
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (alternatives != null) {
                b.addExtension(Extension.subjectAlternativeName, false, alternatives);
            }
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKey));
            if (issuer != null) {
                b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuer));
            }
            if (ca) {
                b.addExtension(
                        Extension.keyUsage,
                        true,
                        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            } else {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                // A broker's certificate is a server certificate only: TLS stacks then refuse it as a client
                // certificate, so its CN never becomes an MQTT identity (Mosquitto's use_identity_as_username).
                KeyPurposeId[] purposes = switch (subject.role()) {
                    case EAG -> new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth};
                    case BROKER -> new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth};
                    default -> new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth};
                };
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes));
            }
            ContentSigner signer = new JcaContentSignerBuilder(Crypto.SIGNATURE_ALGORITHM)
                    .setProvider(Crypto.provider())
                    .build(signingKey);
            return ProviderObjects.certificate(b.build(signer));
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue certificate: " + e.getMessage(), e);
        }
    }

    /** A CRL listing {@code revokedSerials}, signed by the authority. */
    public static X509CRL revocationList(
            X509Certificate authority,
            PrivateKey authorityKey,
            Collection<BigInteger> revokedSerials,
            Instant thisUpdate,
            Instant nextUpdate,
            BigInteger crlNumber) {
        try {
            X509v2CRLBuilder b = new X509v2CRLBuilder(
                    X500Name.getInstance(authority.getSubjectX500Principal().getEncoded()), Date.from(thisUpdate));
            b.setNextUpdate(Date.from(nextUpdate));
            for (BigInteger s : revokedSerials) {
                b.addCRLEntry(s, Date.from(thisUpdate), CRLReason.unspecified);
            }
            b.addExtension(Extension.cRLNumber, false, new org.bouncycastle.asn1.x509.CRLNumber(crlNumber));
            ContentSigner signer = new JcaContentSignerBuilder(Crypto.SIGNATURE_ALGORITHM)
                    .setProvider(Crypto.provider())
                    .build(authorityKey);
            return ProviderObjects.crl(b.build(signer));
        } catch (Exception e) {
            throw new IllegalStateException("cannot build revocation list: " + e.getMessage(), e);
        }
    }

    /** The ebc subject of a certificate, or empty if it is not one of ours. */
    public static Optional<CertificateSubject> subjectOf(X509Certificate cert) {
        try {
            return CertificateSubject.fromX500Name(
                    X500Name.getInstance(cert.getSubjectX500Principal().getEncoded()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** True if the certificate says it may act as a CA (basic constraints cA=true). */
    public static boolean isCa(X509Certificate cert) {
        return cert.getBasicConstraints() >= 0;
    }
}
