package org.ebc.gateway.bench;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import org.ebc.consensus.EagSigner;
import org.ebc.crypto.Pem;
import org.ebc.gateway.Gateway;
import org.ebc.gateway.chain.BlockValidator;
import org.ebc.gateway.cli.GatewayCli;
import org.ebc.gateway.consensus.ConsensusSettings;
import org.ebc.gateway.consensus.RoundTimeouts;
import org.ebc.gateway.ledger.ConsortiumNode;
import org.ebc.gateway.ledger.LedgerCheck;
import org.ebc.gateway.ledger.MemoryPoolFeed;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.gateway.storage.LocalEnrollments;
import org.ebc.gateway.storage.RefreshingEnrollments;
import org.ebc.gateway.storage.SqliteLedgerStore;
import org.ebc.ledger.Genesis;
import org.ebc.wire.NoDelaySockets;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;

/**
 * The bench's ledger: the bench authority signs a genesis for its one EAG ({@code eag-gateway authority genesis}), and
 * the gateway's seat in that consortium runs next to it ({@link ConsortiumNode}, a consortium of one: its own
 * quorum), mining blocks from the payments' memory pool ({@link MemoryPoolFeed}) into the gateway's SQLite file, so
 * the bench shows the microgrid's payments going into blocks. {@link #stopAndCheck} re-checks the chain as
 * {@code ledger verify} does.
 */
final class BenchLedger implements AutoCloseable {
    /** The block interval: one block every few seconds, so a 60 s run shows a dozen. */
    static final Duration INTERVAL = Duration.ofSeconds(5);

    private final Genesis genesis;
    private final Path genesisFile;
    private final Path database;
    private final ConsortiumNode node;
    private final SqliteLedgerStore store;
    private final MemoryPoolFeed feed;
    private final Gateway gateway;

    private BenchLedger(
            Genesis genesis,
            Path genesisFile,
            Gateway gateway,
            ConsortiumNode node,
            SqliteLedgerStore store,
            MemoryPoolFeed feed) {
        this.genesis = genesis;
        this.genesisFile = genesisFile;
        this.database = gateway.database();
        this.gateway = gateway;
        this.node = node;
        this.store = store;
        this.feed = feed;
    }

    static BenchLedger start(BenchSite site, Gateway gateway, BenchMarket market, Clock clock, Consumer<String> say)
            throws Exception {
        Path genesisFile = site.root().resolve("genesis.json");
        StringWriter out = new StringWriter();
        var cli = GatewayCli.newCommandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        // The chain counts proof-of-flow periods from the genesis time, the payments from the slot grid: one start.
        long period = market.slot().toMillis() * 4;
        java.time.Instant time = java.time.Instant.ofEpochMilli(Math.floorDiv(clock.millis(), period) * period);
        int exit = cli.execute(
                "authority",
                "genesis",
                "--time",
                time.toString(),
                "--dir",
                site.authorityDir().toString(),
                "--consortium",
                "ebc bench",
                "--interval",
                INTERVAL.toMillis() + "ms",
                "--initial-target-bits",
                "12",
                "--reward",
                "100",
                "--proof-of-flow-period",
                period + "ms",
                "--proof-of-flow-award",
                "1",
                "--out",
                genesisFile.toString());
        if (exit != 0) {
            throw new IllegalStateException("the bench authority could not sign a genesis: " + out);
        }
        Path ca = site.authorityDir().resolve("ca.crt");
        Genesis genesis = Genesis.verify(Files.readAllBytes(genesisFile), Pem.readCertificate(ca))
                .orElseThrow();
        var identity = gateway.identity();
        KeyPair keys = new KeyPair(identity.certificate().getPublicKey(), identity.key());
        SqliteLedgerStore store =
                new SqliteLedgerStore(GatewayDatabase.openMigrated(gateway.database()), genesis, gateway.eag());
        MemoryPoolFeed feed =
                new MemoryPoolFeed(gateway.eag(), keys, gateway.payments().memoryPool(), genesis, 2_000);
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setSocketFactory(NoDelaySockets.plain());
        ConsortiumNode node = new ConsortiumNode(
                genesis,
                EagSigner.of(
                        gateway.eag(), identity.key(), identity.certificate().getPublicKey()),
                keys,
                store,
                new RefreshingEnrollments(gateway.database(), gateway.eag(), 500),
                BlockValidator.singleThreaded(genesis),
                gateway.brokerUri(),
                o,
                clock,
                new ConsortiumNode.Settings(ConsensusSettings.defaults(RoundTimeouts.defaults()), INTERVAL, 2_000),
                feed,
                feed);
        try {
            node.start();
        } catch (Exception | Error e) {
            store.close();
            throw e;
        }
        say.accept("ledger: genesis " + genesis.hash().hex().substring(0, 12) + " (" + genesisFile + "), a block every "
                + INTERVAL.toSeconds() + " s from the payments' memory pool");
        return new BenchLedger(genesis, genesisFile, gateway, node, store, feed);
    }

    /** One line for the live summary. */
    String line() {
        return "blocks " + node.height() + ", pool "
                + gateway.payments().memoryPool().readyCount() + " waiting (" + feed.waiting() + " signed)";
    }

    long height() {
        return node.height();
    }

    Path genesisFile() {
        return genesisFile;
    }

    /** Stops mining and consensus, then re-checks the stored chain from its genesis as {@code ledger verify} does. */
    LedgerCheck.Report stopAndCheck() throws SQLException {
        close();
        try (Connection c = GatewayDatabase.openReader(database)) {
            SqliteLedgerStore.Rows rows = SqliteLedgerStore.readRows(c);
            return LedgerCheck.check(
                    genesis,
                    LocalEnrollments.read(c, gateway.eag()),
                    rows.blocks(),
                    rows.transactions(),
                    BlockValidator.singleThreaded(genesis),
                    Clock.systemUTC());
        }
    }

    @Override
    public void close() {
        node.close();
        store.close();
    }
}
