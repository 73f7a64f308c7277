package org.ebc.crypto;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Turns Bouncy Castle's ASN.1 objects (what its PEM parser and certificate builders produce) into JCA keys,
 * certificates and revocation lists of the provider {@link Crypto} has selected. Under Bouncy Castle this is
 * its own JCA converters, as before; under the platform provider it is the JDK's {@code KeyFactory} (PKCS#8,
 * SubjectPublicKeyInfo) and {@code CertificateFactory}, from the DER encoding, so that Bouncy Castle's
 * provider is never loaded (the DER is the same either way). Stateless.
 */
final class ProviderObjects {
    private ProviderObjects() {}

    static X509Certificate certificate(X509CertificateHolder h) throws CertificateException, IOException {
        if (bouncyCastle()) {
            return new JcaX509CertificateConverter()
                    .setProvider(Crypto.provider())
                    .getCertificate(h);
        }
        return (X509Certificate) x509().generateCertificate(new ByteArrayInputStream(h.getEncoded()));
    }

    static X509CRL crl(X509CRLHolder h) throws CRLException, IOException {
        if (bouncyCastle()) {
            return new JcaX509CRLConverter().setProvider(Crypto.provider()).getCRL(h);
        }
        try {
            return (X509CRL) x509().generateCRL(new ByteArrayInputStream(h.getEncoded()));
        } catch (CertificateException e) {
            throw new CRLException(e.getMessage(), e);
        }
    }

    /** A private key from PKCS#8 (SEC1 "EC PRIVATE KEY" files arrive here already wrapped by the PEM parser). */
    static PrivateKey privateKey(PrivateKeyInfo info) throws IOException {
        if (bouncyCastle()) {
            return new JcaPEMKeyConverter().setProvider(Crypto.provider()).getPrivateKey(info);
        }
        try {
            return keyFactory(info.getPrivateKeyAlgorithm().getAlgorithm())
                    .generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IOException("unable to convert key pair: " + e.getMessage(), e);
        }
    }

    static PublicKey publicKey(SubjectPublicKeyInfo spki) throws IOException {
        if (bouncyCastle()) {
            return new JcaPEMKeyConverter().setProvider(Crypto.provider()).getPublicKey(spki);
        }
        try {
            return keyFactory(spki.getAlgorithm().getAlgorithm())
                    .generatePublic(new X509EncodedKeySpec(spki.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IOException("unable to convert key pair: " + e.getMessage(), e);
        }
    }

    private static boolean bouncyCastle() {
        return Crypto.providerChoice() == CryptoProvider.BOUNCY_CASTLE;
    }

    private static CertificateFactory x509() throws CertificateException {
        return CertificateFactory.getInstance("X.509");
    }

    /**
     * EC keys from the selected provider. Other kinds (an RSA key in a CSR, say) only ever arrive here to be
     * refused as signer keys with a clear message, so they come from whichever JDK provider knows the OID.
     */
    private static KeyFactory keyFactory(ASN1ObjectIdentifier algorithm) throws GeneralSecurityException {
        if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)) {
            return KeyFactory.getInstance("EC", Crypto.provider());
        }
        return KeyFactory.getInstance(algorithm.getId());
    }
}
