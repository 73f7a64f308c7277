package org.ebc.gateway.authority;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.ebc.crypto.CertificateRole;
import org.ebc.crypto.KeyFileException;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.Pem;
import org.ebc.units.NodeId;

/**
 * The queue of meters asking to be enrolled, kept in the authority's directory so that a freshly flashed
 * meter needs nobody to carry its files: the enrollment service ({@link EnrollmentService}) stores each
 * meter's {@code node.csr} and {@code wallets.req} here, the operator lists them ({@code authority pending})
 * and approves them ({@code authority approve}, which issues the certificate and binds the wallets), and the
 * meter fetches its certificate. Nothing here is signed or trusted: approval checks everything again.
 *
 * <pre>
 * DIR/enrollment/token                      the site's enrollment token (hex, mode 0600), written into bundles
 * DIR/enrollment/requests/&lt;node&gt;/node.csr   as the meter sent it
 * DIR/enrollment/requests/&lt;node&gt;/wallets.req
 * DIR/enrollment/requests/&lt;node&gt;/from       when and from which address it arrived
 * </pre>
 *
 * <p>Thread-safe: submissions are serialised (the service is the only writer besides approve/reject, which
 * remove whole requests).
 */
public final class EnrollmentRequests {
    /** Far above a real CSR (~0.5 KiB) or wallet request (16 wallets ~6 KiB). */
    public static final int MAX_FILE_BYTES = 64 * 1024;
    /** Requests kept at most: a flood of invented node ids cannot fill the disk. */
    public static final int MAX_PENDING = 10_000;

    static final String CSR = "node.csr";
    static final String WALLETS = "wallets.req";
    static final String FROM = "from";

    private final Path root;
    private final Path requests;
    private final int maxPending;

    public EnrollmentRequests(Path authorityDir) {
        this(authorityDir, MAX_PENDING);
    }

    /** With another limit on waiting requests (tests). */
    EnrollmentRequests(Path authorityDir, int maxPending) {
        this.root = authorityDir.resolve("enrollment");
        this.requests = root.resolve("requests");
        this.maxPending = maxPending;
    }

    /** What a submission did. */
    public enum Outcome {
        /** Stored (or replaced while the node's request was incomplete). */
        STORED,
        /** The same file was already there. */
        UNCHANGED,
        /** The node already asked with another key: the operator must reject that request first. */
        CONFLICT,
        /** Not a node CSR for this id, or too large. */
        REFUSED,
        /** {@value #MAX_PENDING} requests are waiting already. */
        FULL
    }

    /** One request waiting for the operator. */
    public record Pending(NodeId node, String meterSerial, KeyId keyId, boolean complete, String from) {}

