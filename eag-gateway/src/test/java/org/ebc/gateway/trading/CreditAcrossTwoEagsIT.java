package org.ebc.gateway.trading;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.ebc.consensus.Consortium;
import org.ebc.credit.CreditAnswer;
import org.ebc.credit.CreditMessage;
import org.ebc.credit.CreditToken;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.KeyPairs;
import org.ebc.envelope.Decoded;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.EnvelopeResult;
import org.ebc.gateway.credit.BorrowerStanding;
import org.ebc.gateway.credit.CreditBank;
import org.ebc.gateway.credit.CreditSettings;
import org.ebc.gateway.credit.InMemoryAccounts;
import org.ebc.gateway.credit.pricing.PricingMethod;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.gateway.storage.SqliteCreditBook;
import org.ebc.testing.MosquittoBroker;
import org.ebc.testing.MutableClock;
import org.ebc.testing.TestConsortium;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;
import org.ebc.wire.Topics;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The credit bank over a real Mosquitto broker with two EAGs, each a {@link CreditDesk} with its bank's book in a
 * real SQLite file; nodes are MQTT clients that sign their messages with their own keys. Case one (repaid in time),
 * case two (late: f + 1, credit lowered, penalty) and case three (written off; the blacklist broadcast over the
 * consortium topic reaches the other EAG, which refuses the borrower too), and forged and replayed messages refused
 * before the bank. The coins are the only twin: each EAG's account pool is an {@link InMemoryAccounts}, because the
 * payment core does not yet take the bank's moves (issue 9).
 */
class CreditAcrossTwoEagsIT {
    private static final Duration VALIDITY = Duration.ofDays(30);
    private static final Duration BUFFER = Duration.ofDays(10);
    private static final Duration DEFAULT_AFTER = Duration.ofDays(365);

    @TempDir
    Path tmp;

