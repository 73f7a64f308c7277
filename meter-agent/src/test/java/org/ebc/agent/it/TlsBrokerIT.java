package org.ebc.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pi4j.context.Context;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import org.ebc.agent.MeterAgent;
import org.ebc.agent.config.AgentSettings;
import org.ebc.agent.testing.AgentFiles;
import org.ebc.agent.testing.TestGateway;
import org.ebc.crypto.Pem;
import org.ebc.hardware.EnergyMeters;
import org.ebc.hardware.pi4j.Pi4jContexts;
import org.ebc.testing.MosquittoBroker;
import org.ebc.testing.TestAuthority;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ssl://}: the agent connects to Mosquitto over TLS with its node certificate as client certificate
 * (the broker requires one from the authority and takes its CN as the user name) and trusts only ca.crt.
 */
class TlsBrokerIT {
    private static final NodeId NODE = NodeId.of("node-tls");
    private static final EagId EAG = EagId.of("eag-tls");

    @TempDir
    Path dir;

    @Test
    void theAgentDeliversOverTlsWithItsNodeCertificate() throws Exception {
        TestAuthority authority = TestAuthority.create();
        Path brokerDir = dir.resolve("broker");
        TestAuthority.Issued server = authority.eag("broker.local");
        Pem.writePublic(brokerDir.resolve("ca.crt"), authority.root());
        Pem.writePublic(brokerDir.resolve("server.crt"), server.certificate());
        Pem.writePrivateKey(brokerDir.resolve("server.key"), server.keys().getPrivate());
        int tlsPort = MosquittoBroker.freePort();
        int plainPort = MosquittoBroker.freePort();
        String config = "per_listener_settings true\nuser root\n"
                + "listener " + tlsPort + " 127.0.0.1\n"
                + "cafile " + brokerDir.resolve("ca.crt") + "\ncertfile " + brokerDir.resolve("server.crt")
                + "\nkeyfile " + brokerDir.resolve("server.key") + "\n"
                + "require_certificate true\nuse_identity_as_username true\ntls_version tlsv1.2\nallow_anonymous false\n"
                + "listener " + plainPort + " 127.0.0.1\nallow_anonymous true\n"
                + MosquittoBroker.commonConfig(brokerDir);
        try (MosquittoBroker broker = MosquittoBroker.startWithConfig(brokerDir, config, tlsPort)) {
            assertThat(broker.isAlive()).isTrue();
            String plain = "tcp://127.0.0.1:" + plainPort;
            // The test certificates name no host; the broker is reached by address, so the name check is off here.
            AgentFiles.Written files = AgentFiles.write(
                    dir.resolve("agent"),
                    authority,
                    NODE.value(),
                    EAG.value(),
                    "ssl://127.0.0.1:" + tlsPort,
                    AgentFiles.simulatedMeter("SIM-TLS", 4, 50, 17, 27),
                    Map.of("reading.interval", "200ms", "broker.tls.verify-hostname", "false"));
            try (TestGateway gateway = TestGateway.start(
                    plain,
                    authority,
                    EAG,
                    Map.of(NODE, files.node().certificate().getPublicKey()))) {
                Context pi4j = Pi4jContexts.mock();
                AgentSettings s = AgentSettings.load(files.config());
                MeterAgent agent = MeterAgent.open(
                        s.agent(),
                        EnergyMeters.open(s.settings(), pi4j),
                        s.meterModel(),
                        Clock.systemUTC(),
                        new SplittableRandom(5),
                        true);
                try {
                    agent.start();
                    await().atMost(Duration.ofSeconds(60))
                            .until(() -> agent.status().lastAckedPage() >= 3);
                    assertThat(agent.status().broker()).isEqualTo("connected");
                } finally {
                    agent.close();
                    pi4j.shutdown();
                }
                assertThat(gateway.problems()).isEmpty();
                assertThat(gateway.ledger(NODE).pages).containsKeys(1L, 2L, 3L);
            }
        }
    }
}
