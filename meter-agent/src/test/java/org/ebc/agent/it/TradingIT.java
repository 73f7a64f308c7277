package org.ebc.agent.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.ebc.agent.MeterAgent;
import org.ebc.agent.config.AgentSettings;
import org.ebc.agent.reading.ReadingReason;
import org.ebc.agent.testing.AgentFiles;
import org.ebc.agent.testing.MutableClock;
import org.ebc.agent.testing.ScriptedMeter;
import org.ebc.agent.testing.TestGateway;
import org.ebc.agent.trading.BillState;
import org.ebc.agent.trading.OrderState;
import org.ebc.agent.trading.TradingSummary;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.KeyPairs;
import org.ebc.crypto.Sha256;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.EnvelopeResult;
import org.ebc.hardware.RegisterBase;
import org.ebc.payment.BalanceNotice;
import org.ebc.payment.Cosign;
import org.ebc.payment.CosignRequest;
import org.ebc.payment.PaymentCheck;
import org.ebc.payment.Transfer;
import org.ebc.testing.MosquittoBroker;
import org.ebc.testing.TestAuthority;
import org.ebc.trade.Bill;
import org.ebc.trade.MarketInfo;
import org.ebc.trade.Order;
import org.ebc.trade.Receipt;
import org.ebc.trade.Side;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.units.Energy;
import org.ebc.units.NodeId;
import org.ebc.units.Price;
import org.ebc.wallet.WalletAddress;
import org.ebc.wire.Ack;
import org.ebc.wire.ResendRequest;
import org.ebc.wire.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent trading by itself over a real Mosquitto with a scripted stand-in gateway that signs with a real EAG
 * certificate: an order per slot from its border readings, a bill paid with a correct transfer, a matching sale
 * co-signed and a mismatching one not, and pages brought back at once on a resend request. The agent runs in this
 * JVM on a clock the test moves and a meter whose registers the test sets, so every slot is exact.
 */
class TradingIT {
    private static final NodeId NODE = NodeId.of("node-tr");
    private static final EagId EAG = EagId.of("eag-tr");
    private static final Duration SLOT = Duration.ofMinutes(15);
    private static final Price RETAIL = Price.ofMinorUnitsPerKWh(30_000_000);
    private static final Price FEED_IN = Price.ofMinorUnitsPerKWh(8_000_000);

    @TempDir
    Path dir;

    /** A slot border shortly before now (inside the test certificates' validity). */
    private final Instant t0 =
            Instant.ofEpochMilli(Math.floorDiv(System.currentTimeMillis(), SLOT.toMillis()) * SLOT.toMillis());

    private final MutableClock clock = new MutableClock(t0);
    private final ScriptedMeter meter = new ScriptedMeter("SIM-TR", RegisterBase.METER_ABSOLUTE);
    private MosquittoBroker broker;
    private TestGateway gateway;
    private AgentFiles.Written files;
    private MeterAgent agent;
    private long gatewaySeq;

    private void start() throws Exception {
        TestAuthority authority = TestAuthority.create();
        broker = MosquittoBroker.start(dir.resolve("broker"), "user root");
        files = AgentFiles.write(
                dir.resolve("agent"),
                authority,
                NODE.value(),
                EAG.value(),
                broker.url(),
                AgentFiles.simulatedMeter("SIM-TR", 1, 1, 17, 27),
                Map.of("trading.resend-after", "2s", "outbox.ack-timeout", "1h", "status.interval", "1h"));
        gateway = TestGateway.start(
                broker.url(),
                authority,
                EAG,
                Map.of(NODE, files.node().certificate().getPublicKey()));
        AgentSettings s = AgentSettings.load(files.config());
        agent = MeterAgent.open(s.agent(), meter, "scripted", clock, new SplittableRandom(1), false);
        agent.start();
        await("the agent trusts the gateway")
                .atMost(Duration.ofSeconds(20))
                .until(() -> agent.status().eagCertificate());
    }

