package org.ebc.gateway.authority;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ebc.crypto.CertificateRole;
import org.ebc.crypto.DirectoryOwner;
import org.ebc.crypto.KeyDirectory;
import org.ebc.crypto.KeyFileException;
import org.ebc.crypto.Pem;
import org.ebc.gateway.broker.MosquittoAcl;
import org.ebc.units.EagId;

/**
 * What a site Mosquitto needs from the authority, written into its directory ({@code /etc/mosquitto/ebc}):
 * {@code ca.crt} (the only CA whose client certificates it accepts), {@code crl.pem}, {@code ebc.acl} with a
 * section for every EAG the authority has certified and not revoked, and {@code broker.crt}, the newest valid
 * broker certificate. Run again after every {@code issue-eag}, revocation or {@code crl}, then reload
 * Mosquitto. Files written by root there are given to the directory's owner (the {@code mosquitto} user).
 *
 * @param eags the EAGs that got an ACL section
 * @param broker the broker certificate written, if any
 */
public record MosquittoFiles(List<EagId> eags, Optional<IssuedEntry> broker) {

    /**
     * @param brokerName the broker certificate to write; empty for the only (or newest) valid one
     * @throws AuthorityRefusal if {@code brokerName} names no valid broker certificate
     */
    public static MosquittoFiles write(AuthorityRegistry registry, Path dir, Optional<String> brokerName, Instant now) {
        KeyDirectory.requireOwnerOnly(dir);
        Set<EagId> eags = new LinkedHashSet<>();
        List<IssuedEntry> brokers = new ArrayList<>();
        for (IssuedEntry e : registry.certificates()) {
            boolean current = registry.current(e.id(), now)
                    .map(c -> c.serial().equals(e.serial()))
                    .orElse(false);
            if (!current) {
                continue;
            }
            if (e.role() == CertificateRole.EAG) {
                eags.add(EagId.of(e.id()));
            } else if (e.role() == CertificateRole.BROKER
                    && brokerName.map(n -> n.equals(e.id())).orElse(true)) {
                brokers.add(e);
            }
        }
        if (brokerName.isPresent() && brokers.isEmpty()) {
            throw new AuthorityRefusal(
                    RefusalReason.UNKNOWN_CERTIFICATE,
                    "no valid broker certificate named '" + brokerName.get()
                            + "'; issue one with `authority issue-broker`");
        }
        Pem.writePublic(dir.resolve("ca.crt"), registry.root());
        Pem.writePublic(dir.resolve("crl.pem"), registry.crl());
        Optional<IssuedEntry> broker =
                brokers.isEmpty() ? Optional.empty() : Optional.of(brokers.get(brokers.size() - 1));
        broker.ifPresent(b -> Pem.writePublic(dir.resolve("broker.crt"), b.certificate()));
        List<EagId> sections = List.copyOf(eags);
        writeOwnerOnly(dir.resolve("ebc.acl"), MosquittoAcl.file(sections));
        return new MosquittoFiles(sections, broker);
    }

    /** Mosquitto warns about (and will refuse) an ACL that others may read: 0600, atomically. */
    private static void writeOwnerOnly(Path file, String text) {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            DirectoryOwner.adopt(tmp);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new KeyFileException(file, "cannot write: " + e.getMessage(), e);
        }
    }
}
