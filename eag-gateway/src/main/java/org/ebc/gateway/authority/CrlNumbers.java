package org.ebc.gateway.authority;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;

/**
 * Reads a CRL's number (RFC 5280 §5.2.3). Relying parties take the CRL with the highest number as the
 * newest, so each new CRL must carry a higher one; the number is read from the CRL on disk rather than
 * kept elsewhere, so it cannot fall out of step with the file.
 */
final class CrlNumbers {
    private CrlNumbers() {}

    static BigInteger of(X509CRL crl, Path file) {
        byte[] ext = crl.getExtensionValue(Extension.cRLNumber.getId());
        if (ext == null) {
            throw new AuthorityRefusal(
                    RefusalReason.NOT_AN_AUTHORITY, file + ": the revocation list has no CRL number");
        }
        try {
            return ASN1Integer.getInstance(JcaX509ExtensionUtils.parseExtensionValue(ext))
                    .getValue();
        } catch (IOException | IllegalArgumentException e) {
            throw new AuthorityRefusal(
                    RefusalReason.NOT_AN_AUTHORITY, file + ": unreadable CRL number: " + e.getMessage());
        }
    }
}
