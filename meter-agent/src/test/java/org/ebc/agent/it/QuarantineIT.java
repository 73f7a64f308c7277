package org.ebc.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pi4j.context.Context;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import org.ebc.agent.MeterAgent;
import org.ebc.agent.cli.MeterAgentCli;
import org.ebc.agent.config.AgentSettings;
import org.ebc.agent.status.AgentStatus;
import org.ebc.agent.status.StoredStatus;
import org.ebc.agent.store.AgentDatabase;
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
import picocli.CommandLine;

/** A rejected record is set aside and never blocks the records behind it (real broker, in-process agent). */
class QuarantineIT {
    private static final NodeId NODE = NodeId.of("node-q");
    private static final EagId EAG = EagId.of("eag-q");

    @TempDir
    Path dir;

    @Test
    void aRejectedRecordMovesToQuarantineAndTheNextOnesAreStillDelivered() throws Exception {
        TestAuthority authority = TestAuthority.create();
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"), "user root")) {
            AgentFiles.Written files = AgentFiles.write(
                    dir.resolve("agent"),
                    authority,
                    NODE.value(),
                    EAG.value(),
                    broker.url(),
                    AgentFiles.simulatedMeter("SIM-Q", 3, 100, 17, 27),
                    Map.of("reading.interval", "100ms", "status.interval", "200ms"));
            try (TestGateway gateway = TestGateway.start(
                    broker.url(),
                    authority,
                    EAG,
                    Map.of(NODE, files.node().certificate().getPublicKey()))) {
                gateway.reject(3);
                Context pi4j = Pi4jContexts.mock();
                AgentSettings s = AgentSettings.load(files.config());
                MeterAgent agent = MeterAgent.open(
                        s.agent(),
                        EnergyMeters.open(s.settings(), pi4j),
                        s.meterModel(),
                        Clock.systemUTC(),
                        new SplittableRandom(1),
                        true);
                try {
                    agent.start();
                    await().atMost(Duration.ofSeconds(60)).until(() -> {
                        AgentStatus st = agent.status();
                        return st.quarantined() == 1 && st.lastAckedPage() >= 12;
                    });
                    await().atMost(Duration.ofSeconds(10))
                            .untilAsserted(
                                    () -> assertThat(gateway.lastStatus(NODE)).contains("\"quarantine\":1"));
                } finally {
                    agent.close();
                    pi4j.shutdown();
                }
                assertThat(gateway.problems()).isEmpty();
                assertThat(gateway.certificate(NODE))
                        .isEqualTo(Pem.encode(files.node().certificate()));
                assertThat(gateway.ledger(NODE).pages.keySet()).contains(3L, 4L, 5L, 12L);
            }
        }
        try (AgentDatabase db = AgentDatabase.openReadOnly(files(dir).resolve("agent.db"))) {
            StoredStatus st = StoredStatus.read(db, 10).orElseThrow();
            assertThat(st.quarantineCount()).isEqualTo(1);
            assertThat(st.quarantine()).singleElement().satisfies(q -> {
                assertThat(q.page()).isEqualTo(3);
                assertThat(q.reason()).isEqualTo("TEST_REJECTED");
            });
            assertThat(st.outboxFirst() == 0 || st.outboxFirst() > 12)
                    .as("pages 4..12 were committed and left the outbox")
                    .isTrue();
        }
        StringWriter out = new StringWriter();
        CommandLine cli = MeterAgentCli.newCommandLine();
        cli.setOut(new PrintWriter(out));
        assertThat(cli.execute(
                        "status",
                        "--config",
                        dir.resolve("agent").resolve("agent.properties").toString()))
                .isZero();
        assertThat(out.toString())
                .contains("quarantine:   1 records")
                .contains("page 3 read")
                .contains("TEST_REJECTED")
                .contains("RECORD_QUARANTINED");
    }

    private static Path files(Path dir) {
        return dir.resolve("agent").resolve("data");
    }
}
