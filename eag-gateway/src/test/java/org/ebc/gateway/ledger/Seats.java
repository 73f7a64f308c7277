package org.ebc.gateway.ledger;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.ebc.consensus.EagSigner;
import org.ebc.gateway.chain.BlockValidator;
import org.ebc.gateway.chain.InMemoryEnrollments;
import org.ebc.gateway.consensus.ConsensusSettings;
import org.ebc.gateway.consensus.RoundTimeouts;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.gateway.storage.SqliteLedgerStore;
import org.ebc.ledger.Target;
import org.ebc.testing.TestConsortium;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;

/**
 * The consortium ITs' EAGs: a test consortium at a low difficulty and its EAGs as {@link ConsortiumNode}s, each with
 * its own SQLite ledger under {@code dir/eag-N}, on the broker the test names. Closes what it started.
 */
final class Seats implements AutoCloseable {
    final TestConsortium c;
    final Path dir;
    final List<ConsortiumNode> running = new ArrayList<>();
    final List<SqliteLedgerStore> stores = new ArrayList<>();

    Seats(Path dir, Duration interval) {
        this.dir = dir;
        this.c = TestConsortium.create(
                4,
                4,
                b -> b.interval(interval)
                        .initialTarget(Target.ofLeadingZeroBits(8))
                        .maxTarget(Target.ofLeadingZeroBits(4)));
    }

    Path db(int eag) {
        return GatewayDatabase.file(dir.resolve("eag-" + eag));
    }

    /** Starts eag-{@code eag} over {@code brokerUrl}; a restarted EAG reopens its own file. */
    ConsortiumNode start(int eag, String brokerUrl, RoundTimeouts timeouts, Duration spacing) throws Exception {
        return start(
                eag,
                brokerUrl,
                timeouts,
                spacing,
                InMemoryEnrollments.EMPTY,
                ConsortiumNode.PendingTransactions.NONE,
                (block, certified) -> {});
    }

    /** The test consortium's nodes, each at home at its EAG, as every EAG's enrollments. */
    InMemoryEnrollments enrollments() {
        InMemoryEnrollments e = InMemoryEnrollments.EMPTY;
        for (TestConsortium.Node n : c.nodes()) {
            e = e.with(n.id(), n.home(), List.of(n.address()));
        }
        return e;
    }

    /** Starts eag-{@code eag} with these enrollments, offering {@code pending} to its blocks. */
    ConsortiumNode start(
            int eag,
            String brokerUrl,
            RoundTimeouts timeouts,
            Duration spacing,
            org.ebc.gateway.chain.Enrollments enrollments,
            ConsortiumNode.PendingTransactions pending,
            ConsortiumNode.CommitListener listener)
            throws Exception {
        return start(eag, brokerUrl, timeouts, spacing, enrollments, pending, listener, false);
    }

    /** Starts eag-{@code eag}; with {@code waitForBroker} a broker that is not there yet does not fail the start. */
    ConsortiumNode start(
            int eag,
            String brokerUrl,
            RoundTimeouts timeouts,
            Duration spacing,
            org.ebc.gateway.chain.Enrollments enrollments,
            ConsortiumNode.PendingTransactions pending,
            ConsortiumNode.CommitListener listener,
            boolean waitForBroker)
            throws Exception {
        TestConsortium.Eag e = c.eag(eag);
        SqliteLedgerStore store = new SqliteLedgerStore(GatewayDatabase.openMigrated(db(eag)), c.genesis(), e.id());
        stores.add(store);
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setMaxInflight(1000);
        ConsortiumNode node = new ConsortiumNode(
                c.genesis(),
                EagSigner.of(e.id(), e.keys().getPrivate(), e.keys().getPublic()),
                e.keys(),
                store,
                enrollments,
                BlockValidator.singleThreaded(c.genesis()),
                brokerUrl,
                o,
                Clock.systemUTC(),
                new ConsortiumNode.Settings(ConsensusSettings.defaults(timeouts), spacing, 1000),
                pending,
                listener);
        try {
            node.start(waitForBroker);
        } catch (Exception | Error failed) {
            node.close();
            throw failed;
        }
        running.add(node);
        return node;
    }

    /** Short timeouts for four EAGs on one machine. */
    static RoundTimeouts fast() {
        return new RoundTimeouts(
                Duration.ofSeconds(1),
                Duration.ofMillis(700),
                Duration.ofMillis(700),
                Duration.ofMillis(300),
                Duration.ofSeconds(5),
                Duration.ofSeconds(1));
    }

    static long minHeight(List<ConsortiumNode> nodes) {
        return nodes.stream().mapToLong(ConsortiumNode::height).min().orElse(0);
    }

    /** Every store holds the same block hash at every height up to {@code upTo}: no fork. */
    static void assertOneChain(List<SqliteLedgerStore> stores, long upTo) {
        for (long h = 1; h <= upTo; h++) {
            org.ebc.consensus.BlockHash first =
                    stores.get(0).block(h).orElseThrow().hash();
            for (SqliteLedgerStore s : stores) {
                org.assertj.core.api.Assertions.assertThat(
                                s.block(h).orElseThrow().hash())
                        .as("block %d", h)
                        .isEqualTo(first);
            }
        }
    }

    /**
     * An EAG's file after its run: SQLite's {@code PRAGMA integrity_check} is ok and {@code ledger verify}'s check
     * holds from the genesis.
     *
     * @return the ledger check's report
     */
    static LedgerCheck.Report checkFile(Path db, org.ebc.ledger.Genesis genesis) throws java.sql.SQLException {
        return checkFileWith(db, genesis, InMemoryEnrollments.EMPTY);
    }

    /** {@link #checkFile} with the registrations the chain was validated with. */
    static LedgerCheck.Report checkFileWith(
            Path db, org.ebc.ledger.Genesis genesis, org.ebc.gateway.chain.Enrollments enrollments)
            throws java.sql.SQLException {
        try (java.sql.Connection conn = GatewayDatabase.openReader(db)) {
            try (java.sql.Statement s = conn.createStatement();
                    java.sql.ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
                r.next();
                org.assertj.core.api.Assertions.assertThat(r.getString(1))
                        .as("integrity of %s", db)
                        .isEqualTo("ok");
            }
            SqliteLedgerStore.Rows rows = SqliteLedgerStore.readRows(conn);
            LedgerCheck.Report report = LedgerCheck.check(
                    genesis,
                    enrollments,
                    rows.blocks(),
                    rows.transactions(),
                    BlockValidator.singleThreaded(genesis),
                    Clock.systemUTC());
            org.assertj.core.api.Assertions.assertThat(report.finding())
                    .as("ledger check of %s", db)
                    .isNull();
            return report;
        }
    }

    static void await(String what, Duration max, BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + max.toSeconds() + " s: " + what);
            }
            Thread.sleep(50);
        }
    }

    /** Stops every EAG and closes its file (each only once; a stopped EAG stays stopped). */
    void stopAll() {
        running.forEach(ConsortiumNode::close);
        stores.forEach(SqliteLedgerStore::close);
    }

    @Override
    public void close() {
        stopAll();
    }
}
