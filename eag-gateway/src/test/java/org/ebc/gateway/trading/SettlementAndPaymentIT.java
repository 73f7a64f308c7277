package org.ebc.gateway.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.ebc.crypto.KeyPairs;
import org.ebc.crypto.Sha256;
import org.ebc.gateway.Gateway;
import org.ebc.gateway.GatewayConfig;
import org.ebc.gateway.payment.Account;
import org.ebc.gateway.payment.BillFilter;
import org.ebc.gateway.payment.BillRecord;
import org.ebc.gateway.payment.BillStatus;
import org.ebc.payment.Cosign;
import org.ebc.payment.CosignRequest;
import org.ebc.payment.Transfer;
import org.ebc.testing.MosquittoBroker;
import org.ebc.trade.Bill;
import org.ebc.trade.Order;
import org.ebc.trade.Receipt;
import org.ebc.trade.Side;
import org.ebc.units.CoinAmount;
import org.ebc.units.Energy;
import org.ebc.units.Price;
import org.ebc.wallet.WalletAddress;
import org.ebc.wire.Topics;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settlement by the meters and payments over a real Mosquitto into a real gateway: an auction with pay-as-bid
 * (each pair trades at the buyer's limit), 4-second slots, signed border readings published as the meters would.
 * The tests stand in for the agents: they sign orders, readings, transfers and co-signatures with the nodes' keys.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class SettlementAndPaymentIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    static final long SLOT_MS = 4_000;
    static final Price LIMIT = Price.ofMinorUnitsPerKWh(30_000_000); // 0.30 EC/kWh, also the retail tariff
    static final Map<String, String> MARKET = Map.of(
            "market.mode", "auction",
            "market.pricing", "pay-as-bid",
            "market.slot.length", "4s",
            "market.gate.lead", "1s",
            "market.settlement.grace", "3s",
            "market.horizon.slots", "6",
            "market.order.max.wh", "1000000",
            // The test meters deliver kWh in seconds: their connections are rated accordingly, but node-6's is not.
            "verify.rated.power", "1000000000",
            "verify.rated.power.node-6", "1000",
            "payment.grid.allocation", "1000");

    @TempDir
    static Path root;

    static MosquittoBroker broker;
    static MarketFixture market;
    static Gateway gateway;
    static TradeClient client;
    static final Map<String, Long> pages = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        broker = MosquittoBroker.start(root.resolve("mosquitto"));
        market = new MarketFixture(root, "eag-settle", 6);
        gateway = Gateway.start(GatewayConfig.of(market.settings(broker.url(), MARKET), Clock.systemUTC()));
        assertThat(gateway.awaitReady(WAIT)).isTrue();
        client = new TradeClient(
                broker.url(),
                market.gateway.eag,
                market.gateway.eagIssued.keys().getPublic());
        // Every node's initial allocation (20 coins) has been made before the tests pay anything.
        await().atMost(WAIT)
                .until(() -> market.traders.stream()
                        .allMatch(t -> gateway.payments()
                                .account(t.address())
                                .balance()
                                .equals(CoinAmount.ofCoins(20))));
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

    /** A slot whose gate closes at least 1.5 s from now, {@code later} slots further on. */
    static Instant nextSlot(int later) {
        long t = System.currentTimeMillis() + 1_000 + 1_500;
        return Instant.ofEpochMilli((t / SLOT_MS + 1 + later) * SLOT_MS);
    }

    static void order(MarketFixture.Trader t, long seq, Instant slot, Side side, long wh) throws Exception {
        Order o = new Order(
                t.meter().nodeId(),
                seq,
                Instant.now(),
                slot,
                side,
                Energy.ofWh(wh),
                side == Side.BUY ? LIMIT : Price.ofMinorUnitsPerKWh(10_000_000),
                t.address());
        client.publish(
                Topics.meter(market.gateway.eag, t.meter().nodeId(), Topics.MeterMessage.ORDER),
                o.sign(t.meter().issued.keys().getPrivate(), t.nodeKeyId()));
    }

    /** The meter's border reading at {@code at}: registers import/export, good or with a status letter. */
    static void border(MarketFixture.Trader t, Instant at, long importWh, long exportWh, String status)
            throws Exception {
        long page = pages.merge(t.meter().node, 1L, Long::sum);
        byte[] reading = t.meter()
                .sign(org.ebc.gateway.TestMeter.payload(
                        t.meter().node,
                        t.meter().meter,
                        page,
                        importWh,
                        exportWh,
                        at,
                        org.ebc.ocmf.ClockStatus.S,
                        "",
                        status,
                        "B"));
        client.publish(t.meter().readingTopic(market.gateway.eag), reading);
    }

    static List<BillRecord> billsOf(Instant slot) {
        return gateway.payments().bills(new BillFilter(null, slot, null, null));
    }

    static void awaitSettled(Instant slot) {
        await("slot " + slot + " settled")
                .atMost(WAIT)
                .until(() -> gateway.trading().recentSettled().stream()
                        .anyMatch(r -> r.slot().start().equals(slot)));
    }

    static BillRecord bill(Instant slot, String kind) {
        return billsOf(slot).stream()
                .filter(b -> b.bill().kind().equals(kind))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " bill in slot " + slot + ": " + billsOf(slot)));
    }

    static byte[] pay(MarketFixture.Trader payer, long nonce, Bill bill, KeyPair key) {
        return new Transfer(
                        payer.address(), nonce, Instant.now(), bill.payee(), bill.amount(), bill.id(), key.getPublic())
                .sign(key.getPrivate());
    }

    static void publishPayment(MarketFixture.Trader from, byte[] payment) throws Exception {
        client.publish(Topics.meter(market.gateway.eag, from.meter().nodeId(), Topics.MeterMessage.PAYMENT), payment);
    }

    static Receipt receiptFor(String about, String ref) {
        await(about + " " + ref + " answered")
                .atMost(WAIT)
                .until(() -> client.receipt(about, ref).isPresent());
        return client.receipt(about, ref).orElseThrow();
    }

    /** The seller's agent: co-signs the transfer the gateway asks it about, after checking it. */
    static void cosignAsSeller(MarketFixture.Trader seller, String transferDigest) throws Exception {
        await("co-signature request to " + seller.meter().node)
                .atMost(WAIT)
                .until(() -> client.cosignRequests.stream()
                        .anyMatch(r -> Sha256.hex(r.message().transfer()).equals(transferDigest)));
        CosignRequest req = client.cosignRequests.stream()
                .map(TradeClient.Seen::message)
                .filter(r -> Sha256.hex(r.transfer()).equals(transferDigest))
                .findFirst()
                .orElseThrow();
        Transfer t = org.ebc.payment.PaymentCheck.transfer(req.transfer()).get();
        assertThat(req.covered().compareTo(t.amount()))
                .as("the payer's balance covers it")
                .isGreaterThanOrEqualTo(0);
        byte[] cosign = Cosign.of(t, transferDigest, seller.wallet().getPublic(), Instant.now())
                .sign(seller.wallet().getPrivate());
        publishPayment(seller, cosign);
    }

    @Test
    void aSellerThatDeliversSixtyPercentIsPaidForSixtyPercentAndItsBuyersShortfallIsBoughtFromTheGrid()
            throws Exception {
        MarketFixture.Trader seller = market.trader(1);
        MarketFixture.Trader buyer = market.trader(2);
        Instant slot = nextSlot(0);
        order(seller, 1, slot, Side.SELL, 1_000);
        order(buyer, 1, slot, Side.BUY, 1_000);
        border(seller, slot, 0, 0, "G");
        border(buyer, slot, 0, 0, "G");
        border(seller, slot.plusMillis(SLOT_MS), 0, 600, "G"); // 600 of the 1000 Wh sold
        border(buyer, slot.plusMillis(SLOT_MS), 1_000, 0, "G"); // the buyer took its 1000 Wh
        awaitSettled(slot);

        // p2p: 600 Wh at the buyer's limit 0.30 EC/kWh = 0.18 EC; the missing 400 Wh from the grid at retail 0.30.
        BillRecord p2p = bill(slot, Bill.P2P);
        assertThat(p2p.bill().energy()).isEqualTo(Energy.ofWh(600));
        assertThat(p2p.bill().amount()).isEqualTo(CoinAmount.ofMinorUnits(18_000_000));
        assertThat(p2p.bill().payer()).isEqualTo(buyer.address());
        assertThat(p2p.bill().payee()).isEqualTo(seller.address());
        BillRecord grid = bill(slot, Bill.GRID_IMPORT);
        assertThat(grid.bill().energy()).isEqualTo(Energy.ofWh(400));
        assertThat(grid.bill().amount()).isEqualTo(CoinAmount.ofMinorUnits(12_000_000));
        assertThat(grid.bill().payee()).isEqualTo(gateway.payments().gridAddress());
        assertThat(billsOf(slot)).hasSize(2);

        // The buyer pays both; the seller co-signs its sale; the grid co-signs its own.
        byte[] toSeller = pay(buyer, 1, p2p.bill(), buyer.wallet());
        byte[] toGrid = pay(buyer, 2, grid.bill(), buyer.wallet());
        publishPayment(buyer, toSeller);
        publishPayment(buyer, toGrid);
        assertThat(receiptFor("transfer", Sha256.hex(toSeller)).status()).isEqualTo(Receipt.Status.PENDING);
        cosignAsSeller(seller, Sha256.hex(toSeller));
        await("both bills paid")
                .atMost(WAIT)
                .until(() -> billsOf(slot).stream().allMatch(b -> b.status() == BillStatus.PAID));
        assertThat(gateway.payments().account(buyer.address()).balance())
                .isEqualTo(CoinAmount.ofMinorUnits(2_000_000_000L - 30_000_000));
        assertThat(gateway.payments().account(seller.address()).balance())
                .isEqualTo(CoinAmount.ofMinorUnits(2_000_000_000L + 18_000_000));
        assertThat(gateway.payments().totals().conserved()).isTrue();
    }

    @Test
    void theSameCoinsSpentTwiceAtOnceReplaysAndForeignKeysAreRefusedEachWithItsReason() throws Exception {
        MarketFixture.Trader buyer = market.trader(3);
        MarketFixture.Trader seller = market.trader(4);
        Instant slot = nextSlot(1);
        order(seller, 1, slot, Side.SELL, 100_000);
        order(buyer, 1, slot, Side.BUY, 100_000);
        border(seller, slot, 0, 0, "G");
        border(buyer, slot, 0, 0, "G");
        border(seller, slot.plusMillis(SLOT_MS), 0, 50_000, "G");
        border(buyer, slot.plusMillis(SLOT_MS), 100_000, 0, "G");
        awaitSettled(slot);
        Bill p2p = bill(slot, Bill.P2P).bill(); // 50 kWh × 0.30 = 15 coins
        Bill grid = bill(slot, Bill.GRID_IMPORT).bill(); // 15 coins more: together more than the 20 the buyer has
        assertThat(p2p.amount()).isEqualTo(CoinAmount.ofCoins(15));

        // Two clients publish, at the same instant, two transfers under one nonce: one may win, never both.
        byte[] a = pay(buyer, 1, p2p, buyer.wallet());
        byte[] b = pay(buyer, 1, grid, buyer.wallet());
        concurrently(
                buyer.meter().nodeId().value(),
                Topics.meter(market.gateway.eag, buyer.meter().nodeId(), Topics.MeterMessage.PAYMENT),
                a,
                b);
        Receipt ra = receiptFor("transfer", Sha256.hex(a));
        Receipt rb = receiptFor("transfer", Sha256.hex(b));
        assertThat(List.of(ra, rb))
                .filteredOn(Receipt::refused)
                .singleElement()
                .satisfies(r -> assertThat(r.reason()).isEqualTo("REPLAY"));
        boolean gridWon = !rb.refused();

        // The other bill with the next nonce: 5 coins left are not 15.
        byte[] second = pay(buyer, 2, gridWon ? p2p : grid, buyer.wallet());
        publishPayment(buyer, second);
        assertThat(receiptFor("transfer", Sha256.hex(second)).reason()).isEqualTo("INSUFFICIENT_FUNDS");

        // A replay of the winner changes nothing; neither does a transfer signed by a key not bound to the address.
        publishPayment(buyer, gridWon ? b : a);
        KeyPair thief = KeyPairs.generate();
        Transfer forged = new Transfer(
                buyer.address(),
                2,
                Instant.now(),
                WalletAddress.of(thief.getPublic()),
                CoinAmount.ofCoins(1),
                grid.id(),
                thief.getPublic());
        byte[] forgedBytes = forged.sign(thief.getPrivate());
        publishPayment(buyer, forgedBytes);
        assertThat(receiptFor("transfer", Sha256.hex(forgedBytes)).reason()).isEqualTo("KEY_NOT_BOUND");
        // Another node's wallet key, signing its own address's transfer, but from this node's topic.
        byte[] foreign = new Transfer(
                        seller.address(),
                        1,
                        Instant.now(),
                        buyer.address(),
                        CoinAmount.ofCoins(1),
                        p2p.id(),
                        seller.wallet().getPublic())
                .sign(seller.wallet().getPrivate());
        publishPayment(buyer, foreign);
        assertThat(receiptFor("transfer", Sha256.hex(foreign)).reason()).isEqualTo("WRONG_NODE");

        if (!gridWon) {
            cosignAsSeller(seller, Sha256.hex(a));
        }
        await("the winner paid")
                .atMost(WAIT)
                .until(() -> gateway.payments()
                                .bill((gridWon ? grid : p2p).id())
                                .orElseThrow()
                                .status()
                        == BillStatus.PAID);
        Account left = gateway.payments().account(buyer.address());
        assertThat(left.balance()).as("exactly one 15-coin bill paid").isEqualTo(CoinAmount.ofCoins(5));
        assertThat(gateway.payments()
                        .bill((gridWon ? p2p : grid).id())
                        .orElseThrow()
                        .status())
                .as("the bill it could not pay stays open and visible")
                .isEqualTo(BillStatus.OPEN);
        assertThat(gateway.payments().totals().conserved()).isTrue();
    }

    @Test
    void borderReadingsThatProveNothingSettleAsDocumented() throws Exception {
        MarketFixture.Trader flaggedSeller = market.trader(5);
        MarketFixture.Trader buyer = market.trader(6); // rated 1 kW: its 4-second slot can carry at most 2 Wh
        Instant slot = nextSlot(2);
        order(flaggedSeller, 1, slot, Side.SELL, 500);
        order(buyer, 1, slot, Side.BUY, 2);
        border(flaggedSeller, slot, 0, 0, "G");
        border(buyer, slot, 0, 0, "G");
        border(flaggedSeller, slot.plusMillis(SLOT_MS), 0, 500, "E"); // the meter says: do not trust this value
        border(buyer, slot.plusMillis(SLOT_MS), 2, 0, "G");
        awaitSettled(slot);
        // The seller proved nothing: no p2p bill, nothing paid to it; the buyer's 2 Wh come from the grid at retail.
        assertThat(billsOf(slot)).extracting(r -> r.bill().kind()).containsExactly(Bill.GRID_IMPORT);
        assertThat(bill(slot, Bill.GRID_IMPORT).bill().energy()).isEqualTo(Energy.ofWh(2));
        assertThat(gateway.trading().recentSettled().stream()
                        .filter(r -> r.slot().start().equals(slot))
                        .findFirst()
                        .orElseThrow()
                        .unproven())
                .isEqualTo(1);

        // Next slot: the buyer's meter claims more than its 1 kW connection can carry: refused at the ingress,
        // so its end border is missing and proves nothing; the seller's delivered energy goes to the grid.
        Instant next = slot.plusMillis(SLOT_MS * 2);
        order(flaggedSeller, 2, next, Side.SELL, 500);
        order(buyer, 2, next, Side.BUY, 2);
        border(flaggedSeller, next, 0, 500, "G");
        border(buyer, next, 2, 0, "G");
        border(flaggedSeller, next.plusMillis(SLOT_MS), 0, 1_000, "G");
        border(buyer, next.plusMillis(SLOT_MS), 2 + 500, 0, "G"); // 500 Wh in 4 s through 1 kW: implausible
        await("the implausible reading refused")
                .atMost(WAIT)
                .until(() -> gateway.stats().rejected(org.ebc.gateway.verify.RejectReason.IMPLAUSIBLE_POWER) >= 1);
        awaitSettled(next);
        assertThat(billsOf(next)).extracting(r -> r.bill().kind()).containsExactly(Bill.GRID_EXPORT);
        assertThat(bill(next, Bill.GRID_EXPORT).bill().payee()).isEqualTo(flaggedSeller.address());
        assertThat(bill(next, Bill.GRID_EXPORT).bill().energy()).isEqualTo(Energy.ofWh(500));
    }

    /** Two MQTT clients publish at the same instant (a latch releases both). */
    static void concurrently(String name, String topic, byte[] first, byte[] second) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new java.util.ArrayList<>();
        for (byte[] payload : List.of(first, second)) {
            MqttClient c = new MqttClient(broker.url(), name + "-" + System.nanoTime(), new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setCleanSession(true);
            c.connect(o);
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    go.await();
                    c.publish(topic, payload, 1, false);
                    c.disconnect();
                    c.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
    }
}
