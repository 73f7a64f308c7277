package org.ebc.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.ebc.agent.cli.BenchStartupCommand;
import org.ebc.agent.status.StoredStatus;
import org.ebc.agent.store.AgentDatabase;
import org.ebc.agent.testing.AgentFiles;
import org.ebc.agent.testing.AgentProcess;
import org.ebc.agent.testing.TestGateway;
import org.ebc.agent.trading.BillState;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.Sha256;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.EnvelopeResult;
import org.ebc.payment.BalanceNotice;
import org.ebc.payment.PaymentCheck;
import org.ebc.payment.Transfer;
import org.ebc.testing.MosquittoBroker;
import org.ebc.testing.TestAuthority;
import org.ebc.trade.Bill;
import org.ebc.trade.MarketInfo;
import org.ebc.trade.Order;
import org.ebc.trade.Receipt;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.units.Energy;
import org.ebc.units.NodeId;
import org.ebc.units.Price;
import org.ebc.wallet.WalletAddress;
import org.ebc.wire.Topics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged agent trading in real time (2 s slots, a simulated prosumer meter at 200× on Pi4J mock GPIO)
 * against a scripted market over a real Mosquitto: the market accepts every order, bills the ordering address
 * for each, and applies every transfer whose nonce is the next one. The agent is killed with SIGKILL mid-run and
 * started again on the same SQLite file. Across the kill no order sequence and no nonce is used for two
 * different messages, no slot gets two orders, and every bill is paid exactly once.
 */
class TradingRestartIT {
    private static final NodeId NODE = NodeId.of("node-rs");
    private static final EagId EAG = EagId.of("eag-rs");
    private static final Duration SLOT = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    /** The scripted market's view of what the node sent, filled on Paho's thread. */
    private final Map<Long, Set<String>> orderPayloads = new ConcurrentHashMap<>();

    private final Map<Long, Long> orderSlots = new ConcurrentHashMap<>();
    private final Map<Long, Set<String>> transfersByNonce = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> appliedByBill = new ConcurrentHashMap<>();
    private final Map<String, Long> appliedDigests = new ConcurrentHashMap<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final AtomicLong expectedNonce = new AtomicLong(1);
    private final AtomicLong seq = new AtomicLong();
    private final AtomicLong balance = new AtomicLong(CoinAmount.ofCoins(20).minorUnits());

