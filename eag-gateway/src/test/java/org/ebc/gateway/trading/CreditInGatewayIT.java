package org.ebc.gateway.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.ebc.credit.CreditAnswer;
import org.ebc.credit.CreditMessage;
import org.ebc.credit.CreditToken;
import org.ebc.crypto.Sha256;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.gateway.Gateway;
import org.ebc.gateway.GatewayConfig;
import org.ebc.gateway.credit.Loan;
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
import org.ebc.wire.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The credit bank inside a real gateway ({@code bank.enabled}), over a real Mosquitto, with the payment core's coins:
 * a buyer whose coins cannot pay its bill borrows, presents the token for the bill, the EAG's account pays its seller
 * (who co-signs), the buyer's own payment of that bill is refused as covered, and when the token's validity ends the
 * bank bills the buyer what is due, the buyer pays that loan bill from later income and the loan closes in time
 * (case one) with the bank's books balanced and every coin conserved. The test stands in for the agents: it signs
 * orders, readings, credit messages, transfers and co-signatures with the nodes' keys.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class CreditInGatewayIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final long SLOT_MS = 4_000;
    private static final Price LIMIT = Price.ofMinorUnitsPerKWh(30_000_000); // 0.30 EC/kWh, the retail tariff too
    private static final Map<String, String> SETTINGS = Map.ofEntries(
            Map.entry("market.mode", "auction"),
            Map.entry("market.pricing", "pay-as-bid"),
            Map.entry("market.slot.length", "4s"),
            Map.entry("market.gate.lead", "1s"),
            Map.entry("market.settlement.grace", "3s"),
            Map.entry("market.horizon.slots", "6"),
            Map.entry("market.order.max.wh", "1000000"),
            Map.entry("verify.rated.power", "1000000000"),
            Map.entry("payment.grid.allocation", "1000"),
            Map.entry("bank.enabled", "true"),
            Map.entry("bank.capital", "100"),
            Map.entry("bank.validity", "3s"),
            Map.entry("bank.buffer", "60s"),
            Map.entry("bank.sweep", "200ms"));

    @TempDir
    static Path root;

    static MosquittoBroker broker;
    static MarketFixture market;
    static Gateway gateway;
    static TradeClient client;
    static final Map<String, Long> pages = new HashMap<>();
    static final Map<String, Long> creditSeq = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        broker = MosquittoBroker.start(root.resolve("mosquitto"));
        market = new MarketFixture(root, "eag-credit", 3);
        gateway = Gateway.start(GatewayConfig.of(market.settings(broker.url(), SETTINGS), Clock.systemUTC()));
        assertThat(gateway.awaitReady(WAIT)).isTrue();
        client = new TradeClient(
                broker.url(),
                market.gateway.eag,
                market.gateway.eagIssued.keys().getPublic());
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

    private static Instant nextSlot() {
        long t = System.currentTimeMillis() + 2_500;
        return Instant.ofEpochMilli((t / SLOT_MS + 1) * SLOT_MS);
    }

    private static void order(MarketFixture.Trader t, long seq, Instant slot, Side side, long wh) throws Exception {
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

    private static void border(MarketFixture.Trader t, Instant at, long importWh, long exportWh) throws Exception {
        long page = pages.merge(t.meter().node, 1L, Long::sum);
        client.publish(
                t.meter().readingTopic(market.gateway.eag),
                t.meter()
                        .sign(org.ebc.gateway.TestMeter.payload(
                                t.meter().node,
                                t.meter().meter,
                                page,
                                importWh,
                                exportWh,
                                at,
                                org.ebc.ocmf.ClockStatus.S,
                                "",
                                "G",
                                "B")));
    }

    /** One slot in which each trader orders and delivers or takes {@code wh} (positive: sells), and its bills. */
    private static List<BillRecord> trade(Map<MarketFixture.Trader, Long> wh, Map<MarketFixture.Trader, long[]> reg)
            throws Exception {
        Instant slot = nextSlot();
        for (Map.Entry<MarketFixture.Trader, Long> e : wh.entrySet()) {
            long seq = creditSeq.merge("order-" + e.getKey().meter().node, 1L, Long::sum);
            order(e.getKey(), seq, slot, e.getValue() > 0 ? Side.SELL : Side.BUY, Math.abs(e.getValue()));
        }
        for (Map.Entry<MarketFixture.Trader, Long> e : wh.entrySet()) {
            long[] r = reg.get(e.getKey());
            long v = Math.abs(e.getValue());
            border(e.getKey(), slot, r[0], r[1]);
            r[0] += e.getValue() < 0 ? v : 0;
            r[1] += e.getValue() > 0 ? v : 0;
            border(e.getKey(), slot.plusMillis(SLOT_MS), r[0], r[1]);
        }
        await("slot " + slot + " settled")
                .atMost(WAIT)
                .until(() -> gateway.trading().recentSettled().stream()
                        .anyMatch(x -> x.slot().start().equals(slot)));
        return gateway.payments().bills(new BillFilter(null, slot, null, null));
    }

    private static BillRecord only(List<BillRecord> bills, String kind) {
        return bills.stream()
                .filter(b -> b.bill().kind().equals(kind))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " bill in " + bills));
    }

    /** The payee's agent: co-signs the transfer the gateway asks it about for {@code bill}. */
    private static void cosign(MarketFixture.Trader payee, String bill) throws Exception {
        await("a co-signature request for bill " + bill)
                .atMost(WAIT)
                .until(() -> request(bill).isPresent());
        CosignRequest req = request(bill).orElseThrow();
        Transfer t = org.ebc.payment.PaymentCheck.transfer(req.transfer()).get();
        byte[] cosign = Cosign.of(t, Sha256.hex(req.transfer()), payee.wallet().getPublic(), Instant.now())
                .sign(payee.wallet().getPrivate());
        client.publish(Topics.meter(market.gateway.eag, payee.meter().nodeId(), Topics.MeterMessage.PAYMENT), cosign);
    }

    private static Optional<CosignRequest> request(String bill) {
        return client.cosignRequests.stream()
                .map(TradeClient.Seen::message)
                .filter(r -> r.bill().equals(bill))
                .reduce((a, b) -> b);
    }

    private static byte[] transfer(MarketFixture.Trader payer, Bill bill) {
        long nonce = gateway.payments().account(payer.address()).nextNonce();
        return new Transfer(
                        payer.address(),
                        nonce,
                        Instant.now(),
                        bill.payee(),
                        bill.amount(),
                        bill.id(),
                        payer.wallet().getPublic())
                .sign(payer.wallet().getPrivate());
    }

    private static Receipt pay(MarketFixture.Trader payer, Bill bill) throws Exception {
        byte[] t = transfer(payer, bill);
        client.publish(Topics.meter(market.gateway.eag, payer.meter().nodeId(), Topics.MeterMessage.PAYMENT), t);
        String digest = Sha256.hex(t);
        await("a receipt for the transfer paying " + bill.id())
                .atMost(WAIT)
                .until(() -> client.receipt("transfer", digest).isPresent());
        return client.receipt("transfer", digest).orElseThrow();
    }

    /** Sends a credit message signed with the node's key and waits for the bank's answer to it. */
    private static CreditAnswer credit(MarketFixture.Trader t, java.util.function.LongFunction<CreditMessage> m)
            throws Exception {
        long seq = creditSeq.merge("credit-" + t.meter().node, 1L, Long::sum);
        client.publish(
                Topics.meter(market.gateway.eag, t.meter().nodeId(), Topics.MeterMessage.CREDIT),
                m.apply(seq).sign(t.meter().issued.keys().getPrivate(), t.nodeKeyId()));
        await("the bank's answer to " + t.meter().node + "'s credit message " + seq)
                .atMost(WAIT)
                .until(() -> answer(t, seq).isPresent());
        return answer(t, seq).orElseThrow();
    }

    /** {@code from} presents the token for {@code bill}, naming the seller and the amount. */
    private static CreditAnswer presentToken(
            MarketFixture.Trader from, byte[] token, MarketFixture.Trader seller, BillRecord bill, CoinAmount amount)
            throws Exception {
        return credit(
                from,
                seq -> new CreditMessage.Pay(
                        from.meter().nodeId(), seq, Instant.now(), token, seller.address(), bill.id(), amount));
    }

    private static Optional<CreditAnswer> answer(MarketFixture.Trader t, long seq) {
        return client.credits.stream()
                .map(TradeClient.Seen::message)
                .filter(a -> a.node().equals(t.meter().nodeId()) && a.re() == seq)
                .findFirst();
    }

    private static CreditToken token(byte[] signed) {
        return CreditToken.from(EnvelopeCodec.parsePayload(
                                EnvelopeCodec.frame(signed, 8192).envelope())
                        .envelope())
                .value();
    }

    @Test
    void aBuyerWithoutCoinsBorrowsTheEagsAccountPaysItsSellerAndItRepaysItsLoanBillInTime() throws Exception {
        MarketFixture.Trader buyer = market.trader(1);
        MarketFixture.Trader seller = market.trader(2);
        MarketFixture.Trader stranger = market.trader(3);
        Map<MarketFixture.Trader, long[]> registers = new HashMap<>();
        for (MarketFixture.Trader t : List.of(buyer, seller, stranger)) {
            registers.put(t, new long[] {0, 0});
        }
        // An income first (step 3 b): the buyer sells 10 kWh to the grid (feed-in 0.08 EC/kWh), paid by the EAG.
        BillRecord sale = only(trade(Map.of(buyer, 10_000L), registers), Bill.GRID_EXPORT);
        cosign(buyer, sale.id());
        await("the sale paid")
                .atMost(WAIT)
                .until(() -> gateway.payments().bill(sale.id()).orElseThrow().status() == BillStatus.PAID);

        // The buyer takes 100 kWh at 0.30 EC/kWh: a 30-coin bill, more than its 20.8 coins.
        BillRecord owed = only(trade(Map.of(buyer, -100_000L, seller, 100_000L), registers), Bill.P2P);
        assertThat(owed.bill().amount()).isEqualTo(CoinAmount.ofCoins(30));
        assertThat(gateway.payments().account(buyer.address()).available())
                .isLessThan(owed.bill().amount());

        // Token request (steps 1–5).
        long credit = gateway.payments().creditValue(buyer.meter().nodeId());
        CreditAnswer granted = credit(
                buyer,
                seq -> new CreditMessage.Request(
                        buyer.meter().nodeId(),
                        seq,
                        Instant.now(),
                        CoinAmount.ofCoins(30),
                        credit,
                        List.of(buyer.address()),
                        buyer.address()));
        assertThat(granted.ok())
                .as("%s: %s", granted.result(), granted.detail())
                .isTrue();
        CreditToken t1 = token(granted.token());
        assertThat(t1.amount()).isEqualTo(CoinAmount.ofCoins(30));
        CoinAmount eagBefore =
                gateway.payments().account(gateway.payments().gridAddress()).balance();

        // The bank pays only the transaction server's own bill, and only to a party of it.
        CreditAnswer wrongAmount = presentToken(buyer, granted.token(), seller, owed, CoinAmount.ofCoins(29));
        assertThat(wrongAmount.result()).isEqualTo("BILL_MISMATCH");
        CreditAnswer notAParty = presentToken(
                stranger, granted.token(), seller, owed, owed.bill().amount());
        assertThat(notAParty.result()).isEqualTo("FOREIGN_ADDRESS");

        // Paying with the token (steps 1–4): the EAG's account pays the seller, who co-signs as for any bill.
        CreditAnswer paid =
                presentToken(buyer, granted.token(), seller, owed, owed.bill().amount());
        assertThat(paid.ok()).as("%s: %s", paid.result(), paid.detail()).isTrue();
        cosign(seller, owed.id());
        await("the covered bill paid")
                .atMost(WAIT)
                .until(() -> gateway.payments().bill(owed.id()).orElseThrow().status() == BillStatus.PAID);
        assertThat(gateway.payments().bill(owed.id()).orElseThrow().coveredBy()).isEqualTo(t1.id());
        assertThat(gateway.payments().account(seller.address()).balance()).isEqualTo(CoinAmount.ofCoins(50));
        assertThat(gateway.payments().account(gateway.payments().gridAddress()).balance())
                .isEqualTo(eagBefore.minus(CoinAmount.ofCoins(30)));
        assertThat(pay(buyer, owed.bill()).reason())
                .as("its own payment of the bill")
                .isEqualTo("COVERED");

        // Later income: the buyer sells 500 kWh to the grid (40 coins).
        BillRecord income = only(trade(Map.of(buyer, 500_000L), registers), Bill.GRID_EXPORT);
        cosign(buyer, income.id());
        await("the second sale paid")
                .atMost(WAIT)
                .until(() -> gateway.payments().bill(income.id()).orElseThrow().status() == BillStatus.PAID);

        // The token's validity is over: the bank bills what is due, the buyer pays that loan bill, the loan closes.
        await("the loan bill")
                .atMost(WAIT)
                .until(() -> !gateway.payments()
                        .bills(new BillFilter(null, null, null, Bill.LOAN))
                        .isEmpty());
        Bill loanBill = gateway.payments()
                .bills(new BillFilter(null, null, null, Bill.LOAN))
                .get(0)
                .bill();
        assertThat(loanBill.id()).isEqualTo(t1.id() + "/1");
        assertThat(loanBill.payer()).isEqualTo(buyer.address());
        assertThat(loanBill.payee()).isEqualTo(gateway.payments().gridAddress());
        assertThat(loanBill.amount()).isEqualTo(CoinAmount.ofCoins(30).plus(t1.interest()));
        await("the loan bill reached the buyer")
                .atMost(WAIT)
                .until(() ->
                        client.bills.stream().anyMatch(b -> b.message().id().equals(loanBill.id())));
        assertThat(pay(buyer, loanBill).status()).isEqualTo(Receipt.Status.APPLIED);
        await("the loan closed")
                .atMost(WAIT)
                .until(() -> gateway.credit()
                                .orElseThrow()
                                .bank()
                                .loan(t1.id())
                                .orElseThrow()
                                .status()
                        == Loan.Status.REPAID);

        assertThat(gateway.credit().orElseThrow().bank().audit().balances())
                .as("the bank's books balance")
                .isTrue();
        assertThat(gateway.credit().orElseThrow().bank().audit().equity())
                .isEqualTo(CoinAmount.ofCoins(100).plus(t1.interest()));
        assertThat(gateway.payments().totals().conserved()).isTrue();
    }
}
