package org.ebc.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.ebc.agent.cli.BenchStartupCommand;
import org.ebc.agent.status.StoredStatus;
import org.ebc.agent.store.AgentDatabase;
import org.ebc.agent.store.Outbox;
import org.ebc.agent.testing.AgentFiles;
import org.ebc.agent.testing.AgentProcess;
import org.ebc.agent.testing.TestGateway;
import org.ebc.ocmf.OcmfPayload;
import org.ebc.testing.MosquittoBroker;
import org.ebc.testing.TestAuthority;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged agent, a real process on the simulated S0 meter (Pi4J mock GPIO, 200× real time, a reading
 * every 100 ms), against a real Mosquitto and a test gateway that verifies and acknowledges every record,
 * is killed with SIGKILL at seeded random moments and restarted each time. Afterwards: no register ever
 * went lower, no page was signed with two payloads, and every page the outbox ever held was delivered.
 */
class CrashRecoveryIT {
    private static final NodeId NODE = NodeId.of("node-crash");
    private static final EagId EAG = EagId.of("eag-crash");
    private static final int KILLS = 12;
    /** Override with -Dcrash.seed=… to replay a failure. */
    private static final long SEED = Long.getLong("crash.seed", 20250301L);

    @TempDir
    Path dir;

    @Test
    void killNineAtRandomMomentsNeverLowersARegisterReusesAPageOrLosesARecord() throws Exception {
        Random random = new Random(SEED);
        TestAuthority authority = TestAuthority.create();
        Path log = dir.resolve("agent.log");
        List<Long> pagesHeldAtAKill = new ArrayList<>();
        int killsWithUnacknowledgedRecords = 0;
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"), "user root")) {
            AgentFiles.Written files = AgentFiles.write(
                    dir.resolve("agent"),
                    authority,
                    NODE.value(),
                    EAG.value(),
                    broker.url(),
                    AgentFiles.simulatedMeter("SIM-CRASH", 11, 200, 5, 6),
                    Map.of(
                            "reading.interval",
                            "100ms",
                            "market.slot",
                            "2s",
                            "outbox.ack-timeout",
                            "2s",
                            "status.interval",
                            "1s"));
            Path db = files.dataDir().resolve("agent.db");
            try (TestGateway gateway = TestGateway.start(
                    broker.url(),
                    authority,
                    EAG,
                    Map.of(NODE, files.node().certificate().getPublicKey()))) {
                for (int k = 1; k <= KILLS; k++) {
                    // In about half the runs the gateway does not acknowledge, so that the kill certainly finds
                    // unacknowledged records in the outbox; in the others it acknowledges as it receives.
                    boolean gatewaySilent = random.nextBoolean();
                    gateway.acknowledge(!gatewaySilent);
                    try (AgentProcess agent = AgentProcess.start(
                            log,
                            BenchStartupCommand.RECOMMENDED_JVM_FLAGS,
                            "run",
                            "--config",
                            files.config().toString())) {
                        // From before the first reading (JVM start) to well into steady delivery.
                        Thread.sleep((gatewaySilent ? 1500 : 300)
                                + random.nextInt(2000)); // the kill moment itself is what is random here
                        agent.kill9();
                    }
                    // The kill may come before the agent created its file or its schema: nothing held then.
                    var opened = AgentDatabase.openReadOnlyIfStarted(db);
                    if (opened.isPresent()) {
                        try (AgentDatabase file = opened.get()) {
                            List<Outbox.Entry> held = file.read(c -> new Outbox(file, Long.MAX_VALUE).from(0, 100_000));
                            held.forEach(e -> pagesHeldAtAKill.add(e.page()));
                            killsWithUnacknowledgedRecords += held.isEmpty() ? 0 : 1;
                        }
                    }
                }
                gateway.acknowledge(true);
                try (AgentProcess agent = AgentProcess.start(
                        log,
                        BenchStartupCommand.RECOMMENDED_JVM_FLAGS,
                        "run",
                        "--config",
                        files.config().toString())) {
                    await("the restarted agent signs on and empties its outbox")
                            .atMost(Duration.ofSeconds(90))
                            .pollInterval(Duration.ofMillis(250))
                            .until(() -> {
                                try (AgentDatabase file = AgentDatabase.openReadOnly(db)) {
                                    StoredStatus s = StoredStatus.read(file, 1).orElseThrow();
                                    return s.state().lastPage()
                                                    > pagesHeldAtAKill.stream()
                                                                    .mapToLong(Long::longValue)
                                                                    .max()
                                                                    .orElse(0)
                                                            + 20
                                            && s.outboxDepth() == 0;
                                }
                            });
                    assertThat(agent.terminate())
                            .as("exit code after SIGTERM (128 + 15: hooks ran)")
                            .isEqualTo(143);
                }
                StoredStatus end;
                List<Long> stillHeld;
                try (AgentDatabase file = AgentDatabase.openReadOnly(db)) {
                    end = StoredStatus.read(file, 5).orElseThrow();
                    stillHeld = new Outbox(file, Long.MAX_VALUE)
                            .from(0, 100_000).stream().map(Outbox.Entry::page).toList();
                }
                TestGateway.Ledger ledger = gateway.ledger(NODE);
                long maxHeldAtAKill = pagesHeldAtAKill.stream()
                        .mapToLong(Long::longValue)
                        .max()
                        .orElse(0);
                System.out.printf(
                        "crash test seed %d: %d kills (%d with unacknowledged records, highest held page %d), %d pages signed, "
                                + "%d arrivals at the gateway, %d records still in the outbox after SIGTERM%n",
                        SEED,
                        KILLS,
                        killsWithUnacknowledgedRecords,
                        maxHeldAtAKill,
                        end.state().lastPage(),
                        ledger.arrivals.size(),
                        stillHeld.size());

                assertThat(gateway.problems())
                        .as("records the gateway refused or saw twice with different payloads")
                        .isEmpty();
                assertThat(killsWithUnacknowledgedRecords)
                        .as("kills that left unacknowledged records in the outbox")
                        .isGreaterThanOrEqualTo(3);
                assertThat(end.quarantineCount()).isZero();
                // Every page the outbox held at a kill reached the gateway after a restart.
                assertThat(ledger.pages.keySet()).containsAll(new TreeSet<>(pagesHeldAtAKill));
                // Pages are contiguous from 1: delivered, or (signed just before the final SIGTERM) still in the
                // outbox.
                long last = end.state().lastPage();
                TreeSet<Long> accountedFor = new TreeSet<>(ledger.pages.keySet());
                accountedFor.addAll(stillHeld);
                assertThat(accountedFor).containsExactlyElementsOf(range(1, last));
                assertThat(stillHeld).allSatisfy(p -> assertThat(p).isGreaterThan(maxHeldAtAKill));
                // Registers never go backwards, across every kill and restart.
                OcmfPayload previous = null;
                for (OcmfPayload p : ledger.payloads.values()) {
                    if (previous != null) {
                        assertThat(p.importRegister().orElseThrow())
                                .as("import register at page %s", p.page())
                                .isGreaterThanOrEqualTo(
                                        previous.importRegister().orElseThrow());
                        assertThat(p.exportRegister().orElseThrow())
                                .as("export register at page %s", p.page())
                                .isGreaterThanOrEqualTo(
                                        previous.exportRegister().orElseThrow());
                    }
                    previous = p;
                }
                assertThat(previous.exportRegister().orElseThrow().wh()
                                + previous.importRegister().orElseThrow().wh())
                        .as("the simulated meter produced energy")
                        .isPositive();
                assertThat(end.state().registers().importEnergy())
                        .isGreaterThanOrEqualTo(previous.importRegister().orElseThrow());
                assertThat(Files.readString(log)).contains("node=node-crash stopped");
            }
        }
    }

    private static List<Long> range(long first, long last) {
        List<Long> out = new ArrayList<>();
        for (long p = first; p <= last; p++) {
            out.add(p);
        }
        return out;
    }
}
