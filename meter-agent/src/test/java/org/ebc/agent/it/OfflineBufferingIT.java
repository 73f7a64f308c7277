package org.ebc.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.pi4j.context.Context;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.ebc.agent.MeterAgent;
import org.ebc.agent.config.AgentSettings;
import org.ebc.agent.reading.ReadingRecorder;
import org.ebc.agent.reading.ReadingSchedule;
import org.ebc.agent.status.AgentStatus;
import org.ebc.agent.testing.AgentFiles;
import org.ebc.agent.testing.MutableClock;
import org.ebc.agent.testing.TestGateway;
import org.ebc.hardware.EnergyMeters;
import org.ebc.hardware.pi4j.Pi4jContexts;
import org.ebc.ocmf.OcmfPayload;
import org.ebc.testing.MosquittoBroker;
import org.ebc.testing.TestAuthority;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker is down for a whole simulated day of 10 s readings: the agent (in-process, driven by a fake
 * clock, real SQLite outbox, real simulated meter) buffers all 8,640 signed records, and once the broker
 * is back delivers them in page order and empties its outbox on the gateway's acknowledgements.
 */
class OfflineBufferingIT {
    private static final NodeId NODE = NodeId.of("node-offline");
    private static final EagId EAG = EagId.of("eag-offline");
    private static final int READINGS_PER_DAY = Integer.getInteger("offline.readings", 8_640);

    @TempDir
    Path dir;

    @Test
    void aDayOfReadingsBufferedWhileTheBrokerIsDownIsDeliveredInOrderWhenItReturns() throws Exception {
        TestAuthority authority = TestAuthority.create();
        int port = MosquittoBroker.freePort();
        String url = "tcp://127.0.0.1:" + port;
        Path brokerDir = dir.resolve("broker");
        // "user root": started as root, Mosquitto would drop to user mosquitto, which cannot write its persistence
        // file into the root-owned temp directory, and the restart would lose the sessions (no effect as non-root).
        String brokerConfig = "listener " + port + " 127.0.0.1\nallow_anonymous true\nuser root\n"
                + MosquittoBroker.commonConfig(brokerDir);
        AgentFiles.Written files = AgentFiles.write(
                dir.resolve("agent"),
                authority,
                NODE.value(),
                EAG.value(),
                url,
                AgentFiles.simulatedMeter("SIM-OFF", 5, 1, 12, 13),
                Map.of("reading.interval", "10s", "market.slot", "15m"));

        // The gateway's persistent session exists at the broker before the outage, as in the field.
        MosquittoBroker broker = MosquittoBroker.startWithConfig(brokerDir, brokerConfig, port);
        try (TestGateway gateway = TestGateway.start(
                url, authority, EAG, Map.of(NODE, files.node().certificate().getPublicKey()))) {
            broker.close();

            // Midnight of the day the test certificates were issued: they are valid for the whole simulated day.
            Instant start = authority.now().truncatedTo(ChronoUnit.DAYS);
            MutableClock clock = new MutableClock(start);
            ReadingSchedule schedule = new ReadingSchedule(Duration.ofSeconds(10), Duration.ofMinutes(15));
            Context pi4j = Pi4jContexts.mock();
            AgentSettings s = AgentSettings.load(files.config());
            MeterAgent agent = MeterAgent.open(
                    s.agent(),
                    EnergyMeters.open(s.settings(), pi4j),
                    s.meterModel(),
                    clock,
                    new SplittableRandom(3),
                    false);
            try {
                agent.start();
                for (int i = 0; i < READINGS_PER_DAY; i++) {
                    ReadingSchedule.Due due = schedule.next(clock.instant());
                    clock.set(due.at());
                    assertThat(agent.readNow(due.reason()).get()).isEqualTo(ReadingRecorder.Result.SIGNED);
                }
                AgentStatus buffered = agent.status();
                assertThat(buffered.outboxDepth()).isEqualTo(READINGS_PER_DAY);
                assertThat(buffered.lastPage()).isEqualTo(READINGS_PER_DAY);
                assertThat(buffered.broker()).isEqualTo("disconnected");
                assertThat(gateway.ledger(NODE).arrivals).isEmpty();

                broker.restart();
                await("all 8,640 records acknowledged")
                        .atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> {
                            AgentStatus st = agent.status();
                            return st.outboxDepth() == 0 && st.lastAckedPage() == READINGS_PER_DAY;
                        });
            } finally {
                agent.close();
                pi4j.shutdown();
                broker.close();
            }

            TestGateway.Ledger ledger = gateway.ledger(NODE);
            assertThat(gateway.problems()).isEmpty();
            List<Long> firstArrivals = new ArrayList<>(new LinkedHashSet<>(ledger.arrivals));
            assertThat(firstArrivals)
                    .as("pages in the order they first arrived")
                    .hasSize(READINGS_PER_DAY)
                    .isSorted();
            assertThat(firstArrivals.get(0)).isEqualTo(1L);
            assertThat(firstArrivals.get(READINGS_PER_DAY - 1)).isEqualTo((long) READINGS_PER_DAY);
            OcmfPayload first = ledger.payloads.firstEntry().getValue();
            OcmfPayload last = ledger.payloads.lastEntry().getValue();
            assertThat(first.readings().get(0).time()).isEqualTo(start.plusSeconds(10));
            assertThat(last.readings().get(0).time())
                    .isEqualTo(start.plusSeconds(10L * READINGS_PER_DAY)); // a day with the default count
            long borders = ledger.payloads.values().stream()
                    .filter(p -> p.readings().get(0).transaction().equals("B"))
                    .count();
            assertThat(borders)
                    .as("one B record per quarter-hour border (96 a day)")
                    .isEqualTo(READINGS_PER_DAY / 90);
            System.out.printf(
                    "offline test: %d records buffered and delivered, %d arrivals (re-deliveries %d)%n",
                    READINGS_PER_DAY, ledger.arrivals.size(), ledger.arrivals.size() - READINGS_PER_DAY);
        }
    }
}
