package org.ebc.gateway.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.ebc.consensus.Consortium;
import org.ebc.consensus.GenesisHash;
import org.ebc.consensus.Member;
import org.ebc.consensus.QuorumRule;
import org.ebc.credit.CreditAnswer;
import org.ebc.credit.CreditMessage;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.KeyPairs;
import org.ebc.crypto.Signatures;
import org.ebc.envelope.Decoded;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.EnvelopeResult;
import org.ebc.gateway.broker.BrokerEndpoint;
import org.ebc.gateway.broker.EmbeddedBroker;
import org.ebc.gateway.credit.BorrowerStanding;
import org.ebc.gateway.credit.CreditBank;
import org.ebc.gateway.credit.CreditSettings;
import org.ebc.gateway.credit.InMemoryAccounts;
import org.ebc.gateway.credit.pricing.PricingMethod;
import org.ebc.gateway.storage.GatewayDatabase;
import org.ebc.gateway.storage.SqliteCreditBook;
import org.ebc.gateway.trading.CreditDesk;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;
import org.ebc.wire.Topics;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * {@code eag-gateway bench-credit-payments}: the latency of a credit payment over a real broker, seller → bank → new
 * token: a seller node forwards the borrower's newest token with a bill ({@link CreditMessage.Pay}, signed); the
 * EAG's {@link CreditDesk} verifies it, the {@link CreditBank} checks the token against its SQLite book
 * ({@code synchronous=FULL}), pays the seller, re-signs the token and commits; the borrower receives the signed new
 * token. Measured per payment from the seller's publish to the borrower's receipt of the new token, one payment at
 * a time, after a warm-up. The account pool is an in-memory map (the payment core does not take the bank's moves
 * yet). Raw P-256 verifications/s on one thread are measured in the same run as the yardstick.
 */
public final class CreditPaymentBenchmark {
    private CreditPaymentBenchmark() {}

    /**
     * @param payments measured payments
     * @param warmup payments before measuring
     * @param brokerUrl an external broker, or null for the embedded one
     * @param dir where the bank's database goes
     */
    public record Options(int payments, int warmup, String brokerUrl, Path dir) {}

    /**
     * @param latenciesMicros per payment, sorted
     * @param rawVerifyPerSecond P-256 verifications per second, one thread, same run
     */
    public record Result(List<Long> latenciesMicros, double rawVerifyPerSecond) {
        long percentile(int p) {
            return PaymentTimes.nearestRank(latenciesMicros, p);
        }
    }

