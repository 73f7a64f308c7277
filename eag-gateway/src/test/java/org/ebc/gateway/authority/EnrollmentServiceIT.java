package org.ebc.gateway.authority;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.ebc.crypto.Pem;
import org.ebc.units.NodeId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The enrollment service over real HTTP, as meters of a bundle call it (the meter's side: InstallIT). */
@Timeout(60)
class EnrollmentServiceIT {
    @TempDir
    Path tmp;

    CertificateAuthority ca;
    EnrollmentService service;
    String token;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws Exception {
        ca = CertificateAuthority.init(tmp.resolve("ca"), "RA", Duration.ofDays(3650), Clock.systemUTC());
        service = EnrollmentService.start(ca.directory(), new InetSocketAddress("127.0.0.1", 0), Clock.systemUTC());
        token = new EnrollmentRequests(ca.directory()).token();
    }

    @AfterEach
    void stop() {
        service.close();
    }

    private HttpResponse<String> send(String method, String path, byte[] body, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + service.address().getPort() + path))
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] csr(SimulatedDevice d) {
        return Pem.encode(d.csr()).getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void withoutTheBundlesTokenNothingIsStoredOrServed() throws Exception {
        SimulatedDevice meter = SimulatedDevice.node("node-1", "SDM-1");

        assertThat(send("PUT", "/v1/requests/node-1/node.csr", csr(meter), null).statusCode())
                .isEqualTo(401);
        assertThat(send("PUT", "/v1/requests/node-1/node.csr", csr(meter), "wrong")
                        .statusCode())
                .isEqualTo(401);
        assertThat(send("GET", "/v1/crl.pem", null, null).statusCode()).isEqualTo(401);
        assertThat(new EnrollmentRequests(ca.directory()).pending()).isEmpty();
    }

    @Test
    void aMeterAsksWaitsAndGetsItsCertificateOnceTheOperatorApproved() throws Exception {
        SimulatedDevice meter = SimulatedDevice.node("node-2", "SDM-2");
        byte[] request = csr(meter);

        assertThat(send("PUT", "/v1/requests/node-2/node.csr", request, token).statusCode())
                .isEqualTo(201);
        assertThat(send("PUT", "/v1/requests/node-2/node.csr", request, token).statusCode())
                .isEqualTo(200);
        assertThat(send("PUT", "/v1/requests/node-2/wallets.req", meter.walletsRequest(Instant.now()), token)
                        .statusCode())
                .isEqualTo(201);
        HttpResponse<String> waiting = send("GET", "/v1/certificates/node-2", null, token);
        assertThat(waiting.statusCode()).isEqualTo(404);
        assertThat(waiting.body()).contains("approval");

        EnrollmentApproval.approve(ca, new EnrollmentApproval.Vouched(NodeId.of("node-2"), "SDM-2", "Dana"));

        HttpResponse<String> issued = send("GET", "/v1/certificates/node-2", null, token);
        assertThat(issued.statusCode()).isEqualTo(200);
        assertThat(Pem.parseCertificates(issued.body()).orElseThrow().get(0).getPublicKey())
                .isEqualTo(meter.keys.getPublic());
        assertThat(send("GET", "/v1/crl.pem", null, token).body()).startsWith("-----BEGIN X509 CRL-----");
    }

    @Test
    void anotherKeyForAWaitingNodeIsAConflictAndJunkIsABadRequest() throws Exception {
        SimulatedDevice meter = SimulatedDevice.node("node-3", "SDM-3");
        send("PUT", "/v1/requests/node-3/node.csr", csr(meter), token);

        assertThat(send("PUT", "/v1/requests/node-3/node.csr", csr(meter.withNewKey()), token)
                        .statusCode())
                .isEqualTo(409);
        for (String path :
                List.of("/v1/requests/node-4/node.csr", "/v1/requests/bad id/node.csr", "/v1/requests/node-3/x")) {
            assertThat(send("PUT", path.replace(" ", "%20"), "junk".getBytes(StandardCharsets.US_ASCII), token)
                            .statusCode())
                    .as(path)
                    .isEqualTo(400);
        }
        assertThat(send("GET", "/v1/nothing", null, token).statusCode()).isEqualTo(404);
    }
}
