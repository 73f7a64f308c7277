package org.ebc.gateway.broker;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
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
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemGenerationException;
import org.bouncycastle.util.io.pem.PemObjectGenerator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away registration authority for broker tests: a P-256 root and the leaf certificates DESIGN §2
 * describes (subject CN = node or EAG id, OU = role, O = ebc; clientAuth for nodes and EAGs, serverAuth
 * for the broker), written as PEM files the way the authority hands them out. Built on Bouncy Castle
 * directly until {@code org.ebc.crypto} is installed in the shared module. Not thread-safe.
 */
final class TestAuthority {
    private static final Duration VALIDITY = Duration.ofDays(2);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** PEM files of one issued certificate and its key. */
    record Issued(String commonName, Path certificate, Path key) {}

    private final Path dir;
    private final KeyPair keys;
    private final X509Certificate root;
    private final Path rootPem;
    private final AtomicLong serial = new AtomicLong(1);

    private TestAuthority(Path dir, KeyPair keys, X509Certificate root) {
        this.dir = dir;
        this.keys = keys;
        this.root = root;
        this.rootPem = dir.resolve("authority.crt");
        writePem(rootPem, root);
    }

    /** A new root named {@code name} writing its files to {@code dir}. */
    static TestAuthority create(Path dir, String name) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        KeyPair keys = p256();
        X500Name subject = name(name, "authority");
        X509Certificate root = build(subject, keys, subject, keys.getPublic(), BigInteger.ONE, true, null, null);
        return new TestAuthority(dir, keys, root);
    }

    Path rootCertificate() {
        return rootPem;
    }

    /** A node (meter) client certificate: CN = node id. */
    Issued issueNode(String nodeId) {
        return issue(nodeId, "node", new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth}, null);
    }

    /** An EAG client certificate: CN = EAG id. */
    Issued issueEag(String eagId) {
        return issue(eagId, "eag", new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth}, null);
    }

    /** The broker's server certificate, valid for localhost and 127.0.0.1. */
    Issued issueBroker(String name) {
        GeneralNames san = new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.dNSName, "localhost"),
            new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
        });
        return issue(name, "broker", new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth}, san);
    }

    private Issued issue(String cn, String role, KeyPurposeId[] purposes, GeneralNames san) {
        KeyPair leaf = p256();
        X509Certificate cert = build(name(cn, role), keys, name(root), leaf.getPublic(),
                BigInteger.valueOf(serial.incrementAndGet()), false, purposes, san);
        Path certFile = dir.resolve(cn + ".crt");
        Path keyFile = dir.resolve(cn + ".key");
        writePem(certFile, cert);
        writePem(keyFile, pkcs8(leaf.getPrivate()));
        return new Issued(cn, certFile, keyFile);
    }

    private static X509Certificate build(X500Name subject, KeyPair issuerKeys, X500Name issuer, java.security.PublicKey subjectKey,
            BigInteger serialNumber, boolean ca, KeyPurposeId[] purposes, GeneralNames san) {
        Instant now = Instant.now();
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuer, serialNumber,
                    Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(VALIDITY)), subject, subjectKey);
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subjectKey));
            if (!ca) {
                b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes));
            } else {
                b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
            }
            if (san != null) {
                b.addExtension(Extension.subjectAlternativeName, false, san);
            }
            return new JcaX509CertificateConverter().getCertificate(
                    b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue test certificate for " + subject + ": " + e.getMessage(), e);
        }
    }

    private static X500Name name(String cn, String role) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, cn).addRDN(BCStyle.OU, role).addRDN(BCStyle.O, "ebc").build();
    }

    private static X500Name name(X509Certificate cert) {
        return X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
    }

    private static KeyPair p256() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("P-256 key generation unavailable: " + e.getMessage(), e);
        }
    }

    /** PKCS#8 ("BEGIN PRIVATE KEY"), the form OpenSSL (Mosquitto) and the gateway both read. */
    private static PemObjectGenerator pkcs8(PrivateKey key) {
        try {
            return new JcaPKCS8Generator(key, null);
        } catch (PemGenerationException e) {
            throw new IllegalStateException("cannot encode test key: " + e.getMessage(), e);
        }
    }

    static void writePem(Path file, Object object) {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pem = new JcaPEMWriter(w)) {
            pem.writeObject(object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            Files.writeString(file, w.toString(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
