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
import org.ebc.agent.status.AgentStatus;
import org.ebc.agent.testing.AgentFiles;
import org.ebc.agent.testing.TestGateway;
import org.ebc.hardware.EnergyMeters;
import org.ebc.hardware.pi4j.Pi4jContexts;
import org.ebc.testing.MosquittoBroker;
import org.ebc.testing.TestAuthority;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Acknowledgements count only once the gateway's certificate is known, and only from that gateway. */
class EagCertificateIT {
    private static final NodeId NODE = NodeId.of("node-cert");
    private static final EagId EAG = EagId.of("eag-cert");

    @TempDir
    Path dir;

    @Test
    void acksThatArriveBeforeTheGatewayCertificateAreAppliedWhenItArrives() throws Exception {
        TestAuthority authority = TestAuthority.create();
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"), "user root")) {
            // An hour of ack timeout: the outbox can only drain through the held acknowledgements.
            AgentFiles.Written files = AgentFiles.write(
                    dir.resolve("agent"),
                    authority,
                    NODE.value(),
                    EAG.value(),
                    broker.url(),
                    AgentFiles.simulatedMeter("SIM-CERT", 6, 50, 17, 27),
                    Map.of("reading.interval", "1h", "outbox.ack-timeout", "1h"));
            try (TestGateway gateway = TestGateway.startWithoutCertificate(
                    broker.url(),
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
                        new SplittableRandom(2),
                        true);
                try {
                    agent.start(); // takes its first reading at once
                    await().atMost(Duration.ofSeconds(30))
                            .until(() -> gateway.ledger(NODE).pages.containsKey(1L));
                    AgentStatus before = agent.status();
                    assertThat(before.outboxDepth())
                            .as("acknowledged, but not believed yet")
                            .isEqualTo(1);
                    assertThat(before.eagCertificate()).isFalse();

                    gateway.publishCertificate();
                    await().atMost(Duration.ofSeconds(30))
                            .until(() -> agent.status().outboxDepth() == 0);
                    assertThat(agent.status().lastAckedPage()).isEqualTo(1);
                    assertThat(agent.status().eagCertificate()).isTrue();
                } finally {
                    agent.close();
                    pi4j.shutdown();
                }
            }
        }
    }

    @Test
    void acksSignedByAnotherGatewayOfTheSameAuthorityNeverEmptyTheOutbox() throws Exception {
        TestAuthority authority = TestAuthority.create();
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"), "user root")) {
            AgentFiles.Written files = AgentFiles.write(
                    dir.resolve("agent"),
                    authority,
                    NODE.value(),
                    EAG.value(),
                    broker.url(),
                    AgentFiles.simulatedMeter("SIM-CERT", 6, 50, 17, 27),
                    Map.of("reading.interval", "300ms", "outbox.ack-timeout", "1h"));
            // A gateway with a valid certificate for another EAG id publishes on our EAG's topics.
            try (TestGateway impostor = TestGateway.startImpersonating(
                    broker.url(),
                    authority,
                    EagId.of("eag-other"),
                    EAG,
                    Map.of(NODE, files.node().certificate().getPublicKey()))) {
                Context pi4j = Pi4jContexts.mock();
                AgentSettings s = AgentSettings.load(files.config());
                MeterAgent agent = MeterAgent.open(
                        s.agent(),
                        EnergyMeters.open(s.settings(), pi4j),
                        s.meterModel(),
                        Clock.systemUTC(),
                        new SplittableRandom(2),
                        true);
                try {
                    agent.start();
                    await().atMost(Duration.ofSeconds(30))
                            .until(() -> impostor.ledger(NODE).pages.size() >= 3);
                    AgentStatus st = agent.status();
                    assertThat(st.eagCertificate()).isFalse();
                    assertThat(st.lastAckedPage()).isZero();
                    assertThat(st.outboxDepth()).isGreaterThanOrEqualTo(3);
                } finally {
                    agent.close();
                    pi4j.shutdown();
                }
            }
        }
    }
}
