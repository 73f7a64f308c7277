package org.ebc.crypto;

import java.security.KeyPair;
import java.security.PublicKey;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** PKCS#10 certificate signing requests: the only thing that travels at enrollment (never a private key). */
public final class Csrs {
    private Csrs() {}

    public static PKCS10CertificationRequest create(KeyPair keys, CertificateSubject subject) {
        try {
            ContentSigner signer = new JcaContentSignerBuilder(Crypto.SIGNATURE_ALGORITHM)
                    .setProvider(Crypto.provider())
                    .build(keys.getPrivate());
            return new JcaPKCS10CertificationRequestBuilder(subject.toX500Name(), keys.getPublic()).build(signer);
        } catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot build a CSR: " + e.getMessage(), e);
        }
    }

    /** The outcome of checking a CSR: its subject and key, or why it cannot be used. */
    public record Check(boolean ok, String problem, CertificateSubject subject, PublicKey publicKey) {
        static Check fail(String problem) {
            return new Check(false, problem, null, null);
        }
    }

    /** Checks the CSR's proof of possession (its self-signature), the key type and the subject. */
    public static Check check(PKCS10CertificationRequest csr) {
        try {
            PublicKey key = ProviderObjects.publicKey(csr.getSubjectPublicKeyInfo());
            if (!KeyPairs.isP256(key)) {
                return Check.fail("the requested key is not an ECDSA P-256 key");
            }
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder()
                    .setProvider(Crypto.provider())
                    .build(key))) {
                return Check.fail("the request's signature does not match its key (no proof of possession)");
            }
            return CertificateSubject.fromX500Name(csr.getSubject())
                    .map(s -> new Check(true, null, s, key))
                    .orElseGet(() -> Check.fail(
                            "the request's subject is not an ebc subject (CN and OU=node|eag|broker required): "
                                    + csr.getSubject()));
        } catch (Exception e) {
            return Check.fail("unreadable request: " + e.getMessage());
        }
    }
}
