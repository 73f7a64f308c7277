package org.ebc.gateway.authority;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.ebc.crypto.CertificateRole;
import org.ebc.crypto.CertificateSubject;
import org.ebc.crypto.Certificates;
import org.ebc.crypto.KeyDirectory;
import org.ebc.crypto.KeyFileException;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.KeyPairs;
import org.ebc.crypto.Pem;
import org.ebc.crypto.RevocationList;
import org.ebc.crypto.Signatures;
import org.ebc.units.EagId;
import org.ebc.units.MeterSerial;
import org.ebc.units.NodeId;
import org.jspecify.annotations.Nullable;
import org.tinylog.Logger;

/**
 * The registration authority (the paper's trusted authority, DESIGN §2): a CA whose key never leaves its
 * directory. It certifies EAGs and nodes from their CSRs, binds a node's wallet addresses to it, and
 * revokes. The {@code eag-gateway authority} commands wrap this class; a bench calls it in-process:
 *
 * <pre>
 * CertificateAuthority ca = CertificateAuthority.init(dir, "bench authority", Duration.ofDays(365), clock);
 * KeyPair node = KeyPairs.generate();
 * byte[] wallets = WalletBindingRequest.create(NodeId.of("n1"), node, walletKeys, clock.instant());
 * ca.enrollNodes(List.of(new NodeApplication(Csrs.create(node, CertificateSubject.node("n1", null, "MS-1")), "owner of n1", wallets)));
 * </pre>
 *
 * <p>Every change takes the directory's lock, starts from the registry as it is on disk (another process
 * may have changed it), and writes the CRL before the registry, so that a crash in between leaves a
 * revocation in force rather than recorded but unsigned. Refusals are {@link AuthorityRefusal}s and leave
 * the directory unchanged; unusable files are {@link KeyFileException}s; both name what is wrong.
 * Thread-safe.
 *
 * <p>Changes are logged at debug level only: the CLI prints a fuller account to the operator, the
 * registry keeps the record, and a bench enrolling a thousand simulated meters must not flood the log.
 */
public final class CertificateAuthority {
    public static final Duration DEFAULT_AUTHORITY_VALIDITY = Duration.ofDays(3650);
    public static final Duration DEFAULT_VALIDITY = Duration.ofDays(730);
    public static final Duration DEFAULT_CRL_VALIDITY = Duration.ofDays(90);
    /**
     * Certificates start this long before they are issued: a meter or broker whose clock lags a little
     * must not refuse a certificate that was just handed to it.
     */
    static final Duration BACKDATE = Duration.ofHours(1);
    /** A wallet-binding request dated further ahead than this comes from a meter with a wrong clock. */
    static final Duration MAX_REQUEST_AHEAD = Duration.ofDays(1);

    private final AuthorityDirectory dir;
    private final Clock clock;
    private final PrivateKey caKey;
    private final X509Certificate root;
    /** The last registry read or written, and the stamp of the files it came from (guarded by this). */
    private AuthorityRegistry cached;

    private List<Object> cachedStamp;

    private CertificateAuthority(AuthorityDirectory dir, Clock clock, PrivateKey caKey, X509Certificate root) {
        this.dir = dir;
        this.clock = clock;
        this.caKey = caKey;
        this.root = root;
    }

    /**
     * Creates a new authority in {@code dir} (created with mode 0700 if missing): a P-256 key
     * ({@code ca.key}, 0600), its self-signed certificate ({@code ca.crt}), an empty signed
     * {@code crl.pem} and an empty {@code registry.json}.
     */
    public static CertificateAuthority init(Path dir, String name, Duration validity, Clock clock) {
        return init(dir, name, validity, clock, Optional.empty());
    }

