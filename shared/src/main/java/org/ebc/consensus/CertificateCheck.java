package org.ebc.consensus;

/** The outcome of checking a certificate: a reason and a detail for the log line. */
public record CertificateCheck(CertificateReason reason, String detail) {
    static final CertificateCheck OK = new CertificateCheck(CertificateReason.OK, "ok");

    public boolean isOk() {
        return reason == CertificateReason.OK;
    }
}
