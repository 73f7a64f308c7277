package org.ebc.gateway.authority;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.ebc.units.NodeId;
import org.tinylog.Logger;

/**
 * The authority's enrollment service ({@code eag-gateway authority serve}): plain HTTP that freshly flashed
 * meters reach with the site's enrollment token from their bundle. It only queues what they send
 * ({@link EnrollmentRequests}) and hands out certificates the operator has already issued; it never opens
 * the CA key and signs nothing. Nothing it serves is secret (CSRs and certificates are public; a meter checks
 * that its certificate chains to the {@code ca.crt} of its bundle and certifies its own key), so TLS would add
 * nothing but a second trust anchor to distribute. The token keeps strangers' requests out of the queue;
 * the operator's approval is the check.
 *
 * <pre>
 * PUT /v1/requests/&lt;node&gt;/node.csr      201 stored, 200 unchanged, 409 another key asked first, 400 not a node CSR
 * PUT /v1/requests/&lt;node&gt;/wallets.req   201 stored, 200 unchanged, 400 before the CSR
 * GET /v1/certificates/&lt;node&gt;           200 issued/&lt;node&gt;.crt, 404 not issued yet
 * GET /v1/crl.pem                         200 the current revocation list
 * every request: Authorization: Bearer &lt;token&gt;, else 401
 * </pre>
 *
 * Thread-safe; {@link #close} stops it.
 */
public final class EnrollmentService implements AutoCloseable {
    private static final String PREFIX_REQUESTS = "/v1/requests/";
    private static final String PREFIX_CERTIFICATES = "/v1/certificates/";

    private final HttpServer server;
    private final ExecutorService threads;

    private EnrollmentService(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /** Starts serving the authority in {@code authorityDir} on {@code address}. */
    public static EnrollmentService start(Path authorityDir, InetSocketAddress address, Clock clock)
            throws IOException {
        EnrollmentRequests queue = new EnrollmentRequests(authorityDir);
        queue.token();
        HttpServer server = HttpServer.create(address, 64);
        ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "ebc-enrollment");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/v1/", exchange -> {
            try (exchange) {
                handle(exchange, authorityDir, queue, clock);
            } catch (RuntimeException e) {
                Logger.warn(
                        "enrollment service: {} {} failed: {}",
                        exchange.getRequestMethod(),
                        exchange.getRequestURI(),
                        e.getMessage());
            }
        });
        server.start();
        Logger.info("enrollment service for {} listening on {}", authorityDir, server.getAddress());
        return new EnrollmentService(server, threads);
    }

    /** The address it listens on (the chosen port when started on port 0). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    private static void handle(HttpExchange x, Path authorityDir, EnrollmentRequests queue, Clock clock)
            throws IOException {
        String auth = x.getRequestHeaders().getFirst("Authorization");
        String from = x.getRemoteAddress().getAddress().getHostAddress();
        if (auth == null
                || !auth.startsWith("Bearer ")
                || !queue.acceptsToken(auth.substring(7).strip())) {
            reply(x, 401, "the enrollment token of this site's bundle is required");
            return;
        }
        String path = x.getRequestURI().getPath();
        String method = x.getRequestMethod();
        if (method.equals("GET") && path.equals("/v1/crl.pem")) {
            replyFile(x, authorityDir.resolve(AuthorityDirectory.CRL));
            return;
        }
        if (method.equals("GET") && path.startsWith(PREFIX_CERTIFICATES)) {
            String id = path.substring(PREFIX_CERTIFICATES.length());
            if (!NodeId.isValid(id)) {
                reply(x, 400, "not a node id");
                return;
            }
            Path cert = new AuthorityDirectory(authorityDir).issuedCertificate(id);
            if (!Files.exists(cert)) {
                reply(x, 404, "no certificate issued for " + id + " yet; waiting for the operator's approval");
                return;
            }
            replyFile(x, cert);
            return;
        }
        if (method.equals("PUT") && path.startsWith(PREFIX_REQUESTS)) {
            String[] parts = path.substring(PREFIX_REQUESTS.length()).split("/", -1);
            if (parts.length != 2 || !NodeId.isValid(parts[0])) {
                reply(x, 400, "expected /v1/requests/<node id>/node.csr or /wallets.req");
                return;
            }
            NodeId node = NodeId.of(parts[0]);
            byte[] body = readAtMost(x.getRequestBody(), EnrollmentRequests.MAX_FILE_BYTES + 1);
            EnrollmentRequests.Outcome o = switch (parts[1]) {
                case EnrollmentRequests.CSR -> queue.submitCsr(node, body, from, clock.instant());
                case EnrollmentRequests.WALLETS -> queue.submitWallets(node, body);
                default -> null;
            };
            if (o == null) {
                reply(x, 400, "expected node.csr or wallets.req");
                return;
            }
            if (o != EnrollmentRequests.Outcome.UNCHANGED) {
                Logger.info("enrollment request from {} for node {} ({}): {}", from, node, parts[1], o);
            }
            switch (o) {
                case STORED -> reply(x, 201, "stored; waiting for the operator's approval");
                case UNCHANGED -> reply(x, 200, "already stored");
                case CONFLICT ->
                    reply(
                            x,
                            409,
                            "node " + node
                                    + " already asked with another key; the operator must reject that request first");
                case REFUSED -> reply(x, 400, "not a usable node request for " + node);
                case FULL -> reply(x, 507, "too many requests are waiting");
            }
            return;
        }
        reply(x, 404, "unknown request");
    }

    private static byte[] readAtMost(InputStream in, int max) throws IOException {
        return in.readNBytes(max);
    }

    private static void replyFile(HttpExchange x, Path file) throws IOException {
        byte[] body = Files.readAllBytes(file);
        x.getResponseHeaders().set("Content-Type", "application/x-pem-file");
        x.sendResponseHeaders(200, body.length);
        try (OutputStream o = x.getResponseBody()) {
            o.write(body);
        }
    }

    private static void reply(HttpExchange x, int status, String text) throws IOException {
        byte[] body = (text + "\n").getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        x.sendResponseHeaders(status, body.length);
        try (OutputStream o = x.getResponseBody()) {
            o.write(body);
        }
    }

    @Override
    public void close() {
        server.stop(1);
        threads.shutdownNow();
    }
}
