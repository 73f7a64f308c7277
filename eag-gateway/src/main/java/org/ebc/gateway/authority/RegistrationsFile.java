package org.ebc.gateway.authority;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ebc.crypto.KeyId;
import org.ebc.ledger.Registrations;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;
import org.jspecify.annotations.Nullable;
import org.tinylog.Logger;

/**
 * The authority's {@code registrations.ebc} ({@link Registrations}): who is registered where, signed with
 * {@code ca.key}. Rewritten by every change of the registry that alters it, at a higher revision: the revision is
 * the previous one plus one, or the authority's clock in milliseconds if that is higher, so that a lost file does
 * not restart the count below what the EAGs already hold.
 */
public final class RegistrationsFile {
    public static final String NAME = "registrations.ebc";

    private RegistrationsFile() {}

    /** What the registry says, as registrations: every node with a home, its wallets, and whether it is active. */
    static List<Registrations.Node> nodes(AuthorityRegistry registry, Instant now) {
        // One pass over the certificates and the bindings: an authority of ten thousand meters writes this at
        // every command, and the registry's lookups by id are linear.
        Map<String, IssuedEntry> newest = new java.util.LinkedHashMap<>();
        registry.nodes().forEach(e -> newest.put(e.id(), e)); // issue order: the last one per id is the newest
        Map<NodeId, List<WalletAddress>> bound = new java.util.HashMap<>();
        registry.walletBindings().forEach(b -> bound.put(b.node(), b.addresses()));
        Set<String> ids = newest.keySet();
        Map<NodeId, EagId> homes = registry.contents().homes();
        List<Registrations.Node> out = new ArrayList<>();
        List<NodeId> homeless = new ArrayList<>();
        for (String id : ids) {
            NodeId node = NodeId.of(id);
            EagId home = homes.get(node);
            if (home == null) {
                homeless.add(node);
                continue;
            }
            List<WalletAddress> wallets = bound.getOrDefault(node, List.of());
            out.add(new Registrations.Node(node, home, revokedAt(registry, newest.get(id), now), wallets));
        }
        if (!homeless.isEmpty()) {
            Logger.warn(
                    "authority: {} node(s) have no home EAG and are left out of {} (give each one with `authority home`): {}",
                    homeless.size(),
                    NAME,
                    homeless);
        }
        return out;
    }

    /**
     * When the node's registration ended: the revocation time of its newest certificate, if that is revoked (a node
     * enrolled again has a new certificate and is registered; one revoked only in the CRL, after a crash before the
     * registry was written, counts from the CRL's revocation date). Expiry is not revocation: the home EAG refuses an expired certificate.
     */
    private static @Nullable Long revokedAt(AuthorityRegistry registry, IssuedEntry latest, Instant now) {
        if (!registry.isRevoked(latest)) {
            return null;
        }
        if (latest.revocation() == null) {
            // Revoked only in the CRL: its revocation date, so that every later document says the same.
            java.security.cert.X509CRLEntry e = registry.crl().getRevokedCertificate(latest.serial());
            return e == null ? now.toEpochMilli() : e.getRevocationDate().getTime();
        }
        return latest.revocation().at().toEpochMilli();
    }

    /** Writes a new revision into {@code dir} if what it says differs from the file there. @return true if written */
    static boolean update(Path dir, AuthorityRegistry registry, PrivateKey caKey, X509Certificate root, Instant now) {
        List<Registrations.Node> nodes = nodes(registry, now);
        Path file = dir.resolve(NAME);
        Optional<Registrations> previous = read(file, root);
        if (previous.isPresent() && Arrays.equals(previous.get().content(), Registrations.content(nodes))) {
            return false;
        }
        long seq = Math.max(previous.map(p -> p.seq() + 1).orElse(1L), now.toEpochMilli());
        byte[] raw = Registrations.sign(
                registry.authorityName(), seq, now.toEpochMilli(), nodes, caKey, KeyId.of(root.getPublicKey()));
        AuthorityDirectory.writeAtomically(file, raw);
        return true;
    }

    /** The file's registrations if it exists and verifies under {@code root}; a damaged one is logged and ignored. */
    public static Optional<Registrations> read(Path file, X509Certificate root) {
        byte[] raw;
        try {
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            Logger.warn("authority: cannot read {}: {}", file, e.getMessage());
            return Optional.empty();
        }
        var v = Registrations.verify(raw, root);
        if (!v.isOk()) {
            Logger.warn("authority: {} does not verify ({}: {}); writing a new one", file, v.reason(), v.detail());
            return Optional.empty();
        }
        return Optional.of(v.orElseThrow());
    }
}
