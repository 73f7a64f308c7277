package org.ebc.gateway.account;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.cert.X509Certificate;
import org.ebc.crypto.KeyFileException;
import org.ebc.crypto.Pem;
import org.ebc.crypto.RevocationList;
import org.tinylog.Logger;

/**
 * Reloads the authority's {@code crl.pem} into {@link Revocations} when the file changes (its
 * modification time or size), so that revoking a node takes effect without restarting the gateway. The
 * gateway calls {@link #check()} every few seconds; polling is used rather than a file-system watch
 * because the authority replaces the file by an atomic rename, which watch services report unreliably.
 *
 * <p>A list that cannot be read or is not signed by the authority is refused and the previous one kept,
 * with an error logged once per change of the file. Thread-safe ({@link #check()} is synchronized).
 */
public final class RevocationWatch {
    private final Path file;
    private final X509Certificate authority;
    private final Revocations revocations;
    private Object lastSeen;

    public RevocationWatch(Path file, X509Certificate authority, Revocations revocations) {
        this.file = file;
        this.authority = authority;
        this.revocations = revocations;
    }

    /**
     * Reads the list now, whether or not the file changed.
     *
     * @throws KeyFileException if the file cannot be read or is not a CRL
     * @throws IllegalArgumentException if the authority did not sign it
     */
    public static RevocationList read(Path file, X509Certificate authority) {
        return RevocationList.fromCrl(Pem.readCrl(file), authority);
    }

    /** Reloads the list if the file changed since the last look. @return true if a new list took effect */
    public synchronized boolean check() {
        Object seen = fingerprint();
        if (seen.equals(lastSeen)) {
            return false;
        }
        lastSeen = seen;
        if (seen instanceof Missing) {
            Logger.warn(
                    "revocation list {} is missing; keeping the {} revoked serials already loaded",
                    file,
                    revocations.current().size());
            return false;
        }
        try {
            RevocationList list = read(file, authority);
            revocations.replace(list);
            Logger.info("revocation list {} loaded: {} revoked certificate(s)", file, list.size());
            return true;
        } catch (KeyFileException | IllegalArgumentException e) {
            Logger.error("revocation list {} refused, keeping the previous one: {}", file, e.getMessage());
            return false;
        }
    }

    private record Missing() {}

    private record Seen(long modifiedMillis, long size, Object key) {}

    private Object fingerprint() {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return new Seen(a.lastModifiedTime().toMillis(), a.size(), a.fileKey());
        } catch (NoSuchFileException e) {
            return new Missing();
        } catch (IOException e) {
            return new Missing();
        }
    }
}