    @Test
    void aKillNineReusesNoOrderSequenceAndNoNonceAndPaysEveryBillOnce() throws Exception {
        TestAuthority authority = TestAuthority.create();
        Path log = dir.resolve("agent.log");
        try (MosquittoBroker broker = MosquittoBroker.start(dir.resolve("broker"), "user root")) {
            AgentFiles.Written files = AgentFiles.write(
                    dir.resolve("agent"),
                    authority,
                    NODE.value(),
                    EAG.value(),
                    broker.url(),
                    AgentFiles.simulatedMeter("SIM-RS", 5, 200, 5, 6),
                    Map.of(
                            "market.slot", "2s",
                            "reading.interval", "1s",
                            "trading.reserve.wh", "0",
                            "trading.resend-after", "1s",
                            "outbox.ack-timeout", "2s",
                            "status.interval", "1s"));
            PublicKey nodeKey = files.node().certificate().getPublicKey();
            try (TestGateway gateway = TestGateway.start(broker.url(), authority, EAG, Map.of(NODE, nodeKey))) {
                WalletAddress grid =
                        WalletAddress.of(gateway.eagCertificate().keys().getPublic());
                MarketInfo market = new MarketInfo(
                        EAG,
                        1,
                        Instant.now(),
                        "auction",
                        "pay-as-clear",
                        SLOT,
                        Duration.ofMillis(300),
                        Duration.ZERO,
                        4,
                        Price.ofMinorUnitsPerKWh(30_000_000),
                        Price.ofMinorUnitsPerKWh(8_000_000),
                        Energy.ofWh(1_000_000),
                        grid);
                gateway.publish(
                        Topics.market(EAG, Topics.MarketMessage.INFO), gateway.sign(market.payloadBytes()), true);
                gateway.onOrder((node, raw) -> order(gateway, nodeKey, grid, raw));
                gateway.onPayment((node, raw) -> payment(gateway, raw));

                long firstRunOrders;
                try (AgentProcess agent = AgentProcess.start(
                        log,
                        BenchStartupCommand.RECOMMENDED_JVM_FLAGS,
                        "run",
                        "--config",
                        files.config().toString())) {
                    await("orders and payments before the kill")
                            .atMost(Duration.ofSeconds(60))
                            .until(() -> orderPayloads.size() >= 3 && appliedDigests.size() >= 2);
                    agent.kill9();
                }
                firstRunOrders = orderPayloads.keySet().stream()
                        .mapToLong(Long::longValue)
                        .max()
                        .orElseThrow();
                int paidBeforeKill = appliedDigests.size();

                try (AgentProcess agent = AgentProcess.start(
                        log,
                        BenchStartupCommand.RECOMMENDED_JVM_FLAGS,
                        "run",
                        "--config",
                        files.config().toString())) {
                    await("orders and payments after the restart")
                            .atMost(Duration.ofSeconds(60))
                            .until(() -> orderPayloads.keySet().stream()
                                                    .filter(s -> s > firstRunOrders)
                                                    .count()
                                            >= 3
                                    && appliedDigests.size() >= paidBeforeKill + 2);
                    // A figure for docs/benchmarks.md, not a check: the resident memory of an agent that trades.
                    System.out.printf("trading agent after %d slots: %s%n", orderPayloads.size(), rss(agent.pid()));
                    assertThat(agent.terminate()).isEqualTo(143);
                }
                System.out.printf(
                        "trading restart: %d orders (%d before the kill), %d transfers applied (%d before), nonces up to %d%n",
                        orderPayloads.size(),
                        firstRunOrders,
                        appliedDigests.size(),
                        paidBeforeKill,
                        expectedNonce.get() - 1);

                assertThat(problems).isEmpty();
                assertThat(gateway.problems()).isEmpty();
                orderPayloads.forEach((s, payloads) -> assertThat(payloads)
                        .as("order sequence %d signed once", s)
                        .hasSize(1));
                assertThat(Set.copyOf(orderSlots.values()))
                        .as("one order per slot")
                        .hasSize(orderSlots.size());
                transfersByNonce.forEach((n, digests) ->
                        assertThat(digests).as("nonce %d signed once", n).hasSize(1));
                appliedByBill.forEach((b, digests) ->
                        assertThat(digests).as("bill %s paid once", b).hasSize(1));
                List<Long> nonces = new ArrayList<>(appliedDigests.values());
                nonces.sort(null);
                assertThat(nonces).as("consecutive nonces from 1").isEqualTo(range(1, nonces.size()));

                try (AgentDatabase db =
                        AgentDatabase.openReadOnly(files.dataDir().resolve("agent.db"))) {
                    var trading =
                            StoredStatus.read(db, 100).orElseThrow().trading().orElseThrow();
                    assertThat(trading.orders().get(0).seq())
                            .as("the agent's latest order is the market's latest")
                            .isEqualTo(orderPayloads.keySet().stream()
                                    .mapToLong(Long::longValue)
                                    .max()
                                    .orElseThrow());
                    long paid = trading.bills().stream()
                            .filter(b -> b.state() == BillState.PAID)
                            .count();
                    assertThat(paid)
                            .isGreaterThanOrEqualTo(appliedDigests.size() - 1L); // the last receipt may be in flight
                }
            }
        }
    }

