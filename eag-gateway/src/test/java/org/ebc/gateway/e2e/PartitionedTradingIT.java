package org.ebc.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ebc.consensus.EagSigner;
import org.ebc.crypto.Pem;
import org.ebc.gateway.GatewayConfig;
import org.ebc.gateway.bench.AgentConfigFile;
import org.ebc.gateway.bench.AgentFleet;
import org.ebc.gateway.bench.BenchLedger;
import org.ebc.gateway.bench.BenchMarket;
import org.ebc.gateway.bench.BenchSite;
import org.ebc.gateway.bench.GatewayProcess;
import org.ebc.gateway.bench.MeterRoster;
import org.ebc.gateway.chain.BlockValidator;
import org.ebc.gateway.consensus.ConsensusSettings;
import org.ebc.gateway.consensus.RoundTimeouts;
import org.ebc.gateway.consortium.net.LinkProxy;
import org.ebc.gateway.ledger.ConsortiumNode;
import org.ebc.gateway.ledger.RegistrationFeed;
import org.ebc.gateway.market.MarketMode;
import org.ebc.gateway.market.Pricing;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.gateway.storage.RefreshingEnrollments;
import org.ebc.gateway.storage.SqliteLedgerStore;
import org.ebc.gateway.storage.SqliteRegistrationStore;
import org.ebc.ledger.Genesis;
import org.ebc.testing.MosquittoBroker;
import org.ebc.units.EagId;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A 2/2 partition of a trading consortium (issue 8): four EAGs, quorum 3 of 4, two substations each with its own
 * Mosquitto, the brokers bridged through a link the test can cut. Each substation runs a packaged gateway ({@code
 * eag-gateway run}) with six simulated meters trading, and one more EAG (a seat in the test, on that side's broker).
 * Both gateways share one authority directory (two gateways on one host); each imports only the nodes at home at it,
 * and each learns the other's from the authority's registrations over the consortium topics.
 *
 * <p>Connected, blocks carry both sides' payments. Cut: no side commits (2 of 4 is below the quorum), and each side
 * keeps trading: slots clear, bills settle and are paid locally. Healed: every payment of both sides is committed,
 * once; the four EAGs hold one chain; {@code ledger verify} holds at both gateways, and each gateway's coins are
 * conserved.
 */
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class PartitionedTradingIT {
    static final EagId GATEWAY_A = EagId.of("eag-1");
    static final EagId SEAT_A = EagId.of("eag-2");
    static final EagId GATEWAY_B = EagId.of("eag-3");
    static final EagId SEAT_B = EagId.of("eag-4");
    static final Duration SLOT = Duration.ofSeconds(5);

    /** One side: its broker, gateway, meters and seat. */
    private static final class Side implements AutoCloseable {
        final BenchSite site;
        final Path db;
        GatewayProcess gateway;
        AgentFleet agents;
        ConsortiumNode seat;
        SqliteLedgerStore seatStore;

        Side(BenchSite site) {
            this.site = site;
            this.db = GatewayDatabase.file(site.gatewayDir());
        }

        long paid() throws SQLException {
            return single(db, "SELECT COUNT(*) FROM payment_bills WHERE status = 'paid'");
        }

        long height() throws SQLException {
            return single(db, "SELECT COALESCE(MAX(height), 0) FROM ledger_blocks");
        }

        long waiting() throws SQLException {
            return single(db, "SELECT COUNT(*) FROM memory_pool WHERE status = 'ready' AND kind <> 'allocation'");
        }

        void stopAgents() {
            if (agents != null) {
                agents.stop(Duration.ofSeconds(30));
                agents = null;
            }
        }

        @Override
        public void close() {
            stopAgents();
            if (seat != null) {
                seat.close();
            }
            if (seatStore != null) {
                seatStore.close();
            }
            if (gateway != null) {
                gateway.close();
            }
        }
    }

    @Test
    void bothSidesOfAPartitionKeepTradingCommitNothingAndConvergeOnOneChainWhenItHeals() throws Exception {
        Path root = EndToEnd.freshDirectory("partitioned");
        BenchMarket market = new BenchMarket(MarketMode.POSTED, Pricing.PAY_AS_CLEAR, SLOT);
        BenchSite siteA = BenchSite.prepare(
                root.resolve("a"), GATEWAY_A, MeterRoster.plan(6, "node-a", "SIM-A"), Clock.systemUTC(), s -> {});
        BenchSite siteB = BenchSite.join(
                root.resolve("b"),
                siteA,
                GATEWAY_B,
                MeterRoster.plan(6, "node-b", "SIM-B"),
                Clock.systemUTC(),
                s -> {});
        Path authority = siteA.authorityDir();
        for (EagId seat : List.of(SEAT_A, SEAT_B)) {
            Path keys = root.resolve(seat.value()).resolve("keys");
            EndToEnd.inProcess("enroll", "--eag-id", seat.value(), "--dir", keys.toString());
            EndToEnd.inProcess(
                    "authority",
                    "issue-eag",
                    "--dir",
                    authority.toString(),
                    "--csr",
                    keys.resolve("eag.csr").toString(),
                    "--install",
                    keys.toString());
        }
        // The bench's genesis (reward, proof-of-flow on the slot grid) for the four EAGs, blocks every 2 s at 8 bits.
        Path genesisFile = BenchLedger.writeGenesis(
                siteA, market, Clock.systemUTC(), "partitioned test", Duration.ofSeconds(2), 8);
        X509Certificate ca = Pem.readCertificate(authority.resolve("ca.crt"));
        Genesis genesis = Genesis.verify(Files.readAllBytes(genesisFile), ca).orElseThrow();
        assertThat(genesis.members()).hasSize(4);
        assertThat(genesis.quorumSize()).isEqualTo(3);

        int portA = MosquittoBroker.freePort();
        int portB = MosquittoBroker.freePort();
        try (LinkProxy link = new LinkProxy()) {
            InetSocketAddress toB = (InetSocketAddress) link.listen(
                    "a-to-b", new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("127.0.0.1", portB));
            InetSocketAddress toA = (InetSocketAddress) link.listen(
                    "b-to-a", new InetSocketAddress("127.0.0.1", 0), new InetSocketAddress("127.0.0.1", portA));
            try (MosquittoBroker brokerA = MosquittoBroker.startWithConfig(
                            root.resolve("broker-a"),
                            bridged(root.resolve("broker-a"), portA, "b", toB.getPort(), GATEWAY_A, SEAT_A),
                            portA);
                    MosquittoBroker brokerB = MosquittoBroker.startWithConfig(
                            root.resolve("broker-b"),
                            bridged(root.resolve("broker-b"), portB, "a", toA.getPort(), GATEWAY_B, SEAT_B),
                            portB);
                    Side a = new Side(siteA);
                    Side b = new Side(siteB)) {
                start(a, brokerA.url(), market, genesisFile, root.resolve("gateway-a.log"));
                start(b, brokerB.url(), market, genesisFile, root.resolve("gateway-b.log"));
                seat(a, SEAT_A, root, genesis, ca, brokerA.url());
                seat(b, SEAT_B, root, genesis, ca, brokerB.url());
                List<Side> sides = List.of(a, b);

                // Connected: both sides trade and their payments are committed.
                await("blocks with both sides' payments")
                        .atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> a.paid() >= 3
                                && b.paid() >= 3
                                && onChainTransfersAdmittedBy(a.db, GATEWAY_A) >= 1
                                && onChainTransfersAdmittedBy(a.db, GATEWAY_B) >= 1);

                // Cut: the bridge's link swallows everything and its connections are reset.
                link.blackhole("a-to-b", true);
                link.blackhole("b-to-a", true);
                link.drop("a-to-b");
                link.drop("b-to-a");
                Thread.sleep(4000); // a certificate complete before the cut may still land
                long[] cut = {a.height(), b.height(), a.seat.height(), b.seat.height()};
                long paidA = a.paid();
                long paidB = b.paid();
                await("both sides keep trading while cut off")
                        .atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> a.paid() >= paidA + 4 && b.paid() >= paidB + 4);
                long paidCutA = a.paid();
                long paidCutB = b.paid();
                assertThat(new long[] {a.height(), b.height(), a.seat.height(), b.seat.height()})
                        .as("no EAG commits in a 2/2 partition")
                        .containsExactly(cut);
                assertThat(a.waiting()).as("side A's payments wait for a block").isPositive();
                assertThat(b.waiting()).as("side B's payments wait for a block").isPositive();

                // Healed: everything both sides did is committed, once, on one chain.
                link.blackhole("a-to-b", false);
                link.blackhole("b-to-a", false);
                link.drop("a-to-b");
                link.drop("b-to-a");
                a.stopAgents();
                b.stopAgents();
                await("every payment of both sides in a committed block")
                        .atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> TradingEndToEndIT.pendingBills(a.db) == 0
                                && TradingEndToEndIT.pendingBills(b.db) == 0
                                && a.waiting() == 0
                                && b.waiting() == 0);
                long height = Math.max(a.height(), b.height());
                await("the four EAGs at one height")
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> a.height() >= height
                                && b.height() >= height
                                && a.seat.height() >= height
                                && b.seat.height() >= height);
                for (long h = 1; h <= height; h++) {
                    String hash = text(a.db, "SELECT hash FROM ledger_blocks WHERE height = " + h);
                    assertThat(text(b.db, "SELECT hash FROM ledger_blocks WHERE height = " + h))
                            .as("block %d at both gateways", h)
                            .isEqualTo(hash);
                    assertThat(a.seat.height() >= h && b.seat.height() >= h).isTrue();
                    assertThat(a.seatStore.block(h).orElseThrow().hash().hex()).isEqualTo(hash);
                    assertThat(b.seatStore.block(h).orElseThrow().hash().hex()).isEqualTo(hash);
                }
                assertThat(a.paid()).isGreaterThan(paidA);
                assertThat(b.paid()).isGreaterThan(paidB);
                for (Side s : sides) {
                    assertThat(single(
                                    s.db,
                                    "SELECT COUNT(*) FROM (SELECT bill FROM payment_transfers WHERE state = 'applied' "
                                            + "GROUP BY bill HAVING COUNT(*) > 1)"))
                            .as("no bill paid twice")
                            .isZero();
                    assertThat(s.gateway.terminate()).isEqualTo(143);
                    s.gateway = null;
                    String verified = EndToEnd.gatewayOk(
                            "ledger",
                            "verify",
                            "--data",
                            s.site.gatewayDir().toString(),
                            "--genesis",
                            genesisFile.toString(),
                            "--ca",
                            authority.resolve("ca.crt").toString());
                    assertThat(verified).contains("ledger verify: ok:");
                    TradingEndToEndIT.assertCoinsConserved(s.db);
                }
                long applied = single(a.db, "SELECT COUNT(*) FROM payment_transfers WHERE state = 'applied'")
                        + single(b.db, "SELECT COUNT(*) FROM payment_transfers WHERE state = 'applied'");
                assertThat(onChainTransfers(a.db))
                        .as("every transfer either gateway applied is on the chain, once")
                        .isEqualTo(applied);
                System.out.printf(
                        "partitioned trading: cut at heights %s; bills paid while cut: A %d -> %d, B %d -> %d, no commit;"
                                + " healed: %d and %d bills paid, height %d at all four EAGs, %d transfers on chain"
                                + " (A admitted %d, B %d)%n",
                        java.util.Arrays.toString(cut),
                        paidA,
                        paidCutA,
                        paidB,
                        paidCutB,
                        a.paid(),
                        b.paid(),
                        height,
                        onChainTransfers(a.db),
                        onChainTransfersAdmittedBy(a.db, GATEWAY_A),
                        onChainTransfersAdmittedBy(a.db, GATEWAY_B));
            }
        }
    }

    private static void start(Side s, String brokerUrl, BenchMarket market, Path genesisFile, Path log)
            throws Exception {
        Map<String, String> settings = new LinkedHashMap<>(EndToEnd.externalBroker(brokerUrl));
        settings.putAll(market.gatewayKeys(60));
        settings.put(GatewayConfig.LEDGER_GENESIS, genesisFile.toString());
        s.site.gatewaySettings(settings);
        s.gateway = EndToEnd.startGateway(s.site.gatewayProperties(), log);
        s.gateway.awaitSubscribed(Duration.ofSeconds(90));
        s.agents = AgentFleet.start(
                AgentFleet.currentJava(),
                EndToEnd.agentJar(),
                s.site.writeAgentConfigs(
                        brokerUrl, new AgentConfigFile.Tuning(Duration.ofMillis(500), 60, market.agentKeys())),
                s.site.root(),
                List.of("-Xmx256m"));
    }

    /** The side's second EAG: a consortium seat with an empty account pool, knowing nodes only by the registrations. */
    private static void seat(Side s, EagId id, Path root, Genesis genesis, X509Certificate ca, String brokerUrl)
            throws Exception {
        Path keys = root.resolve(id.value()).resolve("keys");
        KeyPair k = new KeyPair(
                Pem.readCertificate(keys.resolve("eag.crt")).getPublicKey(),
                Pem.readPrivateKey(keys.resolve("eag.key")));
        Path db = GatewayDatabase.file(root.resolve(id.value()).resolve("data"));
        s.seatStore = new SqliteLedgerStore(GatewayDatabase.openMigrated(db), genesis, id);
        RegistrationFeed registrations = new RegistrationFeed(
                ca, new SqliteRegistrationStore(db), new RefreshingEnrollments(db, id, 500), Clock.systemUTC());
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        s.seat = new ConsortiumNode(
                genesis,
                EagSigner.of(id, k.getPrivate(), k.getPublic()),
                k,
                s.seatStore,
                registrations,
                BlockValidator.singleThreaded(genesis),
                brokerUrl,
                o,
                Clock.systemUTC(),
                new ConsortiumNode.Settings(
                        ConsensusSettings.defaults(RoundTimeouts.defaults()), Duration.ofSeconds(2), 1000),
                ConsortiumNode.PendingTransactions.NONE,
                (block, certified) -> {});
        s.seat.gossip(registrations);
        s.seat.start();
    }

    /** A plain-TCP broker that pushes its own EAGs' consortium prefixes to the peer broker through the link. */
    private static String bridged(Path dir, int port, String peer, int peerPort, EagId one, EagId two) {
        return MosquittoBroker.bridgedConfig(dir, port, peer, peerPort, List.of(one.value(), two.value()));
    }

    private static long onChainTransfers(Path db) throws SQLException {
        return transfers(db).size();
    }

    /** Transfers on the chain (as this database holds it) that {@code eag} admitted: its nodes' payments. */
    private static long onChainTransfersAdmittedBy(Path db, EagId eag) throws SQLException {
        return transfers(db).stream()
                .filter(t -> t.contains("\"from\":\"" + eag + "\""))
                .count();
    }

    private static List<String> transfers(Path db) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = GatewayDatabase.openReader(db);
                PreparedStatement s = c.prepareStatement("SELECT tx FROM ledger_transactions");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                String tx = new String(r.getBytes(1), StandardCharsets.UTF_8);
                if (tx.contains("\"kind\":\"transfer\"")) {
                    out.add(tx);
                }
            }
        }
        return out;
    }

    private static long single(Path db, String sql) throws SQLException {
        return EndToEnd.single(db, sql);
    }

    private static String text(Path db, String sql) throws SQLException {
        return EndToEnd.text(db, sql);
    }
}
