package org.ebc.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.pkcs.CertificationRequestInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

class CsrsTest {
    private final KeyPair keys = KeyPairs.generate();
    private final CertificateSubject subject = CertificateSubject.node("node-1", "owner 1", "SDM630-0001");

    @Test
    void aGoodRequestYieldsItsSubjectAndKey() {
        Csrs.Check check = Csrs.check(Csrs.create(keys, subject));

        assertThat(check.ok()).isTrue();
        assertThat(check.problem()).isNull();
        assertThat(check.subject()).isEqualTo(subject);
        assertThat(check.publicKey().getEncoded()).isEqualTo(keys.getPublic().getEncoded());
    }

    @Test
    void aRequestWhoseSubjectWasChangedAfterSigningHasNoProofOfPossession() throws Exception {
        PKCS10CertificationRequest genuine = Csrs.create(keys, subject);
        CertificationRequest asn1 = genuine.toASN1Structure();
        CertificationRequestInfo info = asn1.getCertificationRequestInfo();
        CertificationRequestInfo changed = new CertificationRequestInfo(
                CertificateSubject.node("node-2", "owner 1", "SDM630-0001").toX500Name(),
                info.getSubjectPublicKeyInfo(),
                info.getAttributes());
        PKCS10CertificationRequest tampered = new PKCS10CertificationRequest(
                new CertificationRequest(changed, asn1.getSignatureAlgorithm(), asn1.getSignature()));

        Csrs.Check check = Csrs.check(tampered);

        assertThat(check.ok()).isFalse();
        assertThat(check.problem()).contains("proof of possession");
        assertThat(check.subject()).isNull();
    }

    @Test
    void aRequestWithOneSignatureBitFlippedIsRefused() throws Exception {
        byte[] der = Csrs.create(keys, subject).getEncoded();
        der[der.length - 5] ^= 0x01;

        Csrs.Check check = Csrs.check(new PKCS10CertificationRequest(der));

        assertThat(check.ok()).isFalse();
    }

    @Test
    void aRequestForAKeyThatIsNotP256IsRefused() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC", Crypto.provider());
        g.initialize(new ECGenParameterSpec("secp384r1"));
        KeyPair p384 = g.generateKeyPair();
        PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(
                        subject.toX500Name(), p384.getPublic())
                .build(new JcaContentSignerBuilder("SHA384withECDSA")
                        .setProvider(Crypto.provider())
                        .build(p384.getPrivate()));

        Csrs.Check check = Csrs.check(csr);

        assertThat(check.ok()).isFalse();
        assertThat(check.problem()).contains("not an ECDSA P-256 key");
    }

    @Test
    void aRequestForAnRsaKeyIsRefused() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(1024);
        KeyPair rsa = g.generateKeyPair();
        PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(subject.toX500Name(), rsa.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(rsa.getPrivate()));

        assertThat(Csrs.check(csr).problem()).contains("not an ECDSA P-256 key");
    }

    @Test
    void aRequestWithoutAnEbcSubjectIsRefused() throws Exception {
        PKCS10CertificationRequest csr = new JcaPKCS10CertificationRequestBuilder(
                        new X500Name("CN=node-1"), keys.getPublic())
                .build(new JcaContentSignerBuilder(Crypto.SIGNATURE_ALGORITHM)
                        .setProvider(Crypto.provider())
                        .build(keys.getPrivate()));

        Csrs.Check check = Csrs.check(csr);

        assertThat(check.ok()).isFalse();
        assertThat(check.problem()).contains("not an ebc subject");
    }
}
