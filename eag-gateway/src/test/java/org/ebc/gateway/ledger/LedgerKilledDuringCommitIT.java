package org.ebc.gateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.ebc.crypto.Pem;
import org.ebc.gateway.consensus.RoundTimeouts;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.gateway.storage.SqliteLedgerStore;
import org.ebc.testing.MosquittoBroker;
import org.ebc.testing.TestConsortium;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An EAG killed while it commits blocks, 50 times: eag-1..3 run in this JVM over Mosquitto; eag-4 is the packaged
 * {@code eag-gateway consortium node} in a process of its own, halted (as a power cut would) at a random point
 * inside a block's SQLite transaction (after BEGIN, after the block row, after the transaction rows, after
 * COMMIT) at a random height, or {@code kill -9}ed at a random moment. After the last restart it catches up,
 * and its file passes {@code PRAGMA integrity_check} and the ledger check from genesis, with the same blocks as
 * the others.
 */
class LedgerKilledDuringCommitIT {
    private static final int KILLS = 50;
    private static final List<String> POINTS = List.of("begun", "block", "transactions", "committed");

    @TempDir
    Path tmp;

    private Seats seatsFixture;
    private TestConsortium c;
    private MosquittoBroker broker;
    private @Nullable Process child;

    @BeforeEach
    void startBroker() throws Exception {
        broker = MosquittoBroker.start(tmp.resolve("broker"));
        seatsFixture = new Seats(tmp, Duration.ofMillis(300));
        c = seatsFixture.c;
    }

    @AfterEach
    void stop() {
        Process p = child;
        if (p != null) {
            p.destroyForcibly();
        }
        seatsFixture.close();
        broker.close();
    }

    private void seat(int eag) throws Exception {
        seatsFixture.start(eag, broker.url(), RoundTimeouts.defaults(), Duration.ofMillis(300));
    }

    private long seatsHeight() {
        return Seats.minHeight(seatsFixture.running);
    }

    private Path childDb() {
        return GatewayDatabase.file(tmp.resolve("eag-4"));
    }

    private long childHeight() throws Exception {
        if (!Files.exists(childDb())) {
            return 0;
        }
        try (Connection conn = GatewayDatabase.openReader(childDb());
                Statement s = conn.createStatement();
                ResultSet r = s.executeQuery("SELECT COALESCE(MAX(height), 0) FROM ledger_blocks")) {
            return r.next() ? r.getLong(1) : 0;
        } catch (java.sql.SQLException e) {
            return 0; // not migrated yet
        }
    }

    private Process startChild(@Nullable String haltAt) throws Exception {
        Path jar = Path.of("target/eag-gateway.jar");
        assertThat(jar)
                .as("the packaged gateway (mvn package runs before this IT)")
                .exists();
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-XX:TieredStopAtLevel=1");
        if (haltAt != null) {
            cmd.add("-Debc.test.halt-in-ledger-append=" + haltAt);
        }
        cmd.addAll(List.of(
                "-jar",
                jar.toString(),
                "consortium",
                "node",
                "--genesis",
                tmp.resolve("genesis.json").toString(),
                "--ca",
                tmp.resolve("ca.crt").toString(),
                "--key",
                tmp.resolve("eag-4.key").toString(),
                "--cert",
                tmp.resolve("eag-4.crt").toString(),
                "--broker",
                broker.url(),
                "--data",
                tmp.resolve("eag-4").toString(),
                "--interval",
                "300ms"));
        return new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        tmp.resolve("eag-4.log").toFile()))
                .start();
    }

    @Test
    void anEagKilledFiftyTimesDuringCommitsCatchesUpToTheSameIntactChain() throws Exception {
        Files.write(tmp.resolve("genesis.json"), c.genesisBytes());
        Pem.writePublic(tmp.resolve("ca.crt"), c.authority().root());
        Pem.writePrivateKey(tmp.resolve("eag-4.key"), c.eag(4).keys().getPrivate());
        Pem.writePublic(tmp.resolve("eag-4.crt"), c.eag(4).issued().certificate());
        for (int i = 1; i <= 3; i++) {
            seat(i);
        }
        Seats.await("three EAGs (a quorum) commit 2 blocks", Duration.ofSeconds(60), () -> seatsHeight() >= 2);

        Random random = new Random(20261207);
        int halted = 0;
        int killed = 0;
        for (int k = 0; k < KILLS; k++) {
            if (k % 5 == 4) {
                Process p = startChild(null);
                child = p;
                Thread.sleep(500 + random.nextInt(2500));
                p.destroyForcibly(); // SIGKILL
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
                killed++;
            } else {
                long at = Math.max(childHeight() + 1, seatsHeight() - random.nextInt(2)) + random.nextInt(2);
                String point = POINTS.get(random.nextInt(POINTS.size()));
                Process p = startChild(point + ":" + at);
                child = p;
                assertThat(p.waitFor(90, TimeUnit.SECONDS))
                        .as("eag-4 reaches the crash point %s:%d (log: %s)", point, at, tmp.resolve("eag-4.log"))
                        .isTrue();
                assertThat(p.exitValue()).as("halted at %s:%d", point, at).isEqualTo(137);
                long h = childHeight();
                assertThat(h).as("after a halt at %s:%d", point, at).isEqualTo(point.equals("committed") ? at : at - 1);
                halted++;
            }
        }
        assertThat(halted + killed).isEqualTo(KILLS);

        // The last restart: it catches up with the others and keeps up.
        Process last = startChild(null);
        child = last;
        long target = seatsHeight() + 2;
        Seats.await("eag-4 catches up to height " + target, Duration.ofSeconds(90), () -> {
            try {
                return childHeight() >= target;
            } catch (Exception e) {
                return false;
            }
        });
        last.destroy();
        assertThat(last.waitFor(30, TimeUnit.SECONDS)).isTrue();
        child = null;

        LedgerCheck.Report report = Seats.checkFile(childDb(), c.genesis());
        assertThat(report.blocks()).isGreaterThanOrEqualTo(target);
        try (Connection conn = GatewayDatabase.openReader(childDb())) {
            for (StoredBlock b : SqliteLedgerStore.readRows(conn).blocks()) {
                assertThat(b.hash())
                        .as("block %d", b.height())
                        .isEqualTo(seatsFixture
                                .stores
                                .get(0)
                                .block(b.height())
                                .orElseThrow()
                                .hash()
                                .hex());
            }
        }
    }
}
