package org.ebc.testing;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.ebc.crypto.Crypto;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.Sha256;
import org.ebc.payment.BalanceNotice;
import org.ebc.payment.Cosign;
import org.ebc.payment.CosignRequest;
import org.ebc.payment.Transfer;
import org.ebc.trade.Bill;
import org.ebc.trade.DemandNotice;
import org.ebc.trade.MarketInfo;
import org.ebc.trade.MarketResult;
import org.ebc.trade.NodeAllocation;
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

/**
 * The messages behind the golden vectors under {@code golden/trade/} (see the README there), made from
 * throw-away keys committed next to them. The golden files were written once by {@link #main}; the
 * tests check that today's decoders read them back as exactly these values and today's encoders write
 * exactly their payload bytes.
 */
public final class TradeSamples {
    public static final EagId EAG = EagId.of("eag-1");
    public static final NodeId NODE = NodeId.of("node-17");
    public static final NodeId PAYEE_NODE = NodeId.of("node-23");
    public static final Instant TS = Instant.parse("2026-12-04T12:00:00.250Z");
    public static final Instant SLOT = Instant.parse("2026-12-04T12:15:00Z");

    public static final KeyPair EAG_KEYS = keyPair("eag.key");
    public static final KeyPair NODE_KEYS = keyPair("node.key");
    public static final KeyPair PAYER_WALLET = keyPair("payer-wallet.key");
    public static final KeyPair PAYEE_WALLET = keyPair("payee-wallet.key");
    public static final WalletAddress PAYER = WalletAddress.of(PAYER_WALLET.getPublic());
    public static final WalletAddress PAYEE = WalletAddress.of(PAYEE_WALLET.getPublic());
    public static final WalletAddress GRID = WalletAddress.of(EAG_KEYS.getPublic());

    private TradeSamples() {}

    public static Order order() {
        return new Order(NODE, 7, TS, SLOT, Side.BUY, Energy.ofWh(1_250), Price.ofMinorUnitsPerKWh(30_000_000), PAYER);
    }

    public static Receipt receipt() {
        return new Receipt(EAG, 11, TS, NODE, "order", "7", Receipt.Status.REFUSED, "LATE", "gate closed at 12:10:00Z");
    }

    public static MarketInfo marketInfo() {
        return new MarketInfo(
                EAG,
                1,
                TS,
                "posted",
                "pay-as-clear",
                Duration.ofMinutes(15),
                Duration.ofMinutes(5),
                Duration.ofMinutes(2),
                4,
                Price.ofMinorUnitsPerKWh(30_000_000),
                Price.ofMinorUnitsPerKWh(8_000_000),
                Energy.ofWh(100_000),
                GRID);
    }

    public static DemandNotice demandNotice() {
        return new DemandNotice(EAG, TS, SLOT, Energy.ofWh(12_500), Price.ofMinorUnitsPerKWh(19_000_000));
    }

    public static MarketResult marketResult() {
        return new MarketResult(
                EAG,
                TS,
                SLOT,
                "auction",
                "pay-as-clear",
                Price.ofMinorUnitsPerKWh(18_500_000),
                20,
                Energy.ofWh(9_000),
                Energy.ofWh(3_500),
                Energy.ofWh(700),
                Sha256.hex("allocation".getBytes(StandardCharsets.US_ASCII)));
    }

    public static NodeAllocation nodeAllocation() {
        return new NodeAllocation(
                EAG,
                TS,
                NODE,
                SLOT,
                7,
                Side.BUY,
                Energy.ofWh(1_250),
                Energy.ofWh(1_000),
                Energy.ofWh(250),
                List.of(
                        new NodeAllocation.Line(PAYEE, Energy.ofWh(600), Price.ofMinorUnitsPerKWh(18_500_000)),
                        new NodeAllocation.Line(
                                WalletAddress.of(NODE_KEYS.getPublic()),
                                Energy.ofWh(400),
                                Price.ofMinorUnitsPerKWh(18_500_000))),
                Sha256.hex("allocation".getBytes(StandardCharsets.US_ASCII)));
    }

