package org.ebc.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ebc.consensus.EagSigner;
import org.ebc.crypto.Pem;
import org.ebc.gateway.GatewayConfig;
import org.ebc.gateway.bench.AgentConfigFile;
import org.ebc.gateway.bench.AgentFleet;
import org.ebc.gateway.bench.BenchMarket;
import org.ebc.gateway.bench.BenchSite;
import org.ebc.gateway.bench.GatewayProcess;
import org.ebc.gateway.bench.MeterRoster;
import org.ebc.gateway.chain.BlockValidator;
import org.ebc.gateway.consensus.ConsensusSettings;
import org.ebc.gateway.consensus.RoundTimeouts;
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
import org.ebc.units.NodeId;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Islanded operation (issue 8): a gateway whose consortium peer is gone keeps its microgrid trading. The packaged
 * gateway ({@code eag-gateway run}, seat named by {@code ledger.genesis}) and eight simulated meters trade over a real
 * Mosquitto in a consortium of two EAGs whose genesis needs both to commit ({@code --quorum all}); the other EAG is
 * not there. Slots clear, bills settle and are paid, no block is committed, and {@code eag-gateway status} shows the
 * payments as pending. Then the peer joins: every payment goes into blocks, both EAGs hold the same chain, {@code
 * ledger verify} holds from the genesis, no bill was paid twice and the chain's coins are the payment core's less the
 * grid float.
 *
 * <p>The peer knows the trading gateway's nodes only from the authority's registrations, which the trading gateway
 * (reading the authority's directory) publishes over the consortium topics: nothing is copied to the peer by hand. A
 * node revoked at the authority is then known as revoked at the peer within seconds.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class IslandedGatewayIT {
    static final EagId EAG = EagId.of("eag-island");
    static final EagId PEER = EagId.of("eag-peer");
    static final Duration SLOT = Duration.ofSeconds(5);

    @Test
    void aGatewayWithoutItsPeerKeepsTradingAndCommitsEverythingWhenThePeerReturns() throws Exception {
        Path root = EndToEnd.freshDirectory("islanded");
        BenchMarket market = new BenchMarket(MarketMode.POSTED, Pricing.PAY_AS_CLEAR, SLOT);
        try (MosquittoBroker mosquitto = MosquittoBroker.start(root.resolve("mosquitto"))) {
            BenchSite site = BenchSite.prepare(root, EAG, MeterRoster.plan(8, "node-"), Clock.systemUTC(), s -> {});
            // The second EAG of the consortium: its own key, certified by the same authority.
            Path peerKeys = root.resolve("peer").resolve("keys");
            EndToEnd.inProcess("enroll", "--eag-id", PEER.value(), "--dir", peerKeys.toString());
            EndToEnd.inProcess(
                    "authority",
                    "issue-eag",
                    "--dir",
                    site.authorityDir().toString(),
                    "--csr",
                    peerKeys.resolve("eag.csr").toString(),
                    "--install",
                    peerKeys.toString());
            long period = SLOT.toMillis() * 4;
            Path genesisFile = root.resolve("genesis.json");
            EndToEnd.inProcess(
                    "authority",
                    "genesis",
                    "--dir",
                    site.authorityDir().toString(),
                    "--consortium",
                    "islanded test",
                    "--time",
                    Instant.ofEpochMilli(Math.floorDiv(System.currentTimeMillis(), period) * period)
                            .toString(),
                    "--quorum",
                    "all",
                    "--interval",
                    "2s",
                    "--initial-target-bits",
                    "8",
                    // The grid account pays grid-export bills from the EAG's address, which on chain holds what its
                    // blocks earned and what buyers paid the grid (as in the bench).
                    "--reward",
                    "100",
                    "--proof-of-flow-period",
                    period + "ms",
                    "--proof-of-flow-award",
                    "1",
                    "--out",
                    genesisFile.toString());
            X509Certificate root0 = Pem.readCertificate(site.authorityDir().resolve("ca.crt"));
            Genesis genesis =
                    Genesis.verify(Files.readAllBytes(genesisFile), root0).orElseThrow();
            assertThat(genesis.members()).hasSize(2);

            Map<String, String> settings = new LinkedHashMap<>(EndToEnd.externalBroker(mosquitto.url()));
            settings.putAll(market.gatewayKeys(60));
            settings.put(GatewayConfig.LEDGER_GENESIS, genesisFile.toString());
            site.gatewaySettings(settings);
            Path log = root.resolve("gateway.log");
            Path db = GatewayDatabase.file(site.gatewayDir());
            GatewayProcess g = EndToEnd.startGateway(site.gatewayProperties(), log);
            AgentFleet agents = null;
            ConsortiumNode peer = null;
            SqliteLedgerStore peerStore = null;
            try {
                g.awaitSubscribed(Duration.ofSeconds(90));
                agents = AgentFleet.start(
                        AgentFleet.currentJava(),
                        EndToEnd.agentJar(),
                        site.writeAgentConfigs(
                                mosquitto.url(),
                                new AgentConfigFile.Tuning(Duration.ofMillis(500), 60, market.agentKeys())),
                        root,
                        List.of("-Xmx256m"));

                // Islanded: trading goes on, nothing is committed, the payments wait in the pool.
                await("bills paid while the consortium cannot commit")
                        .atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> single(db, "SELECT COUNT(*) FROM payment_bills WHERE status = 'paid'") >= 10
                                && TradingEndToEndIT.settledTradedSlots(db) >= 2);
                agents.stop(Duration.ofSeconds(30));
                agents = null;
                await("no payment left pending")
                        .atMost(Duration.ofSeconds(60))
                        .until(() -> TradingEndToEndIT.pendingBills(db) == 0);
                long paid = single(db, "SELECT COUNT(*) FROM payment_bills WHERE status = 'paid'");
                long applied = single(db, "SELECT COUNT(*) FROM payment_transfers WHERE state = 'applied'");
                assertThat(single(db, "SELECT COUNT(*) FROM ledger_blocks"))
                        .as("no block without the peer (quorum all)")
                        .isZero();
                String islanded = EndToEnd.gatewayOk(
                        "status", "--config", site.gatewayProperties().toString());
                assertThat(islanded)
                        .contains("ledger       no block stored")
                        .contains("registrations revision ")
                        .containsPattern("pool entries waiting for a block \\(" + applied + " payment\\(s\\)\\)");

                // The peer returns: everything the island did is committed, once.
                KeyPair peerKeyPair = new KeyPair(
                        Pem.readCertificate(peerKeys.resolve("eag.crt")).getPublicKey(),
                        Pem.readPrivateKey(peerKeys.resolve("eag.key")));
                Path peerDb = GatewayDatabase.file(root.resolve("peer").resolve("data"));
                peerStore = new SqliteLedgerStore(GatewayDatabase.openMigrated(peerDb), genesis, PEER);
                // The peer's own account pool is empty: the island's nodes reach it as the authority's registrations.
                RegistrationFeed peerRegistrations = new RegistrationFeed(
                        root0,
                        new SqliteRegistrationStore(peerDb),
                        new RefreshingEnrollments(peerDb, PEER, 500),
                        Clock.systemUTC());
                assertThat(peerRegistrations.current())
                        .as("nothing known before the gossip")
                        .isEmpty();
                MqttConnectOptions o = new MqttConnectOptions();
                o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
                peer = new ConsortiumNode(
                        genesis,
                        EagSigner.of(PEER, peerKeyPair.getPrivate(), peerKeyPair.getPublic()),
                        peerKeyPair,
                        peerStore,
                        peerRegistrations,
                        BlockValidator.singleThreaded(genesis),
                        mosquitto.url(),
                        o,
                        Clock.systemUTC(),
                        new ConsortiumNode.Settings(
                                ConsensusSettings.defaults(RoundTimeouts.defaults()), Duration.ofSeconds(2), 1000),
                        ConsortiumNode.PendingTransactions.NONE,
                        (block, certified) -> {});
                peer.gossip(peerRegistrations);
                peer.start();
                await("the island's registrations at the peer")
                        .atMost(Duration.ofSeconds(15))
                        .until(() -> peerRegistrations.current().isPresent());
                assertThat(peerRegistrations.current().orElseThrow().nodes())
                        .hasSize(8)
                        .allSatisfy(n -> assertThat(n.home()).isEqualTo(EAG));
                await("every payment in a committed block")
                        .atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> single(
                                                db,
                                                "SELECT COUNT(*) FROM memory_pool WHERE status = 'ready' AND kind <> "
                                                        + "'allocation'")
                                        == 0
                                && single(db, "SELECT COUNT(*) FROM ledger_blocks") >= 1);
                ConsortiumNode p = peer;
                long height = single(db, "SELECT MAX(height) FROM ledger_blocks");
                await("the peer holds the same height")
                        .atMost(Duration.ofSeconds(30))
                        .until(() -> p.height() >= height);
                for (long h = 1; h <= height; h++) {
                    assertThat(peer.height()).isGreaterThanOrEqualTo(h);
                    assertThat(peerStore.block(h).orElseThrow().hash().hex())
                            .as("block %d at both EAGs", h)
                            .isEqualTo(text(db, "SELECT hash FROM ledger_blocks WHERE height = " + h));
                }
                assertThat(single(db, "SELECT COUNT(*) FROM payment_bills WHERE status = 'paid'"))
                        .isEqualTo(paid);
                assertThat(single(
                                db,
                                "SELECT COUNT(*) FROM (SELECT bill FROM payment_transfers WHERE state = 'applied' "
                                        + "GROUP BY bill HAVING COUNT(*) > 1)"))
                        .as("no bill paid twice")
                        .isZero();
                // Exit: a node revoked at the authority is refused at every EAG, here within seconds at the peer.
                NodeId leaving =
                        peerRegistrations.current().orElseThrow().nodes().get(0).node();
                long revision = peerRegistrations.current().orElseThrow().seq();
                Instant revokedFrom = Instant.now();
                EndToEnd.inProcess(
                        "authority", "revoke", "--dir", site.authorityDir().toString(), "--id", leaving.value());
                await("the revocation at the peer")
                        .atMost(Duration.ofSeconds(15))
                        .until(() -> peerRegistrations.revokedAt(leaving).isPresent());
                assertThat(peerRegistrations.current().orElseThrow().seq()).isGreaterThan(revision);
                assertThat(peerRegistrations.revokedAt(leaving).getAsLong())
                        .isGreaterThanOrEqualTo(revokedFrom.toEpochMilli() - 1_000);
                assertThat(single(peerDb, "SELECT COUNT(*) FROM consortium_registrations"))
                        .as("kept in the peer's SQLite")
                        .isEqualTo(1);
                assertThat(peerRegistrations.count(RegistrationFeed.Verdict.REFUSED))
                        .isZero();
                assertThat(g.terminate()).isEqualTo(143);
                String verified = EndToEnd.gatewayOk(
                        "ledger",
                        "verify",
                        "--data",
                        site.gatewayDir().toString(),
                        "--genesis",
                        genesisFile.toString(),
                        "--ca",
                        site.authorityDir().resolve("ca.crt").toString());
                assertThat(verified).contains("ledger verify: ok:");
                long transfersOnChain = 0;
                try (Connection c = GatewayDatabase.openReader(db);
                        PreparedStatement s = c.prepareStatement("SELECT tx FROM ledger_transactions");
                        ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        if (new String(r.getBytes(1), StandardCharsets.UTF_8).contains("\"kind\":\"transfer\"")) {
                            transfersOnChain++;
                        }
                    }
                }
                assertThat(transfersOnChain)
                        .as("every applied transfer is on chain, once")
                        .isEqualTo(applied);
                TradingEndToEndIT.assertCoinsConserved(db);
            } finally {
                if (agents != null) {
                    agents.stop(Duration.ofSeconds(10));
                }
                if (peer != null) {
                    peer.close();
                }
                if (peerStore != null) {
                    peerStore.close();
                }
                g.close();
            }
        }
    }

    private static long single(Path db, String sql) throws SQLException {
        return EndToEnd.single(db, sql);
    }

    private static String text(Path db, String sql) throws SQLException {
        return EndToEnd.text(db, sql);
    }
}
