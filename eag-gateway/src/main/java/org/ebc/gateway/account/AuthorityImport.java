package org.ebc.gateway.account;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ebc.crypto.KeyFileException;
import org.ebc.crypto.RevocationList;
import org.ebc.gateway.authority.AuthorityRefusal;
import org.ebc.gateway.authority.AuthorityRegistry;
import org.ebc.gateway.authority.IssuedEntry;
import org.ebc.gateway.authority.WalletBinding;
import org.ebc.wallet.WalletAddress;
import org.tinylog.Logger;

/**
 * Keeps the account pool in step with a registration authority's directory ({@code authority.dir}):
 * each node's current certificate (newest, valid, not revoked) is admitted like one from MQTT, each
 * wallet binding is recorded, and the revocation list becomes the registry's revoked serials (the CRL's
 * and the registry's together). Re-read whenever {@code registry.json} or {@code crl.pem} changes.
 *
 * <p>Thread-safe ({@link #check()} is synchronized).
 */
public final class AuthorityImport {
    private final Path dir;
    private final Revocations revocations;
    private final CertificateAdmission admission;
    private final AccountPool pool;
    private final Clock clock;
    private final org.ebc.units.@org.jspecify.annotations.Nullable EagId self;
    private List<Object> lastSeen;

    public AuthorityImport(
            Path dir, Revocations revocations, CertificateAdmission admission, AccountPool pool, Clock clock) {
        this(dir, revocations, admission, pool, clock, null);
    }

    /**
     * @param self this gateway's EAG: a node the authority says is at home at another EAG is not imported here (only
     *     its home EAG admits it); null imports every node
     */
    public AuthorityImport(
            Path dir,
            Revocations revocations,
            CertificateAdmission admission,
            AccountPool pool,
            Clock clock,
            org.ebc.units.@org.jspecify.annotations.Nullable EagId self) {
        this.self = self;
        this.dir = dir;
        this.revocations = revocations;
        this.admission = admission;
        this.pool = pool;
        this.clock = clock;
    }

    /** Reads the directory; a missing or damaged authority is an exception naming the file. */
    public static AuthorityRegistry load(Path dir) {
        return AuthorityRegistry.load(dir);
    }

    /** Re-imports if the authority's files changed. @return true if it imported */
    public synchronized boolean check() {
        List<Object> seen = List.of(fingerprint(dir.resolve("registry.json")), fingerprint(dir.resolve("crl.pem")));
        if (seen.equals(lastSeen)) {
            return false;
        }
        lastSeen = seen;
        try {
            apply(load(dir));
            return true;
        } catch (AuthorityRefusal | KeyFileException e) {
            Logger.error(
                    "authority directory {} not imported, keeping what was loaded before: {}", dir, e.getMessage());
            return false;
        }
    }

    /** What one import did. */
    public record Summary(
            int nodesBound, int nodesUnchanged, int nodesRefused, int walletsBound, int walletsRefused, int revoked) {}

    public synchronized Summary apply(AuthorityRegistry registry) {
        revocations.replace(RevocationList.of(registry.revokedSerials()));
        int bound = 0;
        int unchanged = 0;
        int refused = 0;
        Set<String> ids = new LinkedHashSet<>();
        Set<String> elsewhere = new LinkedHashSet<>();
        for (IssuedEntry e : registry.nodes()) {
            org.ebc.units.NodeId node = org.ebc.units.NodeId.of(e.id());
            if (self != null
                    && registry.homeOf(node).filter(h -> !h.equals(self)).isPresent()) {
                elsewhere.add(e.id());
            } else {
                ids.add(e.id());
            }
        }
        for (String id : ids) {
            Optional<IssuedEntry> current = registry.current(id, clock.instant());
            if (current.isEmpty()) {
                continue;
            }
            CertificateAdmission.Outcome o =
                    admission.admit(List.of(current.get().certificate()), null, "authority");
            if (!o.admitted()) {
                refused++;
                Logger.warn("authority import: node {} not bound: {}: {}", id, o.refusal(), o.detail());
            } else if (o.changed()) {
                bound++;
            } else {
                unchanged++;
            }
        }
        int walletsBound = 0;
        int walletsRefused = 0;
        for (WalletBinding b : registry.walletBindings()) {
            if (elsewhere.contains(b.node().value())) {
                continue;
            }
            List<String> problems = new ArrayList<>();
            for (WalletAddress a : b.addresses()) {
                switch (pool.bindWallet(a, b.node())) {
                    case BOUND -> walletsBound++;
                    case ALREADY_BOUND -> {}
                    case BOUND_TO_OTHER_NODE -> problems.add(a + " belongs to another node");
                    case UNKNOWN_NODE -> problems.add(a + ": node has no valid certificate here");
                }
            }
            walletsRefused += problems.size();
            if (!problems.isEmpty()) {
                Logger.warn(
                        "authority import: wallets of node {} not bound: {}", b.node(), String.join("; ", problems));
            }
        }
        Summary s = new Summary(
                bound,
                unchanged,
                refused,
                walletsBound,
                walletsRefused,
                registry.revokedSerials().size());
        Logger.info(
                "authority {} imported from {}: {} node certificate(s) bound, {} unchanged, {} refused; {} wallet(s) bound; {} revoked serial(s){}",
                registry.authorityName(),
                dir,
                bound,
                unchanged,
                refused,
                walletsBound,
                s.revoked(),
                elsewhere.isEmpty() ? "" : "; " + elsewhere.size() + " node(s) at home at other EAGs left to them");
        return s;
    }

    private static Object fingerprint(Path file) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            return List.of(a.lastModifiedTime().toMillis(), a.size(), String.valueOf(a.fileKey()));
        } catch (IOException e) {
            return "missing";
        }
    }
}