    public static Result run(Options o, PrintStream progress) throws Exception {
        EagId eag = EagId.of("eag-bench");
        KeyPair eagKeys = KeyPairs.generate();
        WalletAddress reserve = WalletAddress.of(eagKeys.getPublic());
        InMemoryAccounts accounts = new InMemoryAccounts();
        accounts.allocate(reserve, CoinAmount.ofCoins(10_000_000));
        KeyPair buyerKeys = KeyPairs.generate();
        KeyPair sellerKeys = KeyPairs.generate();
        NodeId buyer = NodeId.of("node-buyer");
        NodeId seller = NodeId.of("node-seller");
        WalletAddress buyerWallet = WalletAddress.of(KeyPairs.generate().getPublic());
        WalletAddress sellerWallet = WalletAddress.of(KeyPairs.generate().getPublic());
        accounts.allocate(buyerWallet, CoinAmount.ofCoins(10));
        Map<NodeId, KeyPair> nodes = Map.of(buyer, buyerKeys, seller, sellerKeys);
        Map<NodeId, WalletAddress> wallets = Map.of(buyer, buyerWallet, seller, sellerWallet);

        EmbeddedBroker broker = null;
        String url = o.brokerUrl();
        if (url == null) {
            broker = EmbeddedBroker.start(new BrokerEndpoint.Embedded(
                    "127.0.0.1", 0, o.dir().resolve("broker"), 1_000_000, BrokerEndpoint.Persistence.MEMORY));
            url = broker.serverUri();
        }
        List<AutoCloseable> open = new ArrayList<>();
        try {
            SqliteCreditBook book = new SqliteCreditBook(
                    GatewayDatabase.openMigrated(GatewayDatabase.file(o.dir().resolve("eag"))),
                    CoinAmount.ofCoins(10_000_000));
            open.add(book);
            CreditSettings settings = new CreditSettings(
                    Duration.ofDays(30),
                    Duration.ofDays(10),
                    Duration.ofDays(365),
                    2,
                    CoinAmount.ofCoins(1),
                    1,
                    CreditSettings.exampleModel(),
                    PricingMethod.CLOSED_FORM);
            CreditBank bank = new CreditBank(
                    eag,
                    reserve,
                    settings,
                    book,
                    accounts,
                    accounts,
                    token -> WalletAddress.of(KeyPairs.generate().getPublic()),
                    token -> token.sign(eagKeys.getPrivate(), KeyId.of(eagKeys.getPublic())),
                    Clock.systemUTC());
            CreditDesk.Members members = new CreditDesk.Members() {
                @Override
                public Optional<PublicKey> key(NodeId node) {
                    return Optional.ofNullable(nodes.get(node)).map(KeyPair::getPublic);
                }

                @Override
                public BorrowerStanding standing(NodeId node) {
                    WalletAddress w = wallets.get(node);
                    return new BorrowerStanding(
                            w != null,
                            w == null ? Set.of() : Set.of(w),
                            w == null ? CoinAmount.ZERO : accounts.balance(w),
                            CoinAmount.ofCoins(5));
                }
            };
            Consortium consortium = new Consortium(
                    new GenesisHash("0".repeat(64)), List.of(Member.of(eag, eagKeys.getPublic())), QuorumRule.BFT);
            CreditDesk desk = new CreditDesk(
                    eag, eagKeys, bank, members, consortium, url, Clock.systemUTC(), Duration.ofSeconds(5));
            desk.start(options());
            open.add(desk);

            BlockingQueue<CreditAnswer> toBuyer = new LinkedBlockingQueue<>();
            BlockingQueue<CreditAnswer> toSeller = new LinkedBlockingQueue<>();
            MqttClient buyerClient = client(url, buyer, eag, eagKeys.getPublic(), toBuyer);
            open.add(() -> {
                buyerClient.disconnect();
                buyerClient.close();
            });
            MqttClient sellerClient = client(url, seller, eag, eagKeys.getPublic(), toSeller);
            open.add(() -> {
                sellerClient.disconnect();
                sellerClient.close();
            });

            long buyerSeq = 0;
            long sellerSeq = 0;
            buyerClient.publish(
                    Topics.meter(eag, buyer, Topics.MeterMessage.CREDIT),
                    new CreditMessage.Request(
                                    buyer,
                                    ++buyerSeq,
                                    Clock.systemUTC().instant(),
                                    CoinAmount.ofCoins(1_000),
                                    0,
                                    List.of(buyerWallet),
                                    buyerWallet)
                            .sign(buyerKeys.getPrivate(), KeyId.of(buyerKeys.getPublic())),
                    1,
                    false);
            CreditAnswer granted = take(toBuyer, "the token");
            if (!granted.ok()) {
                throw new IllegalStateException(
                        "the bank refused the bench's loan: " + granted.result() + " " + granted.detail());
            }
            byte[] token = granted.token();
            int total = o.warmup() + o.payments();
            // Each payment is an equal share of the loan, so the token pays them all.
            CoinAmount lent = org.ebc.credit.CreditToken.from(
                            EnvelopeCodec.parsePayload(EnvelopeCodec.frame(token, EnvelopeCodec.DEFAULT_MAX_BYTES)
                                            .envelope())
                                    .envelope())
                    .value()
                    .amount();
            CoinAmount each = CoinAmount.ofMinorUnits(Math.max(1, lent.minorUnits() / total));
            List<Long> micros = new ArrayList<>();
            progress.printf(
                    "credit payments: %d warm-up + %d measured, one at a time, over %s%n",
                    o.warmup(), o.payments(), url);
            for (int i = 0; i < total; i++) {
                byte[] pay = new CreditMessage.Pay(
                                seller,
                                ++sellerSeq,
                                Clock.systemUTC().instant(),
                                token,
                                sellerWallet,
                                "bench-bill-" + i,
                                each)
                        .sign(sellerKeys.getPrivate(), KeyId.of(sellerKeys.getPublic()));
                long t0 = System.nanoTime();
                sellerClient.publish(Topics.meter(eag, seller, Topics.MeterMessage.CREDIT), pay, 1, false);
                CreditAnswer notice = take(toBuyer, "the new token after payment " + i);
                long t1 = System.nanoTime();
                CreditAnswer paid = take(toSeller, "the seller's answer " + i);
                if (!notice.ok() || !paid.ok()) {
                    throw new IllegalStateException(
                            "payment " + i + " refused: " + paid.result() + " " + paid.detail());
                }
                token = notice.token();
                if (i >= o.warmup()) {
                    micros.add((t1 - t0) / 1_000);
                }
                if ((i + 1) % 200 == 0) {
                    progress.printf("  %d payments%n", i + 1);
                }
            }
            if (!bank.audit().balances()) {
                throw new IllegalStateException("the bank's books do not balance after the bench: " + bank.audit());
            }
            Collections.sort(micros);
            return new Result(micros, rawVerifyPerSecond());
        } finally {
            for (int i = open.size() - 1; i >= 0; i--) {
                try {
                    open.get(i).close();
                } catch (Exception e) {
                    // best effort
                }
            }
            if (broker != null) {
                broker.close();
            }
        }
    }

