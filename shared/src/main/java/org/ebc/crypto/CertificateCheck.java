package org.ebc.crypto;

import java.security.cert.X509Certificate;

/**
 * The outcome of validating a certificate chain.
 *
 * @param reason {@link CertificateReason#VALID} or why not
 * @param detail a one-line explanation for logs and CLI output
 * @param leaf the end-entity certificate (null when the chain was empty)
 * @param subject the leaf's ebc subject (null unless valid)
 */
public record CertificateCheck(
        CertificateReason reason, String detail, X509Certificate leaf, CertificateSubject subject) {

    public boolean isValid() {
        return reason == CertificateReason.VALID;
    }

    static CertificateCheck refuse(CertificateReason reason, String detail, X509Certificate leaf) {
        return new CertificateCheck(reason, detail, leaf, null);
    }
}
