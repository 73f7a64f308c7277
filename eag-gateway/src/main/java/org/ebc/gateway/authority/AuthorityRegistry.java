package org.ebc.gateway.authority;

import java.math.BigInteger;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ebc.crypto.CertificateRole;
import org.ebc.crypto.CertificateValidator;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.Pem;
import org.ebc.crypto.RevocationList;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;

/**
 * A read-only snapshot of a registration authority's directory: its root certificate, its revocation
 * list (read from {@code crl.pem} after checking the authority signed it), every certificate it issued
 * and every wallet binding. The gateway's account pool imports nodes and wallet addresses from here; it
 * needs no private key and never changes the directory.
 *
 * <p>Immutable and thread-safe. Load again to see later changes: every file the authority changes is
 * replaced atomically, so a load never sees half a change to one file.
 */
public final class AuthorityRegistry {
    private final Path dir;
    private final X509Certificate root;
    private final X509CRL crl;
    private final RevocationList revocations;
    private final RegistryContents contents;

    private AuthorityRegistry(
            Path dir, X509Certificate root, X509CRL crl, RevocationList revocations, RegistryContents contents) {
        this.dir = dir;
        this.root = root;
        this.crl = crl;
        this.revocations = revocations;
        this.contents = contents;
    }

    /** A registry the authority has just written (no need to read back what it holds in memory). */
    static AuthorityRegistry of(
            Path dir, X509Certificate root, X509CRL crl, RevocationList revocations, RegistryContents contents) {
        return new AuthorityRegistry(dir, root, crl, revocations, contents);
    }

    /**
     * Loads {@code ca.crt}, {@code crl.pem} and {@code registry.json} from {@code dir}.
     *
     * @throws AuthorityRefusal if the directory is not a complete authority, or a file in it is not
     *     what it should be (a CRL or a registered certificate not signed by {@code ca.crt})
     * @throws org.ebc.crypto.KeyFileException if a PEM file is missing or unreadable (the message names it)
     */
    public static AuthorityRegistry load(Path dir) {
        AuthorityDirectory d = new AuthorityDirectory(dir);
        X509Certificate root = Pem.readCertificate(d.caCert());
        X509CRL crl = Pem.readCrl(d.crl());
        RevocationList revocations;
        try {
            revocations = RevocationList.fromCrl(crl, root);
        } catch (IllegalArgumentException e) {
            throw new AuthorityRefusal(
                    RefusalReason.NOT_AN_AUTHORITY,
                    d.crl() + ": not signed by the authority in " + d.caCert() + " (wrong CA)");
        }
        return new AuthorityRegistry(dir, root, crl, revocations, RegistryFile.read(d.registry(), root));
    }

    public Path directory() {
        return dir;
    }

    public String authorityName() {
        return contents.authorityName();
    }

    /** The authority's self-signed root ({@code ca.crt}): the trust anchor of every EAG and node. */
    public X509Certificate root() {
        return root;
    }

    /** The signed revocation list as it is on disk. */
    public X509CRL crl() {
        return crl;
    }

    /** The serials {@code crl.pem} revokes; the list the gateway's validator should use. */
    public RevocationList revocationList() {
        return revocations;
    }

    /** A validator that trusts this authority's root and honours this snapshot's revocation list. */
    public CertificateValidator validator() {
        return new CertificateValidator(root, () -> revocations);
    }

    /** Every certificate issued, in issue order, including replaced, expired and revoked ones. */
    public List<IssuedEntry> certificates() {
        return contents.certificates();
    }

    public List<IssuedEntry> nodes() {
        return ofRole(CertificateRole.NODE);
    }

    public List<IssuedEntry> eags() {
        return ofRole(CertificateRole.EAG);
    }

    private List<IssuedEntry> ofRole(CertificateRole role) {
        return contents.certificates().stream().filter(e -> e.role() == role).toList();
    }

    /**
     * True if the entry is revoked in the registry or in {@code crl.pem}. The authority signs the CRL
     * before it records the revocation in the registry, so after a crash in between the CRL knows more.
     */
    public boolean isRevoked(IssuedEntry e) {
        return e.isRevoked() || revocations.isRevoked(e.serial());
    }

    /** Serials revoked in the registry or in the CRL. */
    public Set<BigInteger> revokedSerials() {
        Set<BigInteger> s = new HashSet<>(revocations.serials());
        for (IssuedEntry e : contents.certificates()) {
            if (e.isRevoked()) {
                s.add(e.serial());
            }
        }
        return Set.copyOf(s);
    }

    /** The newest certificate for {@code id} that is not revoked and is valid at {@code at}. */
    public Optional<IssuedEntry> current(String id, Instant at) {
        List<IssuedEntry> all = contents.certificates();
        for (int i = all.size() - 1; i >= 0; i--) {
            IssuedEntry e = all.get(i);
            if (e.id().equals(id) && e.isValidAt(at) && !isRevoked(e)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** The newest certificate ever issued for {@code id}, whatever its state. */
    public Optional<IssuedEntry> latest(String id) {
        List<IssuedEntry> all = contents.certificates();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).id().equals(id)) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    public Optional<IssuedEntry> bySerial(BigInteger serial) {
        return contents.certificates().stream()
                .filter(e -> e.serial().equals(serial))
                .findFirst();
    }

    /** The newest node certificate that certifies the key with this id. */
    public Optional<IssuedEntry> nodeByKey(KeyId keyId) {
        List<IssuedEntry> all = contents.certificates();
        for (int i = all.size() - 1; i >= 0; i--) {
            IssuedEntry e = all.get(i);
            if (e.role() == CertificateRole.NODE && e.keyId().equals(keyId)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /** The EAG where the node is at home (the only one that admits its spends), if the authority has named one. */
    public Optional<org.ebc.units.EagId> homeOf(NodeId node) {
        return Optional.ofNullable(contents.homes().get(node));
    }

    public List<WalletBinding> walletBindings() {
        return contents.walletBindings();
    }

    public Optional<WalletBinding> walletsOf(NodeId node) {
        return contents.walletBindings().stream()
                .filter(b -> b.node().equals(node))
                .findFirst();
    }

    /** The node a wallet address is bound to. */
    public Optional<NodeId> ownerOf(WalletAddress address) {
        for (WalletBinding b : contents.walletBindings()) {
            if (b.addresses().contains(address)) {
                return Optional.of(b.node());
            }
        }
        return Optional.empty();
    }

    /** The public key behind a bound wallet address, to check that wallet's signatures. */
    public Optional<PublicKey> walletKey(WalletAddress address) {
        for (WalletBinding b : contents.walletBindings()) {
            for (WalletBinding.Wallet w : b.wallets()) {
                if (w.address().equals(address)) {
                    return Optional.of(w.publicKey());
                }
            }
        }
        return Optional.empty();
    }

    RegistryContents contents() {
        return contents;
    }
}