    /**
     * As {@link #init(Path, String, Duration, Clock)}, and with {@code readerGroup} the directory becomes
     * {@code root:<group>} mode 0710 and every public file in it (ca.crt, crl.pem, registry.json, issued/)
     * readable by that group, so that a gateway on this machine ({@code authority.dir}, running as
     * {@code ebc-eag}) can follow the authority live. {@code ca.key} stays 0600, readable by the owner alone.
     */
    public static CertificateAuthority init(
            Path dir, String name, Duration validity, Clock clock, Optional<String> readerGroup) {
        String authorityName = Names.requireAuthorityName(name);
        requirePositive(validity);
        KeyDirectory.prepare(dir);
        readerGroup.ifPresent(g -> AuthorityDirectory.shareWithGroup(dir, g));
        AuthorityDirectory d = new AuthorityDirectory(dir);
        return d.locked(() -> {
            Path existing = d.firstExistingAuthorityFile();
            if (existing != null) {
                throw new AuthorityRefusal(
                        RefusalReason.ALREADY_INITIALISED,
                        existing + " already exists: " + dir
                                + " already holds an authority; refusing to replace it (its certificates would become worthless)");
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
            KeyPair keys = KeyPairs.generate();
            X509Certificate root = Certificates.selfSignedAuthority(
                    keys, authorityName, now.minus(BACKDATE), now.plus(validity), BigInteger.ONE);
            Pem.writePrivateKey(d.caKey(), keys.getPrivate());
            Pem.writePublic(d.caCert(), root);
            CertificateAuthority ca = new CertificateAuthority(d, clock, keys.getPrivate(), root);
            ca.writeCrl(Set.of(), BigInteger.ONE, DEFAULT_CRL_VALIDITY);
            // The registry last: its presence says that init finished.
            RegistryFile.write(
                    d.registry(), new RegistryContents(authorityName, BigInteger.TWO, List.of(), List.of(), Map.of()));
            Logger.debug(
                    "authority '{}' created in {}, valid until {}",
                    authorityName,
                    dir,
                    root.getNotAfter().toInstant());
            return ca;
        });
    }

    /** Opens an existing authority; checks that {@code ca.crt} belongs to {@code ca.key}. */
    public static CertificateAuthority open(Path dir, Clock clock) {
        KeyDirectory.requireOwnerOnly(dir);
        AuthorityDirectory d = new AuthorityDirectory(dir);
        if (d.firstExistingAuthorityFile() == null) {
            throw new AuthorityRefusal(
                    RefusalReason.NOT_AN_AUTHORITY,
                    dir
                            + ": no authority here (no ca.key, ca.crt, crl.pem or registry.json); create one with `authority init`");
        }
        PrivateKey key = Pem.readPrivateKey(d.caKey());
        X509Certificate root = Pem.readCertificate(d.caCert());
        if (!matches(key, root.getPublicKey())) {
            throw new AuthorityRefusal(
                    RefusalReason.NOT_AN_AUTHORITY,
                    d.caCert() + ": does not certify the key in " + d.caKey()
                            + " (replaced by another CA's certificate?)");
        }
        CertificateAuthority ca = new CertificateAuthority(d, clock, key, root);
        ca.registry();
        return ca;
    }

    public Path directory() {
        return dir.dir();
    }

    public X509Certificate root() {
        return root;
    }

    /**
     * The registry as it is on disk now. Read again only when {@code registry.json}, {@code crl.pem} or
     * {@code ca.crt} was replaced since (another process changed the authority): loading checks every
     * certificate's signature, which a bench enrolling a thousand meters must not repeat a thousand times.
     */
    public synchronized AuthorityRegistry registry() {
        List<Object> stamp = dir.stamp();
        if (cached == null || !stamp.equals(cachedStamp)) {
            AuthorityRegistry r = AuthorityRegistry.load(dir.dir());
            if (!r.root().equals(root)) {
                throw new AuthorityRefusal(
                        RefusalReason.NOT_AN_AUTHORITY, dir.caCert() + ": changed while the authority was open");
            }
            cached = r;
            cachedStamp = stamp;
        }
        return cached;
    }

    /**
     * Certifies an EAG from its CSR.
     *
     * @param validity how long; null for {@link #DEFAULT_VALIDITY} or until the authority's own certificate
     *     ends, whichever is sooner (an explicit validity that would outlive the authority is refused)
     */
    public IssuedCertificate issueEag(PKCS10CertificationRequest csr, Duration validity, boolean replace) {
        return issueEag(csr, validity, replace, List.of());
    }

    /**
     * Certifies an EAG from its CSR, naming the hosts (DNS names or IP addresses) under which it serves
     * TLS (subjectAltName): the certificate can then also be the site's Mosquitto server certificate,
     * which agents check against the host they dial.
     *
     * @throws AuthorityRefusal if a host is neither a DNS name nor an IP address
     */
    public IssuedCertificate issueEag(
            PKCS10CertificationRequest csr, Duration validity, boolean replace, List<String> hostNames) {
        for (String h : hostNames) {
            if (!Certificates.isHostName(h)) {
                throw new AuthorityRefusal(
                        RefusalReason.BAD_REQUEST, "--host '" + h + "' is neither a DNS name nor an IP address");
            }
        }
        return change(d -> issue(d, csr, CertificateRole.EAG, null, null, validity, replace, List.copyOf(hostNames)));
    }

    /**
     * Certifies a site broker (Mosquitto) from the CSR {@code eag-gateway enroll-broker} wrote on the broker's
     * host: a TLS server certificate only (it can never log in as a client), naming the hosts meters and
     * gateways dial. The broker has a key of its own, so no EAG key ever leaves its gateway.
     *
     * @throws AuthorityRefusal if no host is given or a host is neither a DNS name nor an IP address
     */
    public IssuedCertificate issueBroker(
            PKCS10CertificationRequest csr, Duration validity, boolean replace, List<String> hostNames) {
        if (hostNames.isEmpty()) {
            throw new AuthorityRefusal(
                    RefusalReason.BAD_REQUEST,
                    "a broker certificate needs at least one --host: the name or address clients connect to");
        }
        for (String h : hostNames) {
            if (!Certificates.isHostName(h)) {
                throw new AuthorityRefusal(
                        RefusalReason.BAD_REQUEST, "--host '" + h + "' is neither a DNS name nor an IP address");
            }
        }
        return change(
                d -> issue(d, csr, CertificateRole.BROKER, null, null, validity, replace, List.copyOf(hostNames)));
    }

    /**
     * Certifies a node from its CSR, binding the node id the CSR asks for, the true identity the
     * operator gives (never the CSR's) and the meter serial.
     *
     * @param meterSerial the serial the operator read off the meter; null to take the CSR's, and if given
     *     it must equal the CSR's
     * @param validity how long; null for {@link #DEFAULT_VALIDITY} or until the authority's own certificate
     *     ends, whichever is sooner (an explicit validity that would outlive the authority is refused)
     */
    public IssuedCertificate enrollNode(
            PKCS10CertificationRequest csr,
            String trueIdentity,
            String meterSerial,
            Duration validity,
            boolean replace) {
        return change(
                d -> issue(d, csr, CertificateRole.NODE, trueIdentity, meterSerial, validity, replace, List.of()));
    }

    /** {@link #enrollNode(PKCS10CertificationRequest, String, String, Duration, boolean)} with defaults. */
    public IssuedCertificate enrollNode(PKCS10CertificationRequest csr, String trueIdentity) {
        return enrollNode(csr, trueIdentity, null, null, false);
    }

    /**
     * Enrolls many nodes and binds their wallets, all or nothing, with one write of the registry (a bench
     * setting up its simulated meters). Validity and meter serial are the defaults of
     * {@link #enrollNode(PKCS10CertificationRequest, String)}.
     */
    public List<EnrolledNode> enrollNodes(List<NodeApplication> applications) {
        return enrollNodes(applications, null);
    }

    /** {@link #enrollNodes(List)}, every node at home at {@code home} (null: as {@link #bindWallets}). */
    public List<EnrolledNode> enrollNodes(List<NodeApplication> applications, @Nullable EagId home) {
        return change(d -> {
            List<EnrolledNode> out = new ArrayList<>();
            for (NodeApplication a : applications) {
                IssuedCertificate c =
                        issue(d, a.csr(), CertificateRole.NODE, a.trueIdentity(), null, null, false, List.of());
                out.add(new EnrolledNode(c, a.walletsRequest() == null ? null : bind(d, a.walletsRequest(), false)));
                if (home != null) {
                    home(d, NodeId.of(c.entry().id()), home);
                }
            }
            return out;
        });
    }

    /** Records a node's wallet addresses from its signed {@code wallets.req}. */
    public BindingOutcome bindWallets(byte[] request, boolean replace) {
        return bindWallets(request, replace, null);
    }

    /**
     * Records a node's wallet addresses from its signed {@code wallets.req}, and makes {@code home} the EAG where it
     * is at home (null: keep its home, or, for a node without one, the authority's only EAG if it has one).
     */
    public BindingOutcome bindWallets(byte[] request, boolean replace, @Nullable EagId home) {
        return change(d -> {
            BindingOutcome outcome = bind(d, request, replace);
            if (home != null) {
                home(d, outcome.binding().node(), home);
            }
            return outcome;
        });
    }

    /**
     * Makes {@code eag} the home EAG of {@code node}: the only EAG that admits the node's spends, as every EAG learns
     * from {@code registrations.ebc}. @return true if that changed its home
     */
    public boolean home(NodeId node, EagId eag) {
        return change(d -> home(d, node, eag));
    }

    private boolean home(RegistryDraft d, NodeId node, EagId eag) {
        AuthorityRegistry view = d.view();
        if (view.nodes().stream().noneMatch(e -> e.id().equals(node.value()))) {
            throw new AuthorityRefusal(
                    RefusalReason.UNKNOWN_NODE, "no node certificate was issued for '" + node + "' by this authority");
        }
        if (view.current(eag.value(), now())
                .filter(e -> e.role() == CertificateRole.EAG)
                .isEmpty()) {
            throw new AuthorityRefusal(
                    RefusalReason.UNKNOWN_CERTIFICATE,
                    "'" + eag
                            + "' holds no valid EAG certificate of this authority (issue one with `authority issue-eag`)");
        }
        return d.home(node, eag);
    }

    /** Nodes without a home get the authority's only EAG, while it has only one (a single-substation site). */
    private void homeAtTheOnlyEag(RegistryDraft d) {
        AuthorityRegistry view = d.view();
        Instant now = now();
        List<String> eags = view.eags().stream()
                .map(IssuedEntry::id)
                .distinct()
                .filter(id -> view.current(id, now).isPresent())
                .toList();
        if (eags.size() != 1) {
            return;
        }
        Map<NodeId, EagId> homes = view.contents().homes();
        view.nodes().stream()
                .map(e -> NodeId.of(e.id()))
                .distinct()
                .filter(n -> !homes.containsKey(n))
                .toList()
                .forEach(n -> d.home(n, EagId.of(eags.get(0))));
    }

    /** Revokes every certificate for {@code id} that is neither revoked nor expired. */
    public List<IssuedEntry> revoke(String id, RevocationReason reason) {
        return change(d -> {
            AuthorityRegistry reg = d.view();
            Instant now = now();
            List<IssuedEntry> all =
                    reg.certificates().stream().filter(e -> e.id().equals(id)).toList();
            if (all.isEmpty()) {
                throw new AuthorityRefusal(
                        RefusalReason.UNKNOWN_CERTIFICATE,
                        "no certificate was issued for id '" + id + "' by this authority");
            }
            List<IssuedEntry> targets = all.stream()
                    .filter(e -> !reg.isRevoked(e) && !now.isAfter(e.notAfter()))
                    .toList();
            if (targets.isEmpty()) {
                throw new AuthorityRefusal(
                        RefusalReason.ALREADY_REVOKED,
                        "every certificate for '" + id + "' is already revoked or expired (serials "
                                + all.stream().map(IssuedEntry::serialHex).toList() + ")");
            }
            return revoked(d.revoke(targets, reason, now));
        });
    }

    /** Revokes the certificate with this serial. */
    public IssuedEntry revoke(BigInteger serial, RevocationReason reason) {
        return change(d -> {
            AuthorityRegistry reg = d.view();
            IssuedEntry e = reg.bySerial(serial)
                    .orElseThrow(() -> new AuthorityRefusal(
                            RefusalReason.UNKNOWN_CERTIFICATE,
                            "no certificate with serial " + serial.toString(16) + " was issued by this authority"));
            if (reg.isRevoked(e)) {
                throw new AuthorityRefusal(
                        RefusalReason.ALREADY_REVOKED,
                        "serial " + e.serialHex() + " (" + e.role().ou() + " " + e.id() + ") is already revoked");
            }
            return revoked(d.revoke(List.of(e), reason, now())).get(0);
        });
    }

    /** Signs the revocation list again with fresh dates (before its next-update date passes). */
    public X509CRL refreshCrl(Duration nextUpdateIn) {
        requirePositive(nextUpdateIn);
        return dir.locked(() -> {
            commit(new RegistryDraft(registry()), nextUpdateIn, true);
            return registry().crl();
        });
    }

    private <T> T change(Function<RegistryDraft, T> work) {
        return dir.locked(() -> {
            RegistryDraft draft = new RegistryDraft(registry());
            T result = work.apply(draft);
            homeAtTheOnlyEag(draft);
            commit(draft, DEFAULT_CRL_VALIDITY, false);
            return result;
        });
    }

    /**
     * Writes a draft: the CRL first (if anything was revoked), then the registry, then the certificates
     * to hand back; and remembers the result, so that the next change need not read it back.
     */
    private synchronized void commit(RegistryDraft d, Duration crlValidity, boolean resignCrl) {
        X509CRL crl = d.base().crl();
        RevocationList revocations = d.base().revocationList();
        if (resignCrl || d.revocationsChanged()) {
            crl = writeCrl(
                    d.revokedSerials(), CrlNumbers.of(d.base().crl(), dir.crl()).add(BigInteger.ONE), crlValidity);
            revocations = RevocationList.fromCrl(crl, root);
        }
        if (d.changed()) {
            RegistryFile.write(dir.registry(), d.contents());
        }
        for (Map.Entry<String, X509Certificate> e : d.handBack().entrySet()) {
            Pem.writePublic(dir.issuedCertificate(e.getKey()), e.getValue());
        }
        if (!d.handBack().isEmpty()) {
            Pem.writePublic(dir.issuedRoot(), root);
        }
        cached = AuthorityRegistry.of(dir.dir(), root, crl, revocations, d.contents());
        if (RegistrationsFile.update(dir.dir(), cached, caKey, root, now())) {
            Logger.debug("authority wrote a new {}", RegistrationsFile.NAME);
        }
        cachedStamp = dir.stamp();
    }

    private IssuedCertificate issue(
            RegistryDraft d,
            PKCS10CertificationRequest csr,
            CertificateRole role,
            String identity,
            String meterSerial,
            Duration validity,
            boolean replace,
            List<String> hostNames) {
        if (validity != null) {
            requirePositive(validity);
        }
        CsrReview review = CsrReview.of(csr, role);
        if (!review.isOk()) {
            throw new AuthorityRefusal(review.refusal(), review.problem());
        }
        CertificateSubject subject = subjectFor(review.subject(), identity, meterSerial);
        PublicKey key = review.publicKey();
        Instant now = now();
        Instant notAfter = validity != null
                ? now.plus(validity)
                : earliest(now.plus(DEFAULT_VALIDITY), root.getNotAfter().toInstant());
        requireRootValidUntil(now, notAfter);
        List<IssuedEntry> superseded =
                d.revoke(new Enrollments(d.view(), now).admit(subject, key, replace), RevocationReason.SUPERSEDED, now);
        BigInteger serial = d.takeSerial();
        X509Certificate cert =
                Certificates.issue(root, caKey, key, subject, now.minus(BACKDATE), notAfter, serial, false, hostNames);
        IssuedEntry entry = new IssuedEntry(
                role,
                subject.id(),
                subject.trueIdentity(),
                subject.meterSerial(),
                serial,
                cert.getNotBefore().toInstant(),
                cert.getNotAfter().toInstant(),
                Fingerprint.of(cert),
                KeyId.of(key),
                null,
                cert);
        d.add(entry);
        Logger.debug(
                "authority issued {} certificate serial {} for {}, valid until {}{}",
                role.ou(),
                entry.serialHex(),
                subject,
                entry.notAfter(),
                superseded.isEmpty()
                        ? ""
                        : ", superseding "
                                + superseded.stream()
                                        .map(IssuedEntry::serialHex)
                                        .toList());
        return new IssuedCertificate(entry, dir.issuedCertificate(subject.id()), dir.issuedRoot(), superseded);
    }

    /** The subject to certify: the CSR's id (and meter serial), the operator's true identity. */
    private static CertificateSubject subjectFor(CertificateSubject asked, String identity, String meterSerial) {
        if (asked.role() == CertificateRole.EAG) {
            return CertificateSubject.eag(asked.id());
        }
        if (asked.role() == CertificateRole.BROKER) {
            return CertificateSubject.broker(asked.id());
        }
        String trueIdentity = Names.requireTrueIdentity(identity);
        if (meterSerial != null && !meterSerial.equals(asked.meterSerial())) {
            if (!MeterSerial.isValid(meterSerial)) {
                throw new AuthorityRefusal(
                        RefusalReason.BAD_NAME,
                        "meter serial '" + meterSerial + "' is not 1-64 characters of [A-Za-z0-9._-]");
            }
            throw new AuthorityRefusal(
                    RefusalReason.METER_SERIAL_MISMATCH,
                    "the request is for meter '" + asked.meterSerial() + "' but the operator gave meter serial '"
                            + meterSerial + "'; check the meter's nameplate and enroll it again");
        }
        return CertificateSubject.node(asked.id(), trueIdentity, asked.meterSerial());
    }

    private BindingOutcome bind(RegistryDraft d, byte[] request, boolean replace) {
        BindingOutcome outcome = new WalletBindings(d.view(), now()).bind(request, replace);
        if (outcome.changed()) {
            d.bind(outcome.binding());
            Logger.debug(
                    "authority bound wallets {} to node {}",
                    outcome.binding().addresses(),
                    outcome.binding().node());
        }
        return outcome;
    }

    private static List<IssuedEntry> revoked(List<IssuedEntry> done) {
        for (IssuedEntry e : done) {
            Logger.debug(
                    "authority revoked {} certificate serial {} of {} ({})",
                    e.role().ou(),
                    e.serialHex(),
                    e.id(),
                    e.revocation().reason().label());
        }
        return done;
    }

    private X509CRL writeCrl(Set<BigInteger> serials, BigInteger number, Duration nextUpdateIn) {
        Instant now = now();
        X509CRL crl = Certificates.revocationList(
                root, caKey, serials.stream().sorted().toList(), now, now.plus(nextUpdateIn), number);
        Pem.writePublic(dir.crl(), crl);
        return crl;
    }

    private static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    /** The authority's time, in whole seconds: X.509 and CRL dates have no finer resolution. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private void requireRootValidUntil(Instant now, Instant notAfter) {
        Instant rootEnd = root.getNotAfter().toInstant();
        if (now.isAfter(rootEnd)) {
            throw new AuthorityRefusal(
                    RefusalReason.AUTHORITY_VALIDITY,
                    dir.caCert() + ": the authority's certificate expired at " + rootEnd);
        }
        if (notAfter.isAfter(rootEnd)) {
            throw new AuthorityRefusal(
                    RefusalReason.AUTHORITY_VALIDITY,
                    "the certificate would be valid until " + notAfter
                            + ", after the authority's own certificate ends (" + rootEnd + "); ask for at most "
                            + Duration.between(now, rootEnd).toDays() + " days");
        }
    }

    private static void requirePositive(Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new AuthorityRefusal(RefusalReason.BAD_NAME, "a validity period must be positive, not " + d);
        }
    }

    private static boolean matches(PrivateKey key, PublicKey certified) {
        // Sign and verify a probe: the only check that works for any key encoding.
        byte[] probe = "ebc authority key check".getBytes(StandardCharsets.US_ASCII);
        return Signatures.verify(certified, probe, Signatures.sign(key, probe));
    }
}
