package org.ebc.agent.enroll;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.function.Consumer;
import org.ebc.config.ConfigException;
import org.ebc.config.Settings;
import org.ebc.crypto.CertificateSubject;
import org.ebc.crypto.KeyFileException;
import org.ebc.crypto.Pem;
import org.ebc.units.MeterSerial;
import org.ebc.units.NodeId;

/**
 * A freshly flashed meter enrolling itself from the site's bundle ({@code meter-agent enroll --bundle}):
 * makes its keys here if it has none ({@link NodeEnrollment}; they never leave the device), installs the
 * bundle's {@code ca.crt}, sends {@code node.csr} and {@code wallets.req} to the authority's enrollment
 * service, and polls until the operator has approved it and its certificate is there, which it installs only
 * if {@link CertificateInstallation} finds it usable (chains to the bundle's root, certifies this key, names
 * this node and meter). Safe to run again after a reboot: it picks up where it stopped.
 * Not thread-safe (one enrollment per key directory).
 */
public final class BundleEnrollment {
    private final Path bundle;
    private final Path keyDir;
    private final Clock clock;
    private final Consumer<String> log;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private URI base;
    private String token;

    /** The outcome: null {@code problem} when the certificate is installed and usable. */
    public record Result(String problem, CertificateInstallation.Check check) {}

    public BundleEnrollment(Path bundle, Path keyDir, Clock clock, Consumer<String> log) {
        this.bundle = bundle;
        this.keyDir = keyDir;
        this.clock = clock;
        this.log = log;
    }

    /**
     * @param wait how long to wait for the operator's approval in total
     * @param poll the longest time between two questions to the service: the first come after 2 s and the gap
     *     doubles up to {@code poll}, so an approval given right away is picked up within seconds
     */
    public Result enroll(NodeId node, MeterSerial meter, int wallets, Duration wait, Duration poll)
            throws InterruptedException {
        readBundle();
        X509Certificate root = Pem.readCertificate(bundle.resolve(NodeEnrollment.CA_CERTIFICATE));
        Path csr = keyDir.resolve(NodeEnrollment.NODE_CSR);
        if (!Files.exists(keyDir.resolve(NodeEnrollment.NODE_KEY))) {
            NodeEnrollment.Result r = NodeEnrollment.enroll(keyDir, node, meter, wallets, clock);
            log.accept("created the keys of node " + node + " (key id " + r.nodeKeyId() + ") in " + keyDir);
        } else {
            CertificateSubject asked = CertificateSubject.fromX500Name(
                            Pem.readCsr(csr).getSubject())
                    .orElse(null);
            if (asked == null
                    || !asked.id().equals(node.value())
                    || !asked.meterSerial().equals(meter.value())) {
                return new Result(
                        keyDir + " already holds the keys of " + asked + ", not of node " + node + " (meter " + meter
                                + "); enroll that node, or move the directory's contents away",
                        null);
            }
            log.accept("using the keys already in " + keyDir);
        }
        Path ca = keyDir.resolve(NodeEnrollment.CA_CERTIFICATE);
        if (!Files.exists(ca)) {
            Pem.writePublic(ca, root);
        } else if (!Pem.readCertificate(ca).equals(root)) {
            return new Result(ca + " is another authority's root than the bundle's " + bundle.resolve("ca.crt"), null);
        }
        CertificateInstallation.Check installed = CertificateInstallation.check(keyDir, clock);
        if (installed.isOk()) {
            return new Result(null, installed);
        }
        Instant deadline = clock.instant().plus(wait);
        Duration gap = poll.compareTo(Duration.ofSeconds(2)) < 0 ? poll : Duration.ofSeconds(2);
        boolean sent = false;
        while (true) {
            try {
                if (!sent) {
                    put(node, NodeEnrollment.NODE_CSR, Files.readAllBytes(csr));
                    put(
                            node,
                            NodeEnrollment.WALLETS_REQUEST,
                            Files.readAllBytes(keyDir.resolve(NodeEnrollment.WALLETS_REQUEST)));
                    sent = true;
                    log.accept("sent the enrollment request of node " + node + " to " + base
                            + "; waiting for the operator's approval (eag-gateway authority approve)");
                }
                HttpResponse<byte[]> got = http.send(
                        request("v1/certificates/" + node).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
                if (got.statusCode() == 200) {
                    Path cert = keyDir.resolve(NodeEnrollment.NODE_CERTIFICATE);
                    Files.write(cert, got.body());
                    org.ebc.crypto.DirectoryOwner.adopt(cert);
                    CertificateInstallation.Check c = CertificateInstallation.check(keyDir, clock);
                    if (c.isOk()) {
                        log.accept("installed " + cert + ": " + c.subject() + ", valid until " + c.notAfter());
                        return new Result(null, c);
                    }
                    // An older certificate for this id (another key): not ours; wait for the approval of ours.
                    Files.delete(cert);
                    log.accept("the service's certificate for " + node + " is not usable here (" + c.problem()
                            + "); still waiting");
                } else if (got.statusCode() != 404) {
                    return new Result(base + " answered " + got.statusCode() + ": " + text(got.body()), null);
                }
            } catch (IOException e) {
                log.accept("enrollment service " + base + " not reachable (" + e.getMessage() + "); trying again");
            }
            if (!clock.instant().isBefore(deadline)) {
                return new Result("no certificate within " + wait + "; run this again to keep waiting", null);
            }
            Thread.sleep(gap.toMillis());
            gap = gap.multipliedBy(2).compareTo(poll) > 0 ? poll : gap.multipliedBy(2);
        }
    }

    private void put(NodeId node, String name, byte[] body) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(
                request("v1/requests/" + node + "/" + name)
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200 && r.statusCode() != 201) {
            throw new EnrollmentRefused(base + " refused " + name + " (" + r.statusCode() + "): " + text(r.body()));
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token);
    }

    private void readBundle() {
        Path file = bundle.resolve("enroll.properties");
        Settings s = Settings.load(file);
        String url = s.requireString("enroll.url");
        try {
            base = URI.create(url.endsWith("/") ? url : url + "/");
        } catch (IllegalArgumentException e) {
            throw new ConfigException("enroll.url", url, "an http://host:port URL");
        }
        token = s.requireString("enroll.token");
        String expected = s.requireString("authority.fingerprint");
        X509Certificate root = Pem.readCertificate(bundle.resolve(NodeEnrollment.CA_CERTIFICATE));
        if (!fingerprint(root).equalsIgnoreCase(expected)) {
            throw new ConfigException(
                    "authority.fingerprint",
                    expected,
                    "is not the fingerprint of the bundle's ca.crt (" + fingerprint(root) + "): a damaged bundle");
        }
    }

    /** SHA-256 over the DER, as {@code AB:CD:…}, the way the authority prints it. */
    static String fingerprint(X509Certificate c) {
        try {
            String hex = HexFormat.ofDelimiter(":")
                    .withUpperCase()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(c.getEncoded()));
            return hex.toUpperCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new KeyFileException(Path.of("ca.crt"), "cannot fingerprint: " + e.getMessage(), e);
        }
    }

    private static String text(byte[] body) {
        String t = new String(body, java.nio.charset.StandardCharsets.UTF_8).strip();
        return t.length() > 200 ? t.substring(0, 200) + "…" : t;
    }

    /** The service refused a request: waiting will not change that. */
    public static final class EnrollmentRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        EnrollmentRefused(String message) {
            super(message);
        }
    }
}
