package org.ebc.gateway.authority;

import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import org.ebc.crypto.KeyDirectory;
import org.ebc.crypto.Pem;

/**
 * Puts an issued certificate, the authority's root and its current revocation list where the device reads
 * them, when the device's key directory is on this machine (a gateway or broker next to the authority):
 * {@code <dir>/eag.crt} or {@code broker.crt}, {@code <dir>/ca.crt} and {@code <dir>/crl.pem}. Written atomically and, written by root into a service's
 * directory, given to that service ({@link org.ebc.crypto.DirectoryOwner}). Stateless.
 */
public final class HandBack {
    private HandBack() {}

    /** @return the certificate file written */
    public static Path install(IssuedCertificate issued, X509Certificate root, X509CRL crl, Path dir) {
        KeyDirectory.requireOwnerOnly(dir);
        Path certificate = dir.resolve(issued.deviceFileName());
        Pem.writePublic(certificate, issued.entry().certificate());
        Pem.writePublic(dir.resolve("ca.crt"), root);
        Pem.writePublic(dir.resolve("crl.pem"), crl);
        return certificate;
    }
}
