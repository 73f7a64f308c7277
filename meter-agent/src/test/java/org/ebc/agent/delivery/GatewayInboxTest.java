package org.ebc.agent.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.ebc.agent.store.AgentDatabase;
import org.ebc.agent.store.SqliteTradeLedger;
import org.ebc.agent.testing.MutableClock;
import org.ebc.agent.trading.LimitPrice;
import org.ebc.agent.trading.Outgoing;
import org.ebc.agent.trading.Trader;
import org.ebc.agent.trading.TradingConfig;
import org.ebc.agent.trading.Wallet;
import org.ebc.agent.trading.Wallets;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.KeyPairs;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.SignedEnvelope;
import org.ebc.payment.BalanceNotice;
import org.ebc.trade.Bill;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.units.Energy;
import org.ebc.units.NodeId;
import org.ebc.units.Price;
import org.ebc.wallet.WalletAddress;
import org.ebc.wire.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each gateway message counts only on its own topic and, where it names a node, only for this node. */
class GatewayInboxTest {
    private static final EagId EAG = EagId.of("eag-i");
    private static final NodeId NODE = NodeId.of("node-i");
    private static final Instant T0 = Instant.parse("2026-12-04T12:00:00Z");

    @TempDir
    java.nio.file.Path dir;

    private final KeyPair eag = KeyPairs.generate();
    private final KeyPair wallet = KeyPairs.generate();
    private final WalletAddress address = WalletAddress.of(wallet.getPublic());
    private final WalletAddress other = WalletAddress.of(KeyPairs.generate().getPublic());
    private AgentDatabase db;
    private SqliteTradeLedger ledger;
    private GatewayInbox inbox;

    private GatewayInbox inbox() {
        db = AgentDatabase.open(dir.resolve("agent.db"));
        ledger = new SqliteTradeLedger(db);
        Outgoing none = new Outgoing() {
            @Override
            public boolean order(byte[] envelope) {
                return false;
            }

            @Override
            public boolean payment(byte[] envelope) {
                return false;
            }

            @Override
            public boolean credit(byte[] envelope) {
                return false;
            }
        };
        Trader t = new Trader(
                new Trader.NodeKey(
                        NODE,
                        KeyPairs.generate().getPrivate(),
                        KeyId.of(KeyPairs.generate().getPublic())),
                new Wallets(List.of(new Wallet(1, address, wallet.getPublic(), wallet.getPrivate()))),
                new TradingConfig(
                        true, Energy.ofWh(100), 1, LimitPrice.TARIFF, LimitPrice.TARIFF, Duration.ofSeconds(10)),
                Duration.ofMinutes(15),
                ledger,
                none,
                new MutableClock(T0));
        return new GatewayInbox(EAG, NODE, t);
    }

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    private SignedEnvelope signed(byte[] payload) {
        byte[] raw = EnvelopeCodec.sign(payload, eag.getPrivate(), KeyId.of(eag.getPublic()));
        return EnvelopeCodec.verify(raw, k -> Optional.of(eag.getPublic())).envelope();
    }

    private Bill bill(String id) {
        Price p = Price.ofMinorUnitsPerKWh(18_500_000);
        return new Bill(EAG, 1, T0, id, T0, Bill.P2P, other, address, Energy.ofWh(600), p, p.costOf(Energy.ofWh(600)));
    }

    private String node(Topics.NodeMessage kind) {
        return Topics.node(EAG, NODE, kind);
    }

    @Test
    void aBillOnTheNodesBillTopicReachesTheTrader() {
        inbox = inbox();
        inbox.message(node(Topics.NodeMessage.BILL), signed(bill("b-1").payloadBytes()));
        assertThat(ledger.bill("b-1")).isPresent();
    }

    @Test
    void aBillOnAnotherTopicIsRefused() {
        inbox = inbox();
        inbox.message(node(Topics.NodeMessage.PAYMENT), signed(bill("b-1").payloadBytes()));
        inbox.message(
                Topics.market(EAG, Topics.MarketMessage.RESULT),
                signed(bill("b-2").payloadBytes()));
        assertThat(ledger.bill("b-1")).isEmpty();
        assertThat(ledger.bill("b-2")).isEmpty();
    }

    @Test
    void aBalanceNoticeForAnotherNodeIsRefused() {
        inbox = inbox();
        BalanceNotice forOther =
                new BalanceNotice(EAG, 1, T0, NodeId.of("node-x"), address, CoinAmount.ofCoins(20), CoinAmount.ZERO, 1);
        inbox.message(node(Topics.NodeMessage.PAYMENT), signed(forOther.payloadBytes()));
        assertThat(ledger.wallet(address).orElseThrow().hasNotice()).isFalse();

        BalanceNotice mine = new BalanceNotice(EAG, 2, T0, NODE, address, CoinAmount.ofCoins(20), CoinAmount.ZERO, 1);
        inbox.message(node(Topics.NodeMessage.PAYMENT), signed(mine.payloadBytes()));
        assertThat(ledger.wallet(address).orElseThrow().balance()).isEqualTo(CoinAmount.ofCoins(20));
    }

    @Test
    void aMalformedMessageIsRefusedAndChangesNothing() {
        inbox = inbox();
        byte[] extra = new String(bill("b-1").payloadBytes(), java.nio.charset.StandardCharsets.UTF_8)
                .replace("}", ",\"tip\":1}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        inbox.message(node(Topics.NodeMessage.BILL), signed(extra));
        assertThat(ledger.bill("b-1")).isEmpty();
    }
}