    public static Bill bill() {
        Price p = Price.ofMinorUnitsPerKWh(18_500_000);
        Energy e = Energy.ofWh(600);
        return new Bill(EAG, 42, TS, "1796386500000-3", SLOT, Bill.P2P, PAYER, PAYEE, e, p, p.costOf(e));
    }

    public static Transfer transfer() {
        Bill b = bill();
        return new Transfer(PAYER, 5, TS, PAYEE, b.amount(), b.id(), PAYER_WALLET.getPublic());
    }

    public static Cosign cosign(String transferDigest) {
        return Cosign.of(transfer(), transferDigest, PAYEE_WALLET.getPublic(), TS.plusMillis(40));
    }

    public static CosignRequest cosignRequest(byte[] transferBytes) {
        return new CosignRequest(EAG, 3, TS, PAYEE_NODE, bill().id(), transferBytes, CoinAmount.ofCoins(19));
    }

    public static BalanceNotice balanceNotice() {
        return new BalanceNotice(
                EAG, 9, TS, NODE, PAYER, CoinAmount.ofCoins(20), CoinAmount.ofMinorUnits(11_100_000), 6);
    }

    public static ResendRequest resendRequest() {
        return new ResendRequest(EAG, 2, TS, NODE, List.of(new Ack.PageRange(41, 43), new Ack.PageRange(45, 45)));
    }

    public static KeyId eagKeyId() {
        return KeyId.of(EAG_KEYS.getPublic());
    }

    static KeyPair keyPair(String name) {
        String pem = new String(GoldenVectors.bytes("trade/" + name), StandardCharsets.US_ASCII);
        try (PEMParser p = new PEMParser(new StringReader(pem))) {
            return new JcaPEMKeyConverter().setProvider(Crypto.provider()).getKeyPair((PEMKeyPair) p.readObject());
        } catch (IOException e) {
            throw new AssertionError("cannot read golden key " + name, e);
        }
    }

    /** Writes the golden vectors once, into {@code args[0]} (the {@code golden/trade} source folder). */
    public static void main(String[] args) throws IOException {
        java.nio.file.Path dir = java.nio.file.Path.of(args[0]);
        java.security.PrivateKey eag = EAG_KEYS.getPrivate();
        KeyId eagId = eagKeyId();
        write(dir, "order.txt", order().sign(NODE_KEYS.getPrivate(), KeyId.of(NODE_KEYS.getPublic())));
        write(dir, "receipt.txt", receipt().sign(eag, eagId));
        write(dir, "market-info.txt", marketInfo().sign(eag, eagId));
        write(dir, "demand.txt", demandNotice().sign(eag, eagId));
        write(dir, "market-result.txt", marketResult().sign(eag, eagId));
        write(dir, "allocation.txt", nodeAllocation().sign(eag, eagId));
        write(dir, "bill.txt", bill().sign(eag, eagId));
        byte[] transfer = transfer().sign(PAYER_WALLET.getPrivate());
        write(dir, "transfer.txt", transfer);
        write(dir, "cosign.txt", cosign(Sha256.hex(transfer)).sign(PAYEE_WALLET.getPrivate()));
        write(dir, "cosign-request.txt", cosignRequest(transfer).sign(eag, eagId));
        write(dir, "balance.txt", balanceNotice().sign(eag, eagId));
        write(dir, "resend.txt", resendRequest().sign(eag, eagId));
    }

    private static void write(java.nio.file.Path dir, String name, byte[] bytes) throws IOException {
        java.nio.file.Path f = dir.resolve(name);
        if (java.nio.file.Files.exists(f)) {
            throw new IOException(f + " exists: golden vectors are written once, never regenerated");
        }
        java.nio.file.Files.write(f, bytes);
    }
}