    @AfterEach
    void stop() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (gateway != null) {
            gateway.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private TradingSummary trading() {
        return agent.status().trading().orElseThrow();
    }

    private void toNode(Topics.NodeMessage kind, byte[] payload) throws Exception {
        gateway.publish(Topics.node(EAG, NODE, kind), gateway.sign(payload), false);
    }

    private void border(Instant at, long importWh, long exportWh) throws Exception {
        clock.set(at);
        meter.registers(importWh, exportWh, RegisterBase.METER_ABSOLUTE);
        agent.readNow(ReadingReason.SLOT_BORDER).get();
    }

    private Order verifiedOrder(byte[] raw) {
        var key = files.node().certificate().getPublicKey();
        EnvelopeResult r =
                EnvelopeCodec.verify(raw, k -> k.equals(KeyId.of(key)) ? Optional.of(key) : Optional.empty());
        assertThat(r.isOk()).as(r.detail()).isTrue();
        return Order.from(r.envelope()).value();
    }

    private Bill bill(String id, WalletAddress payer, WalletAddress payee, long wh) {
        Price p = Price.ofMinorUnitsPerKWh(18_500_000);
        Energy e = Energy.ofWh(wh);
        return new Bill(EAG, ++gatewaySeq, clock.instant(), id, t0, Bill.P2P, payer, payee, e, p, p.costOf(e));
    }

    @Test
    void theAgentPlacesOneOrderPerSlotFromItsBorderReadingsAndPublishesItAgainUntilReceipted() throws Exception {
        start();
        MarketInfo market = new MarketInfo(
                EAG,
                1,
                t0,
                "auction",
                "pay-as-clear",
                SLOT,
                Duration.ofMinutes(5),
                Duration.ZERO,
                4,
                RETAIL,
                FEED_IN,
                Energy.ofWh(100_000),
                WalletAddress.of(gateway.eagCertificate().keys().getPublic()));
        gateway.publish(Topics.market(EAG, Topics.MarketMessage.INFO), gateway.sign(market.payloadBytes()), true);
        await("the market's rules arrive")
                .atMost(Duration.ofSeconds(10))
                .until(() -> trading().market().isPresent());

        border(t0, 0, 0);
        border(t0.plus(SLOT), 100, 900); // exported 800 Wh net in the slot that just ended
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.orders(NODE).size() >= 1);
        Order first = verifiedOrder(gateway.orders(NODE).get(0));
        assertThat(first.seq()).isEqualTo(1);
        assertThat(first.side()).isEqualTo(Side.SELL);
        assertThat(first.energy()).isEqualTo(Energy.ofWh(700)); // 800 minus the 100 Wh reserve
        assertThat(first.limit()).isEqualTo(FEED_IN);
        assertThat(first.slot()).isEqualTo(t0.plus(SLOT.multipliedBy(2)));
        assertThat(first.address()).isEqualTo(files.firstInTextOrder());

        clock.advance(Duration.ofSeconds(3)); // past trading.resend-after without a receipt
        await("published again")
                .atMost(Duration.ofSeconds(10))
                .until(() -> gateway.orders(NODE).size() >= 2);
        assertThat(gateway.orders(NODE).get(1)).isEqualTo(gateway.orders(NODE).get(0));

        toNode(
                Topics.NodeMessage.RECEIPT,
                new Receipt(EAG, ++gatewaySeq, clock.instant(), NODE, "order", "1", Receipt.Status.ACCEPTED, "OK", "")
                        .payloadBytes());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> trading().orders().get(0).state() == OrderState.ACCEPTED);

