package org.ebc.agent.trading;

import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.KeyPairs;
import org.ebc.crypto.Sha256;
import org.ebc.payment.BalanceNotice;
import org.ebc.payment.CosignRequest;
import org.ebc.payment.Transfer;
import org.ebc.trade.Bill;
import org.ebc.trade.MarketInfo;
import org.ebc.trade.Side;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.units.Energy;
import org.ebc.units.NodeId;
import org.ebc.units.Price;
import org.ebc.wallet.WalletAddress;

/**
 * Keys and messages for the trader's unit tests: fresh P-256 keys (real signatures throughout), a node with
 * two wallets, a counterparty wallet, and the EAG's grid address.
 */
final class TradeFixtures {
    static final EagId EAG = EagId.of("eag-t");
    static final NodeId NODE = NodeId.of("node-t");
    /** A slot border: 2026-12-04T12:00Z. */
    static final Instant T0 = Instant.parse("2026-12-04T12:00:00Z");

    static final Duration SLOT = Duration.ofMinutes(15);
    static final Price RETAIL = Price.ofMinorUnitsPerKWh(30_000_000);
    static final Price FEED_IN = Price.ofMinorUnitsPerKWh(8_000_000);

    final KeyPair nodeKeys = KeyPairs.generate();
    final KeyPair eagKeys = KeyPairs.generate();
    final KeyPair wallet1 = KeyPairs.generate();
    final KeyPair wallet2 = KeyPairs.generate();
    final KeyPair other = KeyPairs.generate();
    final Wallets wallets = new Wallets(List.of(wallet(1, wallet1), wallet(2, wallet2)));
    final WalletAddress address1 = WalletAddress.of(wallet1.getPublic());
    final WalletAddress address2 = WalletAddress.of(wallet2.getPublic());
    final WalletAddress otherAddress = WalletAddress.of(other.getPublic());
    /** Where orders go before any balance notice: the address first in text order (keys are random per run). */
    final WalletAddress firstInTextOrder =
            address1.toString().compareTo(address2.toString()) <= 0 ? address1 : address2;

    final WalletAddress grid = WalletAddress.of(eagKeys.getPublic());
    private long billSeq;
    private long noticeSeq;

    static Wallet wallet(int n, KeyPair k) {
        return new Wallet(n, WalletAddress.of(k.getPublic()), k.getPublic(), k.getPrivate());
    }

    Trader.NodeKey nodeKey() {
        return new Trader.NodeKey(NODE, nodeKeys.getPrivate(), KeyId.of(nodeKeys.getPublic()));
    }

    static MarketInfo market(String mode, Duration lead, Duration window) {
        return new MarketInfo(
                EAG,
                1,
                T0,
                mode,
                "pay-as-clear",
                SLOT,
                lead,
                window,
                4,
                RETAIL,
                FEED_IN,
                Energy.ofWh(100_000),
                WalletAddress.of(KeyPairs.generate().getPublic()));
    }

    static MarketInfo auction() {
        return market("auction", Duration.ofMinutes(5), Duration.ZERO);
    }

    static MarketInfo posted() {
        return market("posted", Duration.ofMinutes(5), Duration.ofMinutes(2));
    }

    static TradingConfig config(long reserveWh) {
        return new TradingConfig(
                true, Energy.ofWh(reserveWh), 1, LimitPrice.TARIFF, LimitPrice.TARIFF, Duration.ofSeconds(10));
    }

    /** A bill of {@code wh} at 0.185 EC/kWh from {@code payer} to {@code payee}. */
    Bill bill(String id, WalletAddress payer, WalletAddress payee, long wh) {
        Price p = Price.ofMinorUnitsPerKWh(18_500_000);
        Energy e = Energy.ofWh(wh);
        return new Bill(EAG, ++billSeq, T0, id, T0, Bill.P2P, payer, payee, e, p, p.costOf(e));
    }

    /** The EAG's credit bank's bill: {@code payer} repays {@code amount} to the EAG's account. */
    Bill loanBill(String id, WalletAddress payer, CoinAmount amount) {
        return new Bill(EAG, ++billSeq, T0, id, T0, Bill.LOAN, payer, grid, Energy.ZERO, Price.ZERO, amount);
    }

    byte[] signed(Bill b) {
        return b.sign(eagKeys.getPrivate(), KeyId.of(eagKeys.getPublic()));
    }

    BalanceNotice balance(WalletAddress a, CoinAmount balance, CoinAmount pending, long nextNonce) {
        return new BalanceNotice(EAG, ++noticeSeq, T0, NODE, a, balance, pending, nextNonce);
    }

    /** The counterparty's signed transfer paying {@code b}, with {@code amount} (the bill's, or not). */
    byte[] transferFromOther(Bill b, CoinAmount amount, long nonce) {
        return new Transfer(b.payer(), nonce, T0, b.payee(), amount, b.id(), other.getPublic())
                .sign(other.getPrivate());
    }

    /** The EAG's key id: what signs its messages, the co-signature requests among them. */
    KeyId eagKeyId() {
        return KeyId.of(eagKeys.getPublic());
    }

    /** The EAG's own account paying {@code b} for its payer (a loan of the EAG's credit bank covers the bill). */
    byte[] transferFromEag(Bill b, long nonce) {
        return new Transfer(grid, nonce, T0, b.payee(), b.amount(), b.id(), eagKeys.getPublic())
                .sign(eagKeys.getPrivate());
    }

    static CosignRequest cosignRequest(Bill b, byte[] transfer, CoinAmount covered) {
        return new CosignRequest(EAG, 1, T0, NODE, b.id(), transfer, covered);
    }

    static String digest(byte[] b) {
        return Sha256.hex(b);
    }

    static OrderRecord order(long seq, Instant slot, OrderState state) {
        return new OrderRecord(
                seq,
                slot,
                Side.BUY,
                Energy.ofWh(500),
                RETAIL,
                WalletAddress.of(KeyPairs.generate().getPublic()),
                ("order " + seq).getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                T0,
                state,
                "",
                "",
                Optional.empty(),
                T0);
    }
}
