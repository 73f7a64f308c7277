package org.ebc.payment;

import java.security.PrivateKey;
import java.time.Instant;
import java.util.Objects;
import org.ebc.crypto.KeyId;
import org.ebc.envelope.Decoded;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.PayloadFields;
import org.ebc.envelope.SignedEnvelope;
import org.ebc.json.StrictJson;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;

/**
 * The state of one of a node's addresses as the EAG's account pool holds it, sent to that node on
 * {@code ebc/v1/<eag>/node/<node>/payment} whenever it changes: the agent learns its balance and the nonce
 * its next transfer must carry.
 *
 * <pre>{"typ":"balance","from":"&lt;eag&gt;","seq":&lt;sequence&gt;,"ts":&lt;ms&gt;,"node":"&lt;node&gt;",
 *  "addr":"&lt;address&gt;","balance":&lt;minor units&gt;,"pending":&lt;minor units reserved by pending transfers&gt;,
 *  "nonce":&lt;the next transfer's nonce&gt;}</pre>
 */
public record BalanceNotice(
        EagId eag,
        long seq,
        Instant at,
        NodeId node,
        WalletAddress address,
        CoinAmount balance,
        CoinAmount pending,
        long nextNonce) {
    public static final String TYPE = "balance";

    public BalanceNotice {
        Objects.requireNonNull(eag, "eag");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(address, "address");
        if (balance.isNegative() || pending.isNegative() || pending.compareTo(balance) > 0 || nextNonce < 1) {
            throw new IllegalArgumentException("bad balance notice");
        }
    }

    /** What the address can still spend: balance minus what pending transfers reserve. */
    public CoinAmount available() {
        return balance.minus(pending);
    }

    public byte[] payloadBytes() {
        return StrictJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("typ", TYPE);
            g.writeStringField("from", eag.value());
            g.writeNumberField("seq", seq);
            g.writeNumberField("ts", at.toEpochMilli());
            g.writeStringField("node", node.value());
            g.writeStringField("addr", address.toString());
            g.writeNumberField("balance", balance.minorUnits());
            g.writeNumberField("pending", pending.minorUnits());
            g.writeNumberField("nonce", nextNonce);
            g.writeEndObject();
        });
    }

    public byte[] sign(PrivateKey eagKey, KeyId eagKeyId) {
        return EnvelopeCodec.sign(payloadBytes(), eagKey, eagKeyId);
    }

    public static Decoded<BalanceNotice> from(SignedEnvelope e) {
        PayloadFields f = PayloadFields.of(e, TYPE);
        EagId eag = f.fromEag();
        NodeId node = f.node("node");
        WalletAddress address = f.address("addr");
        CoinAmount balance = f.amount("balance");
        CoinAmount pending = f.amount("pending");
        long nonce = f.whole("nonce", 1, Long.MAX_VALUE);
        return f.result(() -> new BalanceNotice(
                eag, e.seq(), Instant.ofEpochMilli(e.timestampMillis()), node, address, balance, pending, nonce));
    }
}