    /** The scripted market's answer to an order: a receipt, and a bill to the ordering address. */
    private void order(TestGateway gateway, PublicKey nodeKey, WalletAddress grid, byte[] raw) {
        EnvelopeResult r =
                EnvelopeCodec.verify(raw, k -> k.equals(KeyId.of(nodeKey)) ? Optional.of(nodeKey) : Optional.empty());
        if (!r.isOk()) {
            problems.add("order does not verify: " + r.detail());
            return;
        }
        Order o = Order.from(r.envelope()).value();
        boolean first = orderPayloads
                .computeIfAbsent(o.seq(), s -> ConcurrentHashMap.newKeySet())
                .isEmpty();
        orderPayloads.get(o.seq()).add(Sha256.hex(raw));
        orderSlots.putIfAbsent(o.seq(), o.slot().toEpochMilli());
        gateway.send(
                Topics.node(EAG, NODE, Topics.NodeMessage.RECEIPT),
                gateway.sign(new Receipt(
                                EAG,
                                seq.incrementAndGet(),
                                Instant.now(),
                                NODE,
                                "order",
                                "" + o.seq(),
                                Receipt.Status.ACCEPTED,
                                "OK",
                                "")
                        .payloadBytes()));
        if (first) {
            Price p = Price.ofMinorUnitsPerKWh(30_000_000);
            Energy e = Energy.ofWh(10 + o.seq());
            Bill b = new Bill(
                    EAG,
                    seq.incrementAndGet(),
                    Instant.now(),
                    "bill-" + o.seq(),
                    o.slot(),
                    Bill.GRID_IMPORT,
                    o.address(),
                    grid,
                    e,
                    p,
                    p.costOf(e));
            gateway.send(Topics.node(EAG, NODE, Topics.NodeMessage.BILL), gateway.sign(b.payloadBytes()));
        }
    }

    /** The scripted account pool: applies a transfer whose nonce is the next one, answers repeats alike. */
    private synchronized void payment(TestGateway gateway, byte[] raw) {
        PaymentCheck.Checked<Transfer> c = PaymentCheck.transfer(raw);
        if (!c.ok()) {
            problems.add("payment does not check: " + c.reason() + " " + c.detail());
            return;
        }
        Transfer t = c.get();
        String digest = c.digestHex();
        transfersByNonce
                .computeIfAbsent(t.nonce(), n -> ConcurrentHashMap.newKeySet())
                .add(digest);
        Receipt.Status status;
        String reason = "OK";
        if (appliedDigests.containsKey(digest)) {
            status = Receipt.Status.APPLIED; // a re-publication after a restart: the same answer again
        } else if (t.nonce() == expectedNonce.get()) {
            expectedNonce.incrementAndGet();
            appliedDigests.put(digest, t.nonce());
            appliedByBill
                    .computeIfAbsent(t.bill(), b -> ConcurrentHashMap.newKeySet())
                    .add(digest);
            balance.addAndGet(-t.amount().minorUnits());
            status = Receipt.Status.APPLIED;
        } else {
            problems.add("transfer for " + t.bill() + " with nonce " + t.nonce() + ", expected " + expectedNonce.get());
            status = Receipt.Status.REFUSED;
            reason = t.nonce() < expectedNonce.get() ? "REPLAY" : "NONCE_GAP";
        }
        gateway.send(
                Topics.node(EAG, NODE, Topics.NodeMessage.RECEIPT),
                gateway.sign(new Receipt(
                                EAG, seq.incrementAndGet(), Instant.now(), NODE, "transfer", digest, status, reason, "")
                        .payloadBytes()));
        gateway.send(
                Topics.node(EAG, NODE, Topics.NodeMessage.PAYMENT),
                gateway.sign(new BalanceNotice(
                                EAG,
                                seq.incrementAndGet(),
                                Instant.now(),
                                NODE,
                                t.payer(),
                                CoinAmount.ofMinorUnits(balance.get()),
                                CoinAmount.ZERO,
                                expectedNonce.get())
                        .payloadBytes()));
    }

    private static String rss(long pid) {
        try {
            return java.nio.file.Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(l -> l.startsWith("VmRSS:") || l.startsWith("VmHWM:"))
                    .map(l -> l.replaceAll("\\s+", " "))
                    .reduce((a, b) -> a + ", " + b)
                    .orElse("VmRSS unknown");
        } catch (java.io.IOException e) {
            return "VmRSS unreadable: " + e.getMessage();
        }
    }

    private static List<Long> range(long first, long last) {
        List<Long> out = new ArrayList<>();
        for (long i = first; i <= last; i++) {
            out.add(i);
        }
        return out;
    }
}
