package org.ebc.gateway.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ebc.config.Settings;
import org.ebc.crypto.CertificateSubject;
import org.ebc.crypto.Certificates;
import org.ebc.crypto.KeyPairs;
import org.ebc.testing.TestAuthority;
import org.ebc.wire.NoDelaySockets;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker serving a site on its own: a TLS listener with the EAG's certificate, client
 * certificates from the authority, and the same per-node topic rights as the Mosquitto ACL, while plain TCP
 * stays on loopback for the gateway's own client. One broker for all cases (HiveMQ takes seconds to start).
 */
@Timeout(180)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddedBrokerTlsIT {
    private static final String EAG = "eag-tls";

    @TempDir
    static Path gatewayData;

    private final TestAuthority authority = TestAuthority.create("tls authority", Instant.now());
    private EmbeddedBroker broker;
    private RecordingSubscriber local;

    @BeforeAll
    void startBroker() throws Exception {
        KeyPair eagKeys = KeyPairs.generate();
        Instant now = Instant.now();
        X509Certificate eagCert = Certificates.issue(
                authority.root(),
                authority.rootKeys().getPrivate(),
                eagKeys.getPublic(),
                CertificateSubject.eag(EAG),
                now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofDays(30)),
                BigInteger.valueOf(77),
                false,
                List.of("localhost", "127.0.0.1"));
        BrokerSettings s = BrokerSettings.from(
                Settings.of(Map.of(BrokerSettings.PORT, "0", BrokerSettings.TLS_PORT, "0")), gatewayData);
        broker = EmbeddedBroker.start(
                (BrokerEndpoint.Embedded) s.endpoint(),
                Optional.of(new EmbeddedBroker.TlsIdentity(
                        eagKeys.getPrivate(), List.of(eagCert), authority.validator(), Clock.systemUTC())));
        local = new RecordingSubscriber(broker.serverUri(), "ebc-gateway-" + EAG)
                .connect(MqttClientOptions.connectOptions(s))
                .subscribe("ebc/v1/" + EAG + "/meter/+/reading");
    }

    @AfterAll
    void stopBroker() throws Exception {
        if (local != null) {
            local.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private String tlsUri() {
        return "ssl://localhost:" + broker.tlsPort();
    }

    private MqttConnectOptions tls(TestAuthority.Issued who, X509Certificate root) throws Exception {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setCleanSession(true);
        o.setConnectionTimeout(20);
        o.setSocketFactory(NoDelaySockets.tls(List.of(root), who.keys().getPrivate(), List.of(who.certificate())));
        o.setHttpsHostnameVerificationEnabled(true);
        return o;
    }

    private RecordingSubscriber tlsClient(String clientId, TestAuthority.Issued who) throws Exception {
        return new RecordingSubscriber(tlsUri(), clientId).connect(tls(who, authority.root()));
    }

    private static void publish(RecordingSubscriber c, String topic, String payload) throws MqttException {
        c.client().publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
    }

    @Test
    void theGeneratedConfigurationHasATlsListenerThatRequiresClientCertificatesAndKeepsTheKeyStoresPrivate()
            throws Exception {
        String xml = Files.readString(gatewayData.resolve("broker/conf/config.xml"));

        assertThat(xml)
                .contains("<tls-tcp-listener>", "<port>" + broker.tlsPort() + "</port>")
                .contains("<client-authentication-mode>REQUIRED</client-authentication-mode>")
                .contains("<bind-address>127.0.0.1</bind-address>");
        assertThat(Files.getPosixFilePermissions(gatewayData.resolve("broker/conf/tls/keystore.p12")))
                .hasSize(2)
                .allMatch(p -> p.name().startsWith("OWNER"));
    }

    @Test
    void aNodesReadingOverTlsReachesTheGatewaysLocalClient() throws Exception {
        try (RecordingSubscriber node = tlsClient("node-a", authority.node("node-a", "SDM-A"))) {
            publish(node, "ebc/v1/" + EAG + "/meter/node-a/reading", "signed reading of node-a");

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> local.received.contains(
                            "ebc/v1/" + EAG + "/meter/node-a/reading signed reading of node-a"));
        }
    }

    @Test
    void aNodeThatPublishesUnderAnotherNodesTopicIsDisconnectedAndNothingArrives() throws Exception {
        try (RecordingSubscriber node = tlsClient("node-b", authority.node("node-b", "SDM-B"))) {
            try {
                publish(node, "ebc/v1/" + EAG + "/meter/node-c/reading", "forged by node-b");
            } catch (MqttException e) {
                // HiveMQ answers a forbidden MQTT 3 publish by closing the connection, so no PUBACK comes.
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> !node.client().isConnected());
        }
        // A genuine reading published after the forged one arrives; the forged one never does.
        try (RecordingSubscriber node = tlsClient("node-c", authority.node("node-c", "SDM-C"))) {
            publish(node, "ebc/v1/" + EAG + "/meter/node-c/reading", "genuine from node-c");
            await().atMost(Duration.ofSeconds(20))
                    .until(() ->
                            local.received.contains("ebc/v1/" + EAG + "/meter/node-c/reading genuine from node-c"));
        }
        assertThat(local.received).noneMatch(m -> m.contains("forged"));
    }

    @Test
    void aNodeCertificateUnderAnotherClientIdIsRefused() {
        assertThatThrownBy(() -> tlsClient("node-b", authority.node("node-b2", "SDM-B2")))
                .isInstanceOfSatisfying(
                        MqttException.class,
                        e -> assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_NOT_AUTHORIZED));
    }

    @Test
    void aNodeMayNotSubscribeToAnotherNodesAcknowledgementsOrToTheMetersOfItsEag() throws Exception {
        try (RecordingSubscriber node = tlsClient("node-d", authority.node("node-d", "SDM-D"))) {
            assertThat(node.client()
                            .subscribeWithResponse("ebc/v1/" + EAG + "/node/node-e/ack", 1)
                            .getGrantedQos())
                    .containsExactly(128);
            assertThat(node.client()
                            .subscribeWithResponse("ebc/v1/" + EAG + "/meter/+/reading", 1)
                            .getGrantedQos())
                    .containsExactly(128);
            node.subscribe("ebc/v1/" + EAG + "/node/node-d/ack")
                    .subscribe("ebc/v1/" + EAG + "/eag/certificate")
                    .subscribe("ebc/v1/" + EAG + "/market/#");
        }
    }

    @Test
    void theEagsAcknowledgementReachesItsNodeOverTlsAndTheRetainedEagCertificateToo() throws Exception {
        local.client()
                .publish("ebc/v1/" + EAG + "/eag/certificate", "EAG PEM".getBytes(StandardCharsets.UTF_8), 1, true);
        try (RecordingSubscriber node = tlsClient("node-f", authority.node("node-f", "SDM-F"))) {
            node.subscribe("ebc/v1/" + EAG + "/node/node-f/ack").subscribe("ebc/v1/" + EAG + "/eag/certificate");
            local.client()
                    .publish("ebc/v1/" + EAG + "/node/node-f/ack", "ack".getBytes(StandardCharsets.UTF_8), 1, false);

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> node.received.containsAll(List.of(
                            "ebc/v1/" + EAG + "/node/node-f/ack ack", "ebc/v1/" + EAG + "/eag/certificate EAG PEM")));
        }
    }

    @Test
    void anotherEagMayNotReadThisEagsMetersButMayUseTheConsortiumTopics() throws Exception {
        try (RecordingSubscriber other = tlsClient("ebc-gateway-eag-other", authority.eag("eag-other"))) {
            assertThat(other.client()
                            .subscribeWithResponse("ebc/v1/" + EAG + "/meter/+/reading", 1)
                            .getGrantedQos())
                    .containsExactly(128);
            other.subscribe("ebc/v1/eag-other/meter/+/reading").subscribe("ebc/v1/consortium/#");
        }
    }

    @Test
    void aCertificateFromAnotherAuthorityOrNoCertificateAtAllFailsTheHandshake() throws Exception {
        TestAuthority stranger = TestAuthority.create("stranger", Instant.now());
        assertThatThrownBy(() -> new RecordingSubscriber(tlsUri(), "node-x")
                        .connect(tls(stranger.node("node-x", "SDM-X"), authority.root())))
                .isInstanceOf(MqttException.class);

        MqttConnectOptions anonymous = new MqttConnectOptions();
        anonymous.setSocketFactory(
                NoDelaySockets.tls(javax.net.ssl.SSLContext.getDefault().getSocketFactory()));
        MqttClient c = new MqttClient(tlsUri(), "anon", new MemoryPersistence());
        assertThatThrownBy(() -> c.connect(anonymous)).isInstanceOf(MqttException.class);
        c.close();
    }

    @Test
    void aRevokedNodeCanNoLongerConnect() throws Exception {
        TestAuthority.Issued node = authority.node("node-r", "SDM-R");
        tlsClient("node-r", node).close();

        authority.revoke(node.certificate());

        assertThatThrownBy(() -> tlsClient("node-r", node))
                .isInstanceOfSatisfying(
                        MqttException.class,
                        e -> assertThat(e.getReasonCode()).isEqualTo(MqttException.REASON_CODE_NOT_AUTHORIZED));
    }
}
