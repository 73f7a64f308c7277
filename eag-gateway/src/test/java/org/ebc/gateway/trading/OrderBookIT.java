package org.ebc.gateway.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.ebc.gateway.Gateway;
import org.ebc.gateway.GatewayConfig;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.testing.MosquittoBroker;
import org.ebc.trade.MarketResult;
import org.ebc.trade.NodeAllocation;
import org.ebc.trade.Order;
import org.ebc.trade.Receipt;
import org.ebc.trade.Side;
import org.ebc.units.Energy;
import org.ebc.units.Price;
import org.ebc.wire.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Orders through a real Mosquitto into a real gateway with an auction market of 3-second slots: each is answered
 * by a signed receipt only once it is in the book; every refusal has its reason; at gate closure every
 * participant gets its own allocation and the market topic the aggregate with the digest of what was stored.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class OrderBookIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    static final Map<String, String> AUCTION = Map.of(
            "market.mode", "auction",
            "market.pricing", "pay-as-clear",
            "market.slot.length", "3s",
            "market.gate.lead", "1s",
            "market.settlement.grace", "1s",
            "market.horizon.slots", "4");

    @TempDir
    static Path root;

    static MosquittoBroker broker;
    static MarketFixture market;
    static Gateway gateway;
    static TradeClient client;

    @BeforeAll
    static void start() throws Exception {
        broker = MosquittoBroker.start(root.resolve("mosquitto"));
        market = new MarketFixture(root, "eag-market", 4);
        gateway = Gateway.start(GatewayConfig.of(market.settings(broker.url(), AUCTION), Clock.systemUTC()));
        assertThat(gateway.awaitReady(WAIT)).isTrue();
        client = new TradeClient(
                broker.url(),
                market.gateway.eag,
                market.gateway.eagIssued.keys().getPublic());
    }

    @AfterAll
    static void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    /** The start of a slot whose gate closes at least {@code margin} from now. */
    static Instant slotWithGateOpen(Duration margin) {
        long len = 3_000;
        long t = System.currentTimeMillis() + 1_000 + margin.toMillis();
        return Instant.ofEpochMilli((t / len + 1) * len);
    }

    static byte[] order(MarketFixture.Trader t, long seq, Instant slot, Side side, long wh, long price) {
        Order o = new Order(
                t.meter().nodeId(),
                seq,
                Instant.now(),
                slot,
                side,
                Energy.ofWh(wh),
                Price.ofMinorUnitsPerKWh(price),
                t.address());
        return o.sign(t.meter().issued.keys().getPrivate(), t.nodeKeyId());
    }

    static void place(MarketFixture.Trader t, byte[] order) throws Exception {
        client.publish(Topics.meter(market.gateway.eag, t.meter().nodeId(), Topics.MeterMessage.ORDER), order);
    }

    static Receipt receipt(String ref, String reason) {
        await().atMost(WAIT)
                .until(() -> client.receipts.stream()
                        .anyMatch(r -> r.message().ref().equals(ref)
                                && r.message().reason().equals(reason)));
        return client.receipts.stream()
                .map(TradeClient.Seen::message)
                .filter(r -> r.ref().equals(ref) && r.reason().equals(reason))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void ordersAreAcceptedIntoTheBookClearedAtGateClosureAndEachNodeLearnsOnlyItsOwnPart() throws Exception {
        // Two slots after the one the other test uses, so the two books stay apart.
        Instant slot = slotWithGateOpen(Duration.ofSeconds(2)).plusSeconds(6);
        MarketFixture.Trader seller = market.trader(1);
        MarketFixture.Trader buyer = market.trader(2);
        place(seller, order(seller, 10, slot, Side.SELL, 500, 10_000_000));
        place(buyer, order(buyer, 20, slot, Side.BUY, 300, 30_000_000));

        Receipt accepted = receipt("20", "OK");
        assertThat(accepted.status()).isEqualTo(Receipt.Status.ACCEPTED);
        assertThat(receipt("10", "OK").node()).isEqualTo(seller.meter().nodeId());

        await().atMost(WAIT)
                .until(() -> client.results.stream().anyMatch(r -> r.slot().equals(slot)));
        MarketResult result = client.results.stream()
                .filter(r -> r.slot().equals(slot))
                .findFirst()
                .orElseThrow();
        assertThat(result.orders()).isEqualTo(2);
        assertThat(result.volume()).isEqualTo(Energy.ofWh(300));
        assertThat(result.gridExport()).isEqualTo(Energy.ofWh(200));
        // The seller is only partly filled, so its limit is the competitive price (docs/market.md, pay-as-clear).
        assertThat(result.price()).isEqualTo(Price.ofMinorUnitsPerKWh(10_000_000));
        assertThat(result.digest()).isEqualTo(storedAllocationDigest(slot));

        await().atMost(WAIT)
                .until(() -> allocationOf(buyer, slot).isPresent()
                        && allocationOf(seller, slot).isPresent());
        NodeAllocation b = allocationOf(buyer, slot).orElseThrow();
        assertThat(b.matched()).isEqualTo(Energy.ofWh(300));
        assertThat(b.trades())
                .singleElement()
                .satisfies(l -> assertThat(l.with()).isEqualTo(seller.address()));
        assertThat(client.allocations)
                .filteredOn(a -> a.message().slot().equals(slot))
                .allSatisfy(a -> assertThat(a.topic())
                        .isEqualTo(Topics.node(market.gateway.eag, a.message().node(), Topics.NodeMessage.ALLOCATION)));
        assertThat(client.problems).isEmpty();

        // An auditor exports the stored book and re-runs the clearing offline: the same digest as published.
        Path config = root.resolve("gateway.properties");
        java.util.Properties props = new java.util.Properties();
        props.putAll(market.settings(broker.url(), AUCTION));
        try (var w = java.nio.file.Files.newBufferedWriter(config)) {
            props.store(w, null);
        }
        Path book = root.resolve("book-" + slot.toEpochMilli() + ".json");
        assertThat(org.ebc.gateway.cli.GatewayCli.newCommandLine()
                        .execute(
                                "market",
                                "export",
                                "--config",
                                config.toString(),
                                "--slot",
                                slot.toString(),
                                "--out",
                                book.toString()))
                .isZero();
        java.io.StringWriter digest = new java.io.StringWriter();
        picocli.CommandLine cli = org.ebc.gateway.cli.GatewayCli.newCommandLine();
        cli.setOut(new java.io.PrintWriter(digest));
        assertThat(cli.execute("market", "clear", "--orders", book.toString(), "--digest"))
                .isZero();
        assertThat(digest.toString().strip()).isEqualTo(result.digest());
    }

    @Test
    void replaysLateOrdersAndStrangersAddressesAreRefusedEachWithItsReason() throws Exception {
        Instant slot = slotWithGateOpen(Duration.ofSeconds(2));
        MarketFixture.Trader t = market.trader(3);
        MarketFixture.Trader other = market.trader(4);
        byte[] first = order(t, 100, slot, Side.BUY, 100, 30_000_000);
        place(t, first);
        receipt("100", "OK");

        place(t, first); // the agent re-publishes until it sees a receipt: answered as accepted again, stored once
        await().atMost(WAIT)
                .until(() -> client.receipts.stream()
                                .filter(r -> r.message().ref().equals("100")
                                        && r.message().status() == Receipt.Status.ACCEPTED)
                                .count()
                        == 2);
        place(t, order(t, 99, slot.plusSeconds(3), Side.BUY, 100, 30_000_000));
        assertThat(receipt("99", "REPLAY").status()).isEqualTo(Receipt.Status.REFUSED);
        place(t, order(t, 101, slot, Side.BUY, 100, 30_000_000));
        receipt("101", "DUPLICATE_SLOT");
        place(t, order(t, 102, slot.minusSeconds(30), Side.BUY, 100, 30_000_000));
        receipt("102", "GATE_CLOSED");
        place(t, order(t, 103, slot.plusMillis(1), Side.BUY, 100, 30_000_000));
        receipt("103", "NOT_A_SLOT");
        place(t, order(t, 104, slot.plusSeconds(60), Side.BUY, 100, 30_000_000));
        receipt("104", "BEYOND_HORIZON");
        Order stolen = new Order(
                t.meter().nodeId(),
                105,
                Instant.now(),
                slot.plusSeconds(3),
                Side.BUY,
                Energy.ofWh(1),
                Price.ZERO,
                other.address());
        place(t, stolen.sign(t.meter().issued.keys().getPrivate(), t.nodeKeyId()));
        receipt("105", "ADDRESS_NOT_OWNED");
        // Signed by another node's key on this node's topic.
        place(t, order(other, 106, slot.plusSeconds(3), Side.BUY, 1, 0));
        await().atMost(WAIT)
                .until(() -> client.receipts.stream()
                        .anyMatch(r -> r.message().reason().equals("BAD_SIGNATURE")
                                && r.message().node().equals(t.meter().nodeId())));

        assertThat(ordersStored(t)).isEqualTo(1);
        await().atMost(WAIT).until(() -> gateway.trading().refused().getOrDefault("REPLAY", 0L) >= 1);
        assertThat(gateway.trading().refused())
                .containsKeys(
                        "REPLAY",
                        "DUPLICATE_SLOT",
                        "GATE_CLOSED",
                        "NOT_A_SLOT",
                        "BEYOND_HORIZON",
                        "ADDRESS_NOT_OWNED",
                        "BAD_SIGNATURE");
    }

    static Optional<NodeAllocation> allocationOf(MarketFixture.Trader t, Instant slot) {
        return client.allocations.stream()
                .map(TradeClient.Seen::message)
                .filter(a -> a.node().equals(t.meter().nodeId()) && a.slot().equals(slot))
                .findFirst();
    }

    static String storedAllocationDigest(Instant slot) throws Exception {
        try (Connection c = GatewayDatabase.openReader(GatewayDatabase.file(market.gateway.dataDir));
                PreparedStatement p =
                        c.prepareStatement("SELECT allocation_digest FROM market_slots WHERE slot_ms = ?")) {
            p.setLong(1, slot.toEpochMilli());
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getString(1) : "none";
            }
        }
    }

    static long ordersStored(MarketFixture.Trader t) throws Exception {
        try (Connection c = GatewayDatabase.openReader(GatewayDatabase.file(market.gateway.dataDir));
                PreparedStatement p = c.prepareStatement("SELECT COUNT(*) FROM orders WHERE node_id = ?")) {
            p.setString(1, t.meter().nodeId().value());
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? r.getLong(1) : -1;
            }
        }
    }
}
