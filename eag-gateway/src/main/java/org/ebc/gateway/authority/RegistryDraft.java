package org.ebc.gateway.authority;

import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;

/**
 * Changes to an authority's registry, made in memory and then written at once by
 * {@link CertificateAuthority}: one command is one draft, and so is a whole batch of enrollments, so that
 * enrolling a thousand simulated meters writes the registry once rather than a thousand times. Not
 * thread-safe; used under the directory's lock.
 */
final class RegistryDraft {
    private final AuthorityRegistry base;
    private final List<IssuedEntry> entries;
    private final List<WalletBinding> bindings;
    private final Map<NodeId, EagId> homes;
    private final Map<String, X509Certificate> handBack = new LinkedHashMap<>();
    private BigInteger nextSerial;
    private boolean revocationsChanged;
    private boolean changed;

    RegistryDraft(AuthorityRegistry base) {
        this.base = base;
        this.entries = new ArrayList<>(base.contents().certificates());
        this.bindings = new ArrayList<>(base.contents().walletBindings());
        this.homes = new java.util.TreeMap<>(base.contents().homes());
        this.nextSerial = base.contents().nextSerial();
    }

    /** The registry as it was read, before this draft. */
    AuthorityRegistry base() {
        return base;
    }

    /** The registry as it would be with this draft applied (the CRL is still the one on disk). */
    AuthorityRegistry view() {
        return AuthorityRegistry.of(base.directory(), base.root(), base.crl(), base.revocationList(), contents());
    }

    RegistryContents contents() {
        return new RegistryContents(base.authorityName(), nextSerial, entries, bindings, homes);
    }

    /** The next serial, never handed out twice. */
    BigInteger takeSerial() {
        BigInteger s = nextSerial;
        nextSerial = nextSerial.add(BigInteger.ONE);
        return s;
    }

    /** Records a new certificate, to be handed out as {@code issued/<id>.crt}. */
    void add(IssuedEntry entry) {
        entries.add(entry);
        handBack.put(entry.id(), entry.certificate());
        changed = true;
    }

    /** Marks {@code targets} revoked; returns them as they now stand. */
    List<IssuedEntry> revoke(Collection<IssuedEntry> targets, RevocationReason reason, Instant at) {
        Set<BigInteger> serials = new HashSet<>();
        targets.forEach(t -> serials.add(t.serial()));
        List<IssuedEntry> done = new ArrayList<>();
        entries.replaceAll(e -> {
            if (!serials.contains(e.serial())) {
                return e;
            }
            IssuedEntry r = e.revoked(at, reason);
            done.add(r);
            return r;
        });
        if (!done.isEmpty()) {
            revocationsChanged = true;
            changed = true;
        }
        return done;
    }

    /** Sets a node's binding, replacing any earlier one. */
    void bind(WalletBinding binding) {
        bindings.removeIf(b -> b.node().equals(binding.node()));
        bindings.add(binding);
        changed = true;
    }

    /** Makes {@code eag} the node's home EAG; true if that changed anything. */
    boolean home(NodeId node, EagId eag) {
        EagId old = homes.put(node, eag);
        boolean differs = !eag.equals(old);
        changed |= differs;
        return differs;
    }

    /** Everything a new CRL must list: what the current CRL lists, and every revoked entry. */
    Set<BigInteger> revokedSerials() {
        Set<BigInteger> s = new HashSet<>(base.revocationList().serials());
        entries.stream().filter(IssuedEntry::isRevoked).forEach(e -> s.add(e.serial()));
        return s;
    }

    boolean revocationsChanged() {
        return revocationsChanged;
    }

    boolean changed() {
        return changed;
    }

    /** Certificates issued in this draft, by id (the newest per id). */
    Map<String, X509Certificate> handBack() {
        return handBack;
    }
}