    private final List<AutoCloseable> open = new ArrayList<>();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));

    @AfterEach
    void close() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    /** A node: its key, its wallet, its MQTT client and the answers it received. */
    final class Node implements AutoCloseable {
        final NodeId id;
        final KeyPair keys = KeyPairs.generate();
        final WalletAddress wallet = WalletAddress.of(KeyPairs.generate().getPublic());
        final Map<EagId, MqttClient> clients = new HashMap<>();
        final BlockingQueue<CreditAnswer> answers = new LinkedBlockingQueue<>();
        long seq;

        Node(String id) {
            this.id = NodeId.of(id);
        }

        void connect(MosquittoBroker broker, EagId eag, PublicKey eagKey) throws Exception {
            MqttClient c = new MqttClient(broker.url(), id + "@" + eag, new MemoryPersistence());
            MqttConnectOptions o = new MqttConnectOptions();
            o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
            c.connect(o);
            c.subscribe(Topics.node(eag, id, Topics.NodeMessage.CREDIT), 1, (topic, m) -> {
                EnvelopeResult v = EnvelopeCodec.verify(
                        m.getPayload(), k -> k.equals(KeyId.of(eagKey)) ? Optional.of(eagKey) : Optional.empty());
                if (v.isOk()) {
                    Decoded<CreditAnswer> d = CreditAnswer.from(v.envelope());
                    if (d.isOk()) {
                        answers.add(d.value());
                    }
                }
            });
            clients.put(eag, c);
        }

        byte[] send(EagId eag, CreditMessage m) throws Exception {
            byte[] raw = m.sign(keys.getPrivate(), KeyId.of(keys.getPublic()));
            clients.get(eag).publish(Topics.meter(eag, id, Topics.MeterMessage.CREDIT), raw, 1, false);
            return raw;
        }

        CreditAnswer request(EagId eag, long coins, long credit) throws Exception {
            send(
                    eag,
                    new CreditMessage.Request(
                            id, ++seq, clock.instant(), CoinAmount.ofCoins(coins), credit, List.of(wallet), wallet));
            return next("request");
        }

        CreditAnswer next(String op) throws InterruptedException {
            CreditAnswer a = answers.poll(30, TimeUnit.SECONDS);
            assertThat(a).as("%s: an answer to %s within 30 s", id, op).isNotNull();
            assertThat(a.op()).isEqualTo(op);
            return a;
        }

        @Override
        public void close() throws org.eclipse.paho.client.mqttv3.MqttException {
            for (MqttClient c : clients.values()) {
                c.disconnect();
                c.close();
            }
        }
    }

    /** One EAG: its pool, its bank on SQLite, its desk on the broker. */
    record Eag(
            EagId id, KeyPair keys, InMemoryAccounts pool, WalletAddress reserve, CreditBank bank, CreditDesk desk) {}

    private Eag eag(
            TestConsortium c, int i, MosquittoBroker broker, Consortium consortium, Map<NodeId, Node> registered)
            throws Exception {
        TestConsortium.Eag e = c.eag(i);
        InMemoryAccounts pool = new InMemoryAccounts();
        WalletAddress reserve = WalletAddress.of(e.keys().getPublic());
        pool.allocate(reserve, CoinAmount.ofCoins(100_000));
        SqliteCreditBook book = new SqliteCreditBook(
                GatewayDatabase.openMigrated(GatewayDatabase.file(tmp.resolve(e.id().value()))),
                CoinAmount.ofCoins(100_000));
        open.add(book);
        CreditSettings settings = new CreditSettings(
                VALIDITY,
                BUFFER,
                DEFAULT_AFTER,
                2,
                CoinAmount.ofCoins(1),
                1,
                CreditSettings.exampleModel(),
                PricingMethod.CLOSED_FORM);
        CreditBank bank = new CreditBank(
                e.id(),
                reserve,
                settings,
                book,
                pool,
                pool,
                token -> WalletAddress.of(KeyPairs.generate().getPublic()),
                token -> token.sign(e.keys().getPrivate(), KeyId.of(e.keys().getPublic())),
                clock);
        CreditDesk.Members members = new CreditDesk.Members() {
            @Override
            public Optional<PublicKey> key(NodeId node) {
                return Optional.ofNullable(registered.get(node)).map(n -> n.keys.getPublic());
            }

            @Override
            public BorrowerStanding standing(NodeId node) {
                Node n = registered.get(node);
                return new BorrowerStanding(
                        n != null,
                        n == null ? Set.of() : Set.of(n.wallet),
                        n == null ? CoinAmount.ZERO : pool.balance(n.wallet),
                        CoinAmount.ofCoins(5));
            }
        };
        CreditDesk desk = new CreditDesk(
                e.id(), e.keys(), bank, members, consortium, broker.url(), clock, Duration.ofMillis(100));
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        desk.start(o);
        open.add(desk);
        return new Eag(e.id(), e.keys(), pool, reserve, bank, desk);
    }

    private static byte[] tokenOf(CreditAnswer a) {
        assertThat(a.ok()).as("%s: %s", a.result(), a.detail()).isTrue();
        assertThat(a.token()).isNotEmpty();
        return a.token();
    }

    private static CreditToken read(byte[] token) {
        return CreditToken.from(EnvelopeCodec.parsePayload(
                                EnvelopeCodec.frame(token, 8192).envelope())
                        .envelope())
                .value();
    }

    private static void awaitTrue(String what, java.util.function.BooleanSupplier c) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!c.getAsBoolean()) {
            assertThat(System.nanoTime()).as("within 30 s: %s", what).isLessThan(end);
            Thread.sleep(20);
        }
    }

    @Test
    void repaymentCasesOneTwoAndThreeOverTheBrokerAndTheBlacklistReachesTheOtherEag() throws Exception {
        TestConsortium c = TestConsortium.create(2, 0);
        Consortium consortium = Consortium.of(c.genesis());
        MosquittoBroker broker = MosquittoBroker.start(tmp.resolve("broker"));
        open.add(broker);
        Node borrower = new Node("node-1");
        Node seller = new Node("node-2");
        Node late = new Node("node-3");
        Map<NodeId, Node> atEag1 = Map.of(borrower.id, borrower, seller.id, seller, late.id, late);
        Map<NodeId, Node> atEag2 = Map.of(borrower.id, borrower);
        Eag e1 = eag(c, 1, broker, consortium, atEag1);
        Eag e2 = eag(c, 2, broker, consortium, atEag2);
        for (Node n : List.of(borrower, seller, late)) {
            open.add(n);
            n.connect(broker, e1.id(), e1.keys().getPublic());
            e1.pool().allocate(n.wallet, CoinAmount.ofCoins(500));
        }
        borrower.connect(broker, e2.id(), e2.keys().getPublic());
        e2.pool().allocate(borrower.wallet, CoinAmount.ofCoins(500));
        long total1 = e1.pool().totalMinorUnits();

        // Case one: borrow, the seller forwards the token with its bill, the borrower gets the new token, repays in
        // time.
        byte[] t1 = tokenOf(borrower.request(e1.id(), 100, 0));
        assertThat(read(t1).amount()).isEqualTo(CoinAmount.ofCoins(100));
        seller.send(
                e1.id(),
                new CreditMessage.Pay(
                        seller.id, ++seller.seq, clock.instant(), t1, seller.wallet, "bill-1", CoinAmount.ofCoins(30)));
        assertThat(seller.next("pay").ok()).isTrue();
        byte[] t2 = tokenOf(borrower.next("notice"));
        assertThat(read(t2).version()).isEqualTo(2);
        assertThat(read(t2).balance()).isEqualTo(CoinAmount.ofCoins(70));
        // The old token no longer pays.
        seller.send(
                e1.id(),
                new CreditMessage.Pay(
                        seller.id, ++seller.seq, clock.instant(), t1, seller.wallet, "bill-2", CoinAmount.ofCoins(10)));
        assertThat(seller.next("pay").result()).isEqualTo("TOKEN_MISMATCH");
        // Nor does the newest one pay an address that is not the forwarding seller's.
        seller.send(
                e1.id(),
                new CreditMessage.Pay(
                        seller.id, ++seller.seq, clock.instant(), t2, late.wallet, "bill-2", CoinAmount.ofCoins(10)));
        assertThat(seller.next("pay").result()).isEqualTo("FOREIGN_ADDRESS");
        borrower.send(
                e1.id(),
                new CreditMessage.Repay(borrower.id, ++borrower.seq, clock.instant(), read(t1).id(), borrower.wallet));
        CreditAnswer repaid = borrower.next("repay");
        assertThat(repaid.ok()).as(repaid.detail()).isTrue();
        assertThat(repaid.detail()).startsWith("case one");
        assertThat(e1.pool().balance(borrower.wallet))
                .isEqualTo(CoinAmount.ofCoins(470).minus(read(t1).interest()));

        // Case two: the buffer passes unpaid; the sweep counts it late and lowers the credit value; repaid with the
        // penalty.
        byte[] t3 = tokenOf(late.request(e1.id(), 50, 0));
        seller.send(
                e1.id(),
                new CreditMessage.Pay(
                        seller.id, ++seller.seq, clock.instant(), t3, seller.wallet, "bill-3", CoinAmount.ofCoins(20)));
        assertThat(seller.next("pay").ok()).isTrue();
        late.next("notice");
        clock.advance(VALIDITY.plus(BUFFER).plusSeconds(60));
        awaitTrue("the sweep marks the loan late", () -> e1.pool().of(late.id) < 0);
        assertThat(e1.pool().of(late.id)).isEqualTo(-2 * 50);
        late.send(e1.id(), new CreditMessage.Repay(late.id, ++late.seq, clock.instant(), read(t3).id(), late.wallet));
        CreditAnswer lateRepaid = late.next("repay");
        assertThat(lateRepaid.ok()).as(lateRepaid.detail()).isTrue();
        assertThat(lateRepaid.detail()).startsWith("case two");
        assertThat(e1.pool().balance(late.wallet))
                .isEqualTo(CoinAmount.ofCoins(480).minus(read(t3).penalty()));
        assertThat(late.request(e1.id(), 10, -100).result()).isEqualTo("NEGATIVE_CREDIT");

        // Case three: a loan never repaid is written off a year after its buffer; both EAGs refuse the borrower.
        byte[] t4 = tokenOf(borrower.request(e1.id(), 100, 0));
        seller.send(
                e1.id(),
                new CreditMessage.Pay(
                        seller.id, ++seller.seq, clock.instant(), t4, seller.wallet, "bill-4", CoinAmount.ofCoins(40)));
        assertThat(seller.next("pay").ok()).isTrue();
        borrower.next("notice");
        clock.advance(VALIDITY.plus(BUFFER).plus(DEFAULT_AFTER).plusSeconds(60));
        awaitTrue("eag-1 blacklists node-1", () -> e1.bank().isBlacklisted(borrower.id));
        awaitTrue("eag-2 hears of it", () -> e2.bank().isBlacklisted(borrower.id));
        CreditAnswer at2 = borrower.request(e2.id(), 10, 0);
        assertThat(at2.result()).isEqualTo("BLACKLISTED");
        assertThat(at2.detail()).contains("at eag-1");
        assertThat(borrower.request(e1.id(), 10, 0).result()).isEqualTo("BLACKLISTED");

        // Forged and replayed messages never reach the bank.
        KeyPair stranger = KeyPairs.generate();
        byte[] forged = new CreditMessage.Request(
                        seller.id,
                        1_000,
                        clock.instant(),
                        CoinAmount.ofCoins(5),
                        0,
                        List.of(seller.wallet),
                        seller.wallet)
                .sign(stranger.getPrivate(), KeyId.of(stranger.getPublic()));
        seller.clients
                .get(e1.id())
                .publish(Topics.meter(e1.id(), seller.id, Topics.MeterMessage.CREDIT), forged, 1, false);
        byte[] replay = seller.send(
                e1.id(), new CreditMessage.Repay(seller.id, ++seller.seq, clock.instant(), "x", seller.wallet));
        seller.next("repay");
        seller.clients
                .get(e1.id())
                .publish(Topics.meter(e1.id(), seller.id, Topics.MeterMessage.CREDIT), replay, 1, false);
        awaitTrue(
                "the forgery and the replay are counted",
                () -> e1.desk().refusals().get(CreditDesk.Refusal.BAD_SIGNATURE) == 1
                        && e1.desk().refusals().get(CreditDesk.Refusal.REPLAYED) == 1);
        assertThat(seller.answers.poll(500, TimeUnit.MILLISECONDS))
                .as("no answer to either")
                .isNull();

        // Every coin accounted for; the books balance at both banks.
        assertThat(e1.pool().totalMinorUnits()).isEqualTo(total1);
        assertThat(e1.bank().audit().balances()).isTrue();
        assertThat(e2.bank().audit().balances()).isTrue();
        assertThat(e1.bank().audit().equity())
                .isEqualTo(CoinAmount.ofCoins(100_000)
                        .plus(read(t1).interest())
                        .plus(read(t3).penalty())
                        .minus(CoinAmount.ofCoins(40)));
    }
}
