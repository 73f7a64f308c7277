package org.ebc.gateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.ebc.consensus.BlockHash;
import org.ebc.consensus.EagSigner;
import org.ebc.gateway.chain.BlockValidator;
import org.ebc.gateway.chain.InMemoryEnrollments;
import org.ebc.gateway.consensus.ConsensusSettings;
import org.ebc.gateway.consensus.RoundTimeouts;
import org.ebc.gateway.consensus.Verdict;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.gateway.storage.SqliteLedgerStore;
import org.ebc.ledger.Target;
import org.ebc.testing.MosquittoBroker;
import org.ebc.testing.TestConsortium;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four EAGs, each a {@link ConsortiumNode} with its own SQLite ledger, over a real Mosquitto broker, mining at a
 * low difficulty: blocks keep coming with one EAG crashed; with two crashed (below the quorum of three) no block
 * is committed and nothing forks; restarted, the two catch up from their peers, re-validating every block and
 * certificate, and all four hold one chain that {@code ledger verify}'s check accepts.
 */
class ConsortiumOverBrokerIT {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path tmp;

    private final TestConsortium c = TestConsortium.create(
            4,
            4,
            b -> b.interval(Duration.ofMillis(400))
                    .initialTarget(Target.ofLeadingZeroBits(8))
                    .maxTarget(Target.ofLeadingZeroBits(4)));
    private final List<ConsortiumNode> running = new ArrayList<>();
    private final List<SqliteLedgerStore> stores = new ArrayList<>();
    private MosquittoBroker broker;

    @BeforeEach
    void startBroker() throws Exception {
        broker = MosquittoBroker.start(tmp.resolve("broker"));
    }

    @AfterEach
    void stop() {
        running.forEach(ConsortiumNode::close);
        stores.forEach(SqliteLedgerStore::close);
        broker.close();
    }

    private Path db(int eag) {
        return GatewayDatabase.file(tmp.resolve("eag-" + eag));
    }

    private ConsortiumNode start(int eag) throws Exception {
        TestConsortium.Eag e = c.eag(eag);
        SqliteLedgerStore store = new SqliteLedgerStore(GatewayDatabase.openMigrated(db(eag)), c.genesis(), e.id());
        stores.add(store);
        RoundTimeouts timeouts = new RoundTimeouts(
                Duration.ofSeconds(1),
                Duration.ofMillis(700),
                Duration.ofMillis(700),
                Duration.ofMillis(300),
                Duration.ofSeconds(5),
                Duration.ofSeconds(1));
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setMaxInflight(1000);
        ConsortiumNode node = new ConsortiumNode(
                c.genesis(),
                EagSigner.of(e.id(), e.keys().getPrivate(), e.keys().getPublic()),
                e.keys(),
                store,
                InMemoryEnrollments.EMPTY,
                BlockValidator.singleThreaded(c.genesis()),
                broker.url(),
                o,
                Clock.systemUTC(),
                new ConsortiumNode.Settings(ConsensusSettings.defaults(timeouts), Duration.ofMillis(150), 1000),
                ConsortiumNode.PendingTransactions.NONE,
                (block, certified) -> {});
        node.start();
        running.add(node);
        return node;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + WAIT.toSeconds() + " s: " + what);
            }
            Thread.sleep(50);
        }
    }

    /** Every pair of the given nodes holds the same block hash at every height both have. */
    private static void assertOneChain(List<ConsortiumNode> nodes, List<SqliteLedgerStore> stores) {
        long common = nodes.stream().mapToLong(ConsortiumNode::height).min().orElse(0);
        for (long h = 1; h <= common; h++) {
            BlockHash first = stores.get(0).block(h).orElseThrow().hash();
            for (SqliteLedgerStore s : stores) {
                assertThat(s.block(h).orElseThrow().hash()).as("block %d", h).isEqualTo(first);
            }
        }
    }

    @Test
    void blocksContinueWithOneEagDownStopWithTwoDownAndAllConvergeAfterTheirRestart() throws Exception {
        List<ConsortiumNode> n = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            n.add(start(i));
        }
        await("all four EAGs commit 3 blocks", () -> n.stream().allMatch(x -> x.height() >= 3));
        assertOneChain(n, stores);

        // One of four down (f = 1): the other three still make a quorum.
        n.get(3).close();
        long atFirstCrash = n.get(0).height();
        List<ConsortiumNode> three = n.subList(0, 3);
        await(
                "three EAGs commit 3 more blocks with eag-4 down",
                () -> three.stream().allMatch(x -> x.height() >= atFirstCrash + 3));
        assertOneChain(three, stores.subList(0, 3));

        // Two of four down: below the quorum, no block may be committed, and the two left must not diverge.
        n.get(2).close();
        Thread.sleep(3000); // a certificate already complete when eag-3 stopped may still land
        long stalled1 = n.get(0).height();
        long stalled2 = n.get(1).height();
        Thread.sleep(6000);
        assertThat(n.get(0).height())
                .as("eag-1 commits nothing below the quorum")
                .isEqualTo(stalled1);
        assertThat(n.get(1).height())
                .as("eag-2 commits nothing below the quorum")
                .isEqualTo(stalled2);
        assertOneChain(n.subList(0, 2), stores.subList(0, 2));

        // Restarted over their own files, eag-3 and eag-4 catch up and blocks come again.
        stores.get(2).close();
        stores.get(3).close();
        ConsortiumNode e3 = start(3);
        ConsortiumNode e4 = start(4);
        List<ConsortiumNode> all = List.of(n.get(0), n.get(1), e3, e4);
        List<SqliteLedgerStore> allStores = List.of(stores.get(0), stores.get(1), stores.get(4), stores.get(5));
        long target = Math.max(stalled1, stalled2) + 3;
        await(
                "all four EAGs reach height " + target + " after the restart",
                () -> all.stream().allMatch(x -> x.height() >= target));
        assertOneChain(all, allStores);
        assertThat(n.get(0).verdicts(Verdict.ACCEPTED)).isPositive();
        for (ConsortiumNode x : all) {
            x.close();
        }
        running.clear();

        // Each EAG's file: SQLite's own check, and ledger verify's check from genesis.
        for (int i = 1; i <= 4; i++) {
            try (Connection conn = GatewayDatabase.openReader(db(i))) {
                try (Statement s = conn.createStatement();
                        ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
                    r.next();
                    assertThat(r.getString(1)).isEqualTo("ok");
                }
                SqliteLedgerStore.Rows rows = SqliteLedgerStore.readRows(conn);
                LedgerCheck.Report report = LedgerCheck.check(
                        c.genesis(),
                        InMemoryEnrollments.EMPTY,
                        rows.blocks(),
                        rows.transactions(),
                        BlockValidator.singleThreaded(c.genesis()),
                        Clock.systemUTC());
                assertThat(report.finding()).as("eag-%d", i).isNull();
                assertThat(report.blocks()).isGreaterThanOrEqualTo(target);
            }
        }
    }
}
