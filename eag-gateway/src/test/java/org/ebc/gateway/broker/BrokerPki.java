package org.ebc.gateway.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.ebc.crypto.Crypto;
import org.ebc.crypto.KeyPairs;
import org.ebc.crypto.Pem;
import org.ebc.testing.TestAuthority;

/**
 * The PEM files a broker test needs, written where Mosquitto and the gateway read them: the authority's
 * root ({@code ca.crt}), node and EAG certificates exactly as {@code org.ebc.crypto} issues them (through
 * the shared {@link TestAuthority}), and the broker's server certificate. Not thread-safe.
 */
final class BrokerPki {
    /** PEM files of one issued certificate and its key (the key with mode 0600). */
    record Issued(String commonName, Path certificate, Path key) {}

    private final Path dir;
    private final TestAuthority authority;
    private final Map<String, Issued> issued = new HashMap<>();
    private long serial = 10_000;

    private BrokerPki(Path dir, TestAuthority authority) {
        this.dir = dir;
        this.authority = authority;
        Pem.writePublic(rootCertificate(), authority.root());
    }

    /** A new authority named {@code name} writing its files to {@code dir}. */
    static BrokerPki create(Path dir, String name) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BrokerPki(dir, TestAuthority.create(name, Instant.now()));
    }

    /** The authority's root, as the authority names it ({@code ca.crt}). */
    Path rootCertificate() {
        return dir.resolve("ca.crt");
    }

    /** The node certificate for {@code nodeId}, issued on first use (a key file is never overwritten). */
    Issued issueNode(String nodeId) {
        return issued.computeIfAbsent(nodeId, id -> write(id, authority.node(id, "SN-" + id)));
    }

    /** The EAG certificate for {@code eagId}, issued on first use. */
    Issued issueEag(String eagId) {
        return issued.computeIfAbsent(eagId, id -> write(id, authority.eag(id)));
    }

    private Issued write(String cn, TestAuthority.Issued issued) {
        Path cert = dir.resolve(cn + ".crt");
        Path key = dir.resolve(cn + ".key");
        Pem.writePublic(cert, issued.certificate());
        Pem.writePrivateKey(key, issued.keys().getPrivate());
        return new Issued(cn, cert, key);
    }

    /**
     * The broker's TLS server certificate, valid for localhost and 127.0.0.1. {@code org.ebc.crypto} has no
     * server certificates with a subjectAltName (yet), so this one is built here, signed by the same root.
     */
    Issued issueBroker(String name) {
        KeyPair keys = KeyPairs.generate();
        X509Certificate root = authority.root();
        Instant now = Instant.now();
        try {
            X500Name subject = new X500NameBuilder(BCStyle.INSTANCE)
                    .addRDN(BCStyle.CN, name)
                    .addRDN(BCStyle.OU, "broker")
                    .addRDN(BCStyle.O, "ebc")
                    .build();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(
                    X500Name.getInstance(root.getSubjectX500Principal().getEncoded()),
                    BigInteger.valueOf(++serial),
                    Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(Duration.ofDays(2))),
                    subject,
                    keys.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(root));
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"), new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
            }));
            X509Certificate cert = new JcaX509CertificateConverter()
                    .setProvider(Crypto.provider())
                    .getCertificate(b.build(new JcaContentSignerBuilder(Crypto.SIGNATURE_ALGORITHM)
                            .setProvider(Crypto.provider())
                            .build(authority.rootKeys().getPrivate())));
            return write(name, new TestAuthority.Issued(keys, cert));
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue the test broker certificate: " + e.getMessage(), e);
        }
    }
}