    /** MQTT 3.1.1 with TCP_NODELAY, as the gateway's own clients use (without it Nagle adds ~40 ms per hop). */
    private static MqttConnectOptions options() {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setSocketFactory(org.ebc.wire.NoDelaySockets.plain());
        return o;
    }

    private static MqttClient client(
            String url, NodeId node, EagId eag, PublicKey eagKey, BlockingQueue<CreditAnswer> into) throws Exception {
        MqttClient c = new MqttClient(url, "bench-" + node.value(), new MemoryPersistence());
        c.connect(options());
        c.subscribe(Topics.node(eag, node, Topics.NodeMessage.CREDIT), 1, (topic, m) -> {
            EnvelopeResult v = EnvelopeCodec.verify(
                    m.getPayload(), k -> k.equals(KeyId.of(eagKey)) ? Optional.of(eagKey) : Optional.empty());
            if (v.isOk()) {
                Decoded<CreditAnswer> d = CreditAnswer.from(v.envelope());
                if (d.isOk()) {
                    into.add(d.value());
                }
            }
        });
        return c;
    }

    private static CreditAnswer take(BlockingQueue<CreditAnswer> q, String what) throws InterruptedException {
        CreditAnswer a = q.poll(30, TimeUnit.SECONDS);
        if (a == null) {
            throw new IllegalStateException("no answer within 30 s: " + what);
        }
        return a;
    }

    private static double rawVerifyPerSecond() {
        KeyPair k = KeyPairs.generate();
        byte[] data = new byte[600];
        byte[] sig = Signatures.sign(k.getPrivate(), data);
        for (int i = 0; i < 2_000; i++) {
            Signatures.verify(k.getPublic(), data, sig);
        }
        int n = 5_000;
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            if (!Signatures.verify(k.getPublic(), data, sig)) {
                throw new IllegalStateException("a correct signature did not verify");
            }
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    public static void print(Result r, PrintStream out) {
        out.printf(
                "credit payment, seller -> bank -> new token at the borrower, over the broker: p50 %.1f ms, p99 %.1f ms,"
                        + " max %.1f ms over %d payments%n",
                r.percentile(50) / 1000.0,
                r.percentile(99) / 1000.0,
                r.latenciesMicros().get(r.latenciesMicros().size() - 1) / 1000.0,
                r.latenciesMicros().size());
        out.printf(
                "raw P-256 verifications/s on one thread, same run: %.0f (each payment costs the desk 1 verification"
                        + " and 2 signatures, plus 2 verifications at the nodes)%n",
                r.rawVerifyPerSecond());
    }
}