    /** The site's enrollment token, created on first use. */
    public synchronized String token() {
        Path file = root.resolve("token");
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.US_ASCII).strip();
            }
            Files.createDirectories(root);
            byte[] secret = new byte[24];
            new SecureRandom().nextBytes(secret);
            String token = HexFormat.of().formatHex(secret);
            writeOwnerOnly(file, token.getBytes(StandardCharsets.US_ASCII));
            return token;
        } catch (IOException e) {
            throw new KeyFileException(file, "cannot read or create the enrollment token: " + e.getMessage(), e);
        }
    }

    /** True if {@code presented} is the token (compared in constant time). */
    public boolean acceptsToken(String presented) {
        return presented != null
                && MessageDigest.isEqual(
                        presented.getBytes(StandardCharsets.US_ASCII), token().getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Stores the meter's CSR.
     *
     * @param from who sent it, for the operator
     */
    public synchronized Outcome submitCsr(NodeId node, byte[] pem, String from, Instant at) {
        if (pem.length > MAX_FILE_BYTES) {
            return Outcome.REFUSED;
        }
        Path dir = requests.resolve(node.value());
        if (!Files.isDirectory(dir) && count() >= maxPending) {
            return Outcome.FULL;
        }
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(CSR + ".new");
            writeOwnerOnly(tmp, pem);
            Optional<CsrReview> review = review(tmp);
            if (review.isEmpty()
                    || !review.get().isOk()
                    || !review.get().subject().id().equals(node.value())) {
                Files.delete(tmp);
                return Outcome.REFUSED;
            }
            Path current = dir.resolve(CSR);
            if (Files.exists(current)) {
                Optional<CsrReview> old = review(current);
                if (Arrays.equals(Files.readAllBytes(current), pem)) {
                    Files.delete(tmp);
                    return Outcome.UNCHANGED;
                }
                if (old.isPresent()
                        && old.get().isOk()
                        && !KeyId.of(old.get().publicKey())
                                .equals(KeyId.of(review.get().publicKey()))) {
                    Files.delete(tmp);
                    return Outcome.CONFLICT;
                }
            }
            Files.move(tmp, current, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            writeOwnerOnly(dir.resolve(FROM), (at + " " + from).getBytes(StandardCharsets.UTF_8));
            return Outcome.STORED;
        } catch (IOException e) {
            throw new KeyFileException(dir, "cannot store the enrollment request: " + e.getMessage(), e);
        }
    }

    /** Stores the meter's wallet-binding request (after its CSR). */
    public synchronized Outcome submitWallets(NodeId node, byte[] request) {
        Path dir = requests.resolve(node.value());
        if (request.length > MAX_FILE_BYTES || !Files.exists(dir.resolve(CSR))) {
            return Outcome.REFUSED;
        }
        try {
            Path current = dir.resolve(WALLETS);
            if (Files.exists(current) && Arrays.equals(Files.readAllBytes(current), request)) {
                return Outcome.UNCHANGED;
            }
            writeOwnerOnly(current, request);
            return Outcome.STORED;
        } catch (IOException e) {
            throw new KeyFileException(dir, "cannot store the wallet request: " + e.getMessage(), e);
        }
    }

    /** The requests waiting, in node-id order. */
    public List<Pending> pending() {
        List<Pending> out = new ArrayList<>();
        if (!Files.isDirectory(requests)) {
            return out;
        }
        try (Stream<Path> dirs = Files.list(requests)) {
            for (Path d : dirs.sorted(Comparator.comparing(Path::toString)).toList()) {
                String id = d.getFileName().toString();
                Optional<CsrReview> r = NodeId.isValid(id) ? review(d.resolve(CSR)) : Optional.empty();
                if (r.isEmpty() || !r.get().isOk()) {
                    continue;
                }
                String from = Files.exists(d.resolve(FROM))
                        ? Files.readString(d.resolve(FROM)).strip()
                        : "?";
                out.add(new Pending(
                        NodeId.of(id),
                        r.get().subject().meterSerial(),
                        KeyId.of(r.get().publicKey()),
                        Files.exists(d.resolve(WALLETS)),
                        from));
            }
        } catch (IOException e) {
            throw new KeyFileException(requests, "cannot list enrollment requests: " + e.getMessage(), e);
        }
        return out;
    }

    /** A node's request files. */
    public record Request(PKCS10CertificationRequest csr, byte[] walletsRequest) {}

    /** @throws AuthorityRefusal if the node has no complete request */
    public Request read(NodeId node) {
        Path dir = requests.resolve(node.value());
        if (!Files.exists(dir.resolve(CSR)) || !Files.exists(dir.resolve(WALLETS))) {
            throw new AuthorityRefusal(
                    RefusalReason.UNKNOWN_NODE,
                    "no complete enrollment request from node '" + node + "' (see `authority pending`)");
        }
        try {
            return new Request(Pem.readCsr(dir.resolve(CSR)), Files.readAllBytes(dir.resolve(WALLETS)));
        } catch (IOException e) {
            throw new KeyFileException(dir, "cannot read the request: " + e.getMessage(), e);
        }
    }

    /** Forgets a node's request (after approval, or to reject it). @return false if there was none */
    public synchronized boolean remove(NodeId node) {
        Path dir = requests.resolve(node.value());
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                Files.delete(f);
            }
            Files.delete(dir);
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new KeyFileException(dir, "cannot remove the request: " + e.getMessage(), e);
        }
    }

    private int count() {
        if (!Files.isDirectory(requests)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(requests)) {
            return (int) s.count();
        } catch (IOException e) {
            throw new KeyFileException(requests, "cannot list enrollment requests: " + e.getMessage(), e);
        }
    }

    private static Optional<CsrReview> review(Path csr) {
        try {
            return Optional.of(CsrReview.of(Pem.readCsr(csr), CertificateRole.NODE));
        } catch (RuntimeException e) {
            // KeyFileException included: an unreadable or foreign file is simply not a request.
            return Optional.empty();
        }
    }

    private static void writeOwnerOnly(Path file, byte[] content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(tmp, content);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
