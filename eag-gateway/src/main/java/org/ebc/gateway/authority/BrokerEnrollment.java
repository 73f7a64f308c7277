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
 * A site broker's side of enrollment ({@code eag-gateway enroll-broker}): its own TLS key, generated where
 * the broker runs, and a CSR for {@code authority issue-broker}. The directory ({@code /etc/mosquitto/ebc},
 * owner {@code mosquitto}, mode 0700) then holds:
 *
 * <pre>
 * DIR/broker.key   the broker's P-256 key, PKCS#8 PEM (OpenSSL reads it), mode 0600; never leaves DIR
 * DIR/broker.csr   the request to take to the authority
 * </pre>
 */
public final class BrokerEnrollment {
    public static final String KEY = "broker.key";
    public static final String CSR = "broker.csr";

    private BrokerEnrollment() {}

    /** What enrollment wrote. */
    public record Result(String name, Path key, Path csr, KeyId keyId) {}

    /**
     * @param name the broker's name (its certificate's CN; 1-64 characters of [A-Za-z0-9._-]), a label for
     *     people: clients check the host names, which the authority adds
     */
    public static Result enroll(String name, Path dir) {
        if (!EagId.isValid(name)) {
            throw new AuthorityRefusal(
                    RefusalReason.BAD_NAME, "broker name '" + name + "' is not 1-64 characters of [A-Za-z0-9._-]");
        }
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
        Pem.writePublic(csr, Csrs.create(keys, CertificateSubject.broker(name)));
        return new Result(name, key, csr, KeyId.of(keys.getPublic()));
    }
}
