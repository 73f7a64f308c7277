package org.ebc.gateway.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.security.PublicKey;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ebc.crypto.Pem;
import org.ebc.gateway.bench.AgentConfigFile;
import org.ebc.gateway.bench.AgentFleet;
import org.ebc.gateway.bench.BenchMarket;
import org.ebc.gateway.bench.BenchMeter;
import org.ebc.gateway.bench.BenchSite;
import org.ebc.gateway.bench.GatewayProcess;
import org.ebc.gateway.bench.MeterRoster;
import org.ebc.gateway.cli.GatewayCli;
import org.ebc.gateway.market.MarketMode;
import org.ebc.gateway.market.Pricing;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.gateway.trading.TradeClient;
import org.ebc.testing.MosquittoBroker;
import org.ebc.trade.MarketResult;
import org.ebc.units.EagId;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sqlite.SQLiteConfig;

/**
 * The whole microgrid trading through a real Mosquitto: 20 simulated meters in one agent process, the gateway as
 * a process of its own, 5-second slots. The gateway is killed with SIGKILL in the middle of a slot and restarted.
 * After at least eight slots with orders: every slot is cleared and settled, every bill is paid or visibly open,
 * coins are conserved, every order an agent saw accepted is in the book exactly as it signed it, and every slot's
 * clearing, re-run offline from its exported book, gives the digest the gateway published on the market topic,
 * before and after the kill.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class TradingEndToEndIT {
    static final EagId EAG = EagId.of("eag-trade");
    static final int METERS = 20;
    static final Duration SLOT = Duration.ofSeconds(5);
    static final int TRADED_SLOTS = 8;

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"posted, pay-as-clear", "auction, pay-as-clear"})
    void twentyMetersTradeSettleAndPayThroughAGatewayKilledMidSlot(String mode, String pricing) throws Exception {
        Path root = EndToEnd.freshDirectory("trading-" + mode + "-" + pricing);
        BenchMarket market = new BenchMarket(
                MarketMode.parse(mode).orElseThrow(), Pricing.parse(pricing).orElseThrow(), SLOT);
        try (MosquittoBroker mosquitto = MosquittoBroker.start(root.resolve("mosquitto"))) {
            BenchSite site = BenchSite.prepare(
                    root, EAG, MeterRoster.plan(METERS, "node-"), java.time.Clock.systemUTC(), s -> {});
            Map<String, String> gateway = new LinkedHashMap<>(EndToEnd.externalBroker(mosquitto.url()));
            gateway.putAll(market.gatewayKeys(60));
            site.gatewaySettings(gateway);
            Path log = root.resolve("gateway.log");
            PublicKey eagKey =
                    Pem.readCertificate(site.gatewayKeys().resolve("eag.crt")).getPublicKey();
            GatewayProcess g = EndToEnd.startGateway(site.gatewayProperties(), log);
            AgentFleet agents = null;
            try (TradeClient published = new TradeClient(mosquitto.url(), EAG, eagKey)) {
                g.awaitSubscribed(Duration.ofSeconds(90));
                agents = AgentFleet.start(
                        AgentFleet.currentJava(),
                        EndToEnd.agentJar(),
                        site.writeAgentConfigs(
                                mosquitto.url(),
                                new AgentConfigFile.Tuning(Duration.ofMillis(500), 60, market.agentKeys())),
                        root,
                        List.of("-Xmx384m"));
                Path db = GatewayDatabase.file(site.gatewayDir());

                await("three slots with orders cleared")
                        .atMost(Duration.ofMinutes(2))
                        .until(() -> tradedSlots(db) >= 3);
                // Into the middle of a slot: the next slot's orders are being taken, this one is being delivered.
                Instant now = Instant.now();
                long len = SLOT.toMillis();
                long midSlot = (now.toEpochMilli() / len + 1) * len + len / 2;
                TimeUnit.MILLISECONDS.sleep(Math.max(0, midSlot - System.currentTimeMillis()));
                g.kill9();
                g = EndToEnd.startGateway(site.gatewayProperties(), log);
                g.awaitSubscribed(Duration.ofSeconds(90));

                await(TRADED_SLOTS + " slots with orders settled")
                        .atMost(Duration.ofMinutes(3))
                        .until(() -> settledTradedSlots(db) >= TRADED_SLOTS);
                agents.stop(Duration.ofSeconds(30));
                agents = null;
                // The last slots' payments: every bill ends paid or open, none left waiting for a co-signature (a
                // payee that stopped releases its transfers after the co-signature timeout, one slot here).
                await("no payment left pending").atMost(Duration.ofSeconds(60)).until(() -> pendingBills(db) == 0);
                assertThat(g.terminate()).isEqualTo(143);

                assertEverySlotClearedAndSettled(db);
                assertCoinsConserved(db);
                assertAcceptedOrdersAreInTheBook(site, db);
                assertEveryClearingReproducesWhatWasPublished(site, db, published.results);
                assertThat(published.problems).isEmpty();
                assertThat(integrity(db)).isEqualTo("ok");
            } finally {
                if (agents != null) {
                    agents.stop(Duration.ofSeconds(10));
                }
                g.close();
            }
        }
    }

    static long tradedSlots(Path db) throws SQLException {
        return single(
                db,
                "SELECT COUNT(*) FROM market_slots s WHERE cleared_ms IS NOT NULL "
                        + "AND EXISTS (SELECT 1 FROM orders o WHERE o.slot_ms = s.slot_ms)");
    }

    static long settledTradedSlots(Path db) throws SQLException {
        return single(
                db,
                "SELECT COUNT(*) FROM market_slots s WHERE settled_ms IS NOT NULL "
                        + "AND EXISTS (SELECT 1 FROM orders o WHERE o.slot_ms = s.slot_ms)");
    }

    static long pendingBills(Path db) throws SQLException {
        return single(db, "SELECT COUNT(*) FROM payment_bills WHERE status = 'pending'");
    }

    /** Every slot between the first with orders and the last cleared is cleared and, if it is over, settled. */
    static void assertEverySlotClearedAndSettled(Path db) throws SQLException {
        long first = single(db, "SELECT MIN(slot_ms) FROM orders");
        long lastSettled = single(db, "SELECT MAX(slot_ms) FROM market_slots WHERE settled_ms IS NOT NULL");
        long len = SLOT.toMillis();
        assertThat(lastSettled).isGreaterThanOrEqualTo(first + (TRADED_SLOTS - 1) * len);
        for (long s = first; s <= lastSettled; s += len) {
            String where = " FROM market_slots WHERE slot_ms = " + s;
            assertThat(single(
                            db,
                            "SELECT COUNT(*)" + where
                                    + " AND allocation_digest IS NOT NULL AND settled_ms IS NOT NULL"))
                    .as("slot %s cleared and settled", Instant.ofEpochMilli(s))
                    .isEqualTo(1);
        }
        assertThat(single(db, "SELECT COUNT(*) FROM payment_bills"))
                .as("bills issued")
                .isPositive();
        assertThat(single(db, "SELECT COUNT(*) FROM payment_bills WHERE status NOT IN ('paid', 'open')"))
                .isZero();
        assertThat(single(db, "SELECT COUNT(*) FROM payment_bills WHERE status = 'paid'"))
                .as("bills paid")
                .isPositive();
        // A bill paid twice would need two applied transfers for one bill (the schema forbids it; checked anyway).
        assertThat(single(
                        db,
                        "SELECT COUNT(*) FROM (SELECT bill FROM payment_transfers WHERE state = 'applied' "
                                + "GROUP BY bill HAVING COUNT(*) > 1)"))
                .isZero();
    }

    static void assertCoinsConserved(Path db) throws SQLException {
        long balances = single(db, "SELECT COALESCE(SUM(balance), 0) FROM payment_accounts");
        long allocated = single(db, "SELECT COALESCE(SUM(amount), 0) FROM payment_allocations");
        long minted = single(db, "SELECT COALESCE(SUM(amount), 0) FROM payment_mints");
        assertThat(balances).as("coins in every account = allocated + minted").isEqualTo(allocated + minted);
        assertThat(single(db, "SELECT COUNT(*) FROM payment_accounts WHERE balance < 0 OR reserved > balance"))
                .isZero();
    }

    /** What an agent saw accepted is in the gateway's book, byte for byte: no acknowledged order is lost. */
    static void assertAcceptedOrdersAreInTheBook(BenchSite site, Path db) throws Exception {
        int checked = 0;
        try (Connection gateway = GatewayDatabase.openReader(db);
                PreparedStatement p =
                        gateway.prepareStatement("SELECT raw FROM orders WHERE node_id = ? AND seq = ?")) {
            for (BenchMeter m : site.meters()) {
                SQLiteConfig ro = new SQLiteConfig();
                ro.setReadOnly(true);
                try (Connection agent = ro.createConnection(
                                "jdbc:sqlite:" + site.agentDatabase(m).toAbsolutePath());
                        Statement s = agent.createStatement();
                        ResultSet r = s.executeQuery("SELECT seq, envelope FROM orders WHERE state = 'ACCEPTED'")) {
                    while (r.next()) {
                        p.setString(1, m.node().value());
                        p.setLong(2, r.getLong(1));
                        try (ResultSet g = p.executeQuery()) {
                            assertThat(g.next())
                                    .as("accepted order %s/%d in the book", m.node(), r.getLong(1))
                                    .isTrue();
                            assertThat(g.getBytes(1)).isEqualTo(r.getBytes(2));
                        }
                        checked++;
                    }
                }
            }
        }
        assertThat(checked).as("orders the agents saw accepted").isPositive();
    }

    /** Each cleared slot: export the stored book, clear it offline, compare with the digest stored and published. */
    static void assertEveryClearingReproducesWhatWasPublished(BenchSite site, Path db, List<MarketResult> published)
            throws Exception {
        Map<Long, String> stored = new HashMap<>();
        try (Connection c = GatewayDatabase.openReader(db);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(
                        "SELECT slot_ms, allocation_digest FROM market_slots WHERE cleared_ms IS NOT NULL")) {
            while (r.next()) {
                stored.put(r.getLong(1), r.getString(2));
            }
        }
        Path books = site.root().resolve("books");
        assertThat(GatewayCli.newCommandLine()
                        .execute(
                                "market",
                                "export",
                                "--config",
                                site.gatewayProperties().toString(),
                                "--all",
                                "--out",
                                books.toString()))
                .isZero();
        List<Long> slots = new ArrayList<>(stored.keySet());
        assertThat(slots).hasSizeGreaterThanOrEqualTo(TRADED_SLOTS);
        for (long slot : slots) {
            StringWriter digest = new StringWriter();
            picocli.CommandLine cli = GatewayCli.newCommandLine();
            cli.setOut(new PrintWriter(digest));
            assertThat(cli.execute(
                            "market",
                            "clear",
                            "--orders",
                            books.resolve("book-" + slot + ".json").toString(),
                            "--digest"))
                    .isZero();
            assertThat(digest.toString().strip())
                    .as("slot %s re-cleared from its exported book", Instant.ofEpochMilli(slot))
                    .isEqualTo(stored.get(slot));
        }
        for (MarketResult r : published) {
            String s = stored.get(r.slot().toEpochMilli());
            assertThat(r.digest()).as("published result of slot %s", r.slot()).isEqualTo(s);
        }
        assertThat(published).as("results published on the market topic").hasSizeGreaterThanOrEqualTo(TRADED_SLOTS);
    }

    static String integrity(Path db) throws SQLException {
        try (Connection c = GatewayDatabase.openReader(db);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
            return r.next() ? r.getString(1) : "no answer";
        }
    }

    static long single(Path db, String sql) throws SQLException {
        try (Connection c = GatewayDatabase.openReader(db);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            return r.next() ? r.getLong(1) : 0;
        }
    }
}
