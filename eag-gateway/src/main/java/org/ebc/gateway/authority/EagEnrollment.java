package org.ebc.gateway.authority;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.ebc.crypto.CertificateSubject;
import org.ebc.crypto.Csrs;
import org.ebc.crypto.KeyDirectory;
import org.ebc.crypto.KeyFileException;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.KeyPairs;
import org.ebc.crypto.Pem;
import org.ebc.units.EagId;

/**
 * The gateway's side of enrollment: generates the EAG's key where it will be used and writes a CSR for
 * the authority ({@code eag-gateway enroll}). The directory holds, after enrollment and hand-back:
 *
 * <pre>
 * DIR/            mode 0700
 *   eag.key       the EAG's P-256 private key, PEM as org.ebc.crypto.Pem writes it, mode 0600; never leaves DIR
 *   eag.csr       the PKCS#10 request to take to the authority (`authority issue-eag --csr eag.csr`)
 *   eag.crt       copied back from the authority's issued/&lt;id&gt;.crt
 *   ca.crt        copied back from the authority's issued/ca.crt
 * </pre>
 */
public final class EagEnrollment {
    public static final String KEY = "eag.key";
    public static final String CSR = "eag.csr";
    public static final String CERTIFICATE = "eag.crt";

    private EagEnrollment() {}

    /** What enrollment wrote. */
    public record Result(EagId eag, Path key, Path csr, KeyId keyId) {}

    /** Generates {@code eag.key} and {@code eag.csr}; refuses to touch a directory that already has either. */
    public static Result enroll(EagId eag, Path dir) {
        KeyDirectory.prepare(dir);
        Path key = dir.resolve(KEY);
        Path csr = dir.resolve(CSR);
        for (Path p : new Path[] {key, csr}) {
            if (Files.exists(p)) {
                throw new KeyFileException(
                        p, "already exists; refusing to overwrite an enrollment (move it away to enroll again)");
            }
        }
        KeyPair keys = KeyPairs.generate();
        Pem.writePrivateKey(key, keys.getPrivate());
        Pem.writePublic(csr, Csrs.create(keys, CertificateSubject.eag(eag.value())));
        return new Result(eag, key, csr, KeyId.of(keys.getPublic()));
    }
}