        border(t0.plus(SLOT.multipliedBy(2)), 1100, 1000); // imported 1000 Wh, exported 100 in this slot
        border(t0.plus(SLOT.multipliedBy(2)), 1100, 1000); // the same border once more: no second order for it
        await().atMost(Duration.ofSeconds(10))
                .until(() -> gateway.orders(NODE).stream()
                        .anyMatch(o -> verifiedOrder(o).seq() == 2));
        Order second = gateway.orders(NODE).stream()
                .map(this::verifiedOrder)
                .filter(o -> o.seq() == 2)
                .findFirst()
                .orElseThrow();
        assertThat(second.side()).isEqualTo(Side.BUY);
        assertThat(second.energy()).isEqualTo(Energy.ofWh(800));
        assertThat(second.limit()).isEqualTo(RETAIL);
        assertThat(second.slot()).isEqualTo(t0.plus(SLOT.multipliedBy(3)));
        assertThat(trading().orders()).extracting(o -> o.seq()).containsExactly(2L, 1L);
    }

    @Test
    void aBillIsPaidWithATransferOfExactlyItsAmountThatTheGatewayChecks() throws Exception {
        start();
        WalletAddress mine = files.address(1);
        toNode(
                Topics.NodeMessage.PAYMENT,
                new BalanceNotice(EAG, ++gatewaySeq, t0, NODE, mine, CoinAmount.ofCoins(20), CoinAmount.ZERO, 1)
                        .payloadBytes());
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        trading().wallets().stream().anyMatch(w -> w.address().equals(mine) && w.hasNotice()));
        WalletAddress seller = WalletAddress.of(KeyPairs.generate().getPublic());
        Bill b = bill("bill-pay-1", mine, seller, 600);
        toNode(Topics.NodeMessage.BILL, b.payloadBytes());

        await().atMost(Duration.ofSeconds(10))
                .until(() -> !gateway.payments(NODE).isEmpty());
        byte[] raw = gateway.payments(NODE).get(0);
        PaymentCheck.Checked<Transfer> c = PaymentCheck.transfer(raw);
        assertThat(c.ok()).as(c.reason() + " " + c.detail()).isTrue();
        Transfer t = c.get();
        assertThat(t.payer()).isEqualTo(mine);
        assertThat(t.payee()).isEqualTo(seller);
        assertThat(t.amount()).isEqualTo(b.amount());
        assertThat(t.bill()).isEqualTo(b.id());
        assertThat(t.nonce()).isEqualTo(1);

        String digest = Sha256.hex(raw);
        toNode(
                Topics.NodeMessage.RECEIPT,
                new Receipt(EAG, ++gatewaySeq, t0, NODE, "transfer", digest, Receipt.Status.PENDING, "OK", "")
                        .payloadBytes());
        toNode(
                Topics.NodeMessage.RECEIPT,
                new Receipt(EAG, ++gatewaySeq, t0, NODE, "transfer", digest, Receipt.Status.APPLIED, "OK", "")
                        .payloadBytes());
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        trading().bills().stream().anyMatch(x -> x.id().equals(b.id()) && x.state() == BillState.PAID));
        assertThat(trading().wallets().stream()
                        .filter(w -> w.address().equals(mine))
                        .findFirst()
                        .orElseThrow()
                        .nextNonce())
                .isEqualTo(2);
    }

    @Test
    void aMatchingCosignatureRequestIsCosignedAndAMismatchingOneIsNot() throws Exception {
        start();
        WalletAddress mine = files.address(2);
        KeyPair buyer = KeyPairs.generate();
        WalletAddress buyerAddress = WalletAddress.of(buyer.getPublic());
        Bill good = bill("sale-1", buyerAddress, mine, 600);
        Bill other = bill("sale-2", buyerAddress, mine, 900);
        toNode(Topics.NodeMessage.BILL, good.payloadBytes());
        toNode(Topics.NodeMessage.BILL, other.payloadBytes());

        byte[] exact = new Transfer(buyerAddress, 4, t0, mine, good.amount(), good.id(), buyer.getPublic())
                .sign(buyer.getPrivate());
        toNode(
                Topics.NodeMessage.PAYMENT,
                new CosignRequest(EAG, ++gatewaySeq, t0, NODE, good.id(), exact, CoinAmount.ofCoins(19))
                        .payloadBytes());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !gateway.payments(NODE).isEmpty());
        PaymentCheck.Checked<Cosign> cosign = PaymentCheck.cosign(
                gateway.payments(NODE).get(0), PaymentCheck.transfer(exact).get(), Sha256.hex(exact));
        assertThat(cosign.ok()).as(cosign.reason() + " " + cosign.detail()).isTrue();
        assertThat(cosign.get().payee()).isEqualTo(mine);

        byte[] short1 = new Transfer(
                        buyerAddress,
                        5,
                        t0,
                        mine,
                        other.amount().minus(CoinAmount.ofMinorUnits(1)),
                        other.id(),
                        buyer.getPublic())
                .sign(buyer.getPrivate());
        toNode(
                Topics.NodeMessage.PAYMENT,
                new CosignRequest(EAG, ++gatewaySeq, t0, NODE, other.id(), short1, CoinAmount.ofCoins(19))
                        .payloadBytes());
        await("the refusal is recorded")
                .atMost(Duration.ofSeconds(10))
                .until(() -> trading().cosignRefusals() == 1);
        assertThat(gateway.payments(NODE))
                .as("nothing signed for the mismatching transfer")
                .hasSize(1);
        assertThat(trading().cosigns()).hasSize(1);
    }

    @Test
    void aResendRequestBringsPagesTheGatewayLostBackWellWithinTwoSeconds() throws Exception {
        start();
        gateway.acknowledge(false); // the gateway "lost" what it received: nothing is acknowledged
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(10));
            agent.readNow(ReadingReason.PERIODIC).get();
        }
        TestGateway.Ledger pages = gateway.ledger(NODE);
        await().atMost(Duration.ofSeconds(10)).until(() -> pages.arrivals.size() >= 5);
        // Page 1 was committed after all: it leaves the outbox, and a request for it is ignored.
        gateway.publish(
                Topics.ack(EAG, NODE),
                gateway.sign(new Ack(EAG, NODE, 1, t0.toEpochMilli(), List.of(new Ack.PageRange(1, 1)), List.of())
                        .payloadBytes()),
                false);
        await().atMost(Duration.ofSeconds(10)).until(() -> agent.status().outboxDepth() == 4);

        long asked = System.nanoTime();
        gateway.publish(
                Topics.ack(EAG, NODE),
                gateway.sign(
                        new ResendRequest(EAG, 2, t0, NODE, List.of(new Ack.PageRange(1, 3), new Ack.PageRange(99, 99)))
                                .payloadBytes()),
                false);
        await("pages 2 and 3 again, an hour before their ack timeout")
                .atMost(Duration.ofSeconds(2))
                .until(() -> count(pages.arrivals, 2) == 2 && count(pages.arrivals, 3) == 2);
        long ms = (System.nanoTime() - asked) / 1_000_000;
        System.out.printf("resend request to pages back at the gateway: %d ms%n", ms);
        assertThat(count(pages.arrivals, 1)).as("page 1 was no longer held").isEqualTo(1);
        assertThat(Arrays.asList(count(pages.arrivals, 4), count(pages.arrivals, 5)))
                .containsExactly(1L, 1L);
        assertThat(gateway.problems()).isEmpty();
    }

    private static long count(List<Long> arrivals, long page) {
        return arrivals.stream().filter(p -> p == page).count();
    }
}
