package org.ebc.trade;

import java.security.PrivateKey;
import java.time.Instant;
import java.util.Objects;
import org.ebc.crypto.KeyId;
import org.ebc.envelope.Decoded;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.PayloadFields;
import org.ebc.envelope.SignedEnvelope;
import org.ebc.json.StrictJson;
import org.ebc.units.Energy;
import org.ebc.units.NodeId;
import org.ebc.units.Price;
import org.ebc.wallet.WalletAddress;

/**
 * A node's order for one market slot, signed with its node key and published on
 * {@code ebc/v1/<eag>/meter/<node>/order}:
 *
 * <pre>{"typ":"order","from":"&lt;node&gt;","seq":&lt;order sequence&gt;,"ts":&lt;ms&gt;,"slot":&lt;slot start ms&gt;,
 *  "side":"buy|sell","wh":&lt;energy&gt;,"price":&lt;limit, minor units per kWh&gt;,"addr":"&lt;wallet address&gt;"}</pre>
 *
 * <p>{@code seq} rises with every order of the node (the gateway refuses a sequence it has seen, so a
 * replayed order changes nothing); {@code price} is a buyer's maximum or a seller's minimum; {@code addr}
 * is the node's own address that pays (buy) or is paid (sell). In posted mode a buy order is the paper's
 * "energy request" and a sell order the seller's answer to the demand notice.
 *
 * @param node the ordering node
 * @param seq the node's order sequence, ≥ 1
 * @param at when the node signed it (its clock)
 * @param slot the start of the market slot
 * @param side buy or sell
 * @param energy how much, in Wh, &gt; 0
 * @param limit the limit price
 * @param address the node's paying or receiving address
 */
public record Order(
        NodeId node, long seq, Instant at, Instant slot, Side side, Energy energy, Price limit, WalletAddress address) {
    public static final String TYPE = "order";
    /** No order is larger than this (1 GWh): beyond it a number is damage, not an order. */
    public static final long MAX_WH = 1_000_000_000_000L;

    public Order {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(side, "side");
        Objects.requireNonNull(limit, "limit");
        Objects.requireNonNull(address, "address");
        if (seq < 1) {
            throw new IllegalArgumentException("an order sequence starts at 1, not " + seq);
        }
        if (energy.wh() <= 0 || energy.wh() > MAX_WH) {
            throw new IllegalArgumentException("an order is for 1.." + MAX_WH + " Wh, not " + energy);
        }
    }

    /** The order's id in the market: {@code <node>/<seq>}. */
    public String id() {
        return node + "/" + seq;
    }

    public byte[] payloadBytes() {
        return StrictJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("typ", TYPE);
            g.writeStringField("from", node.value());
            g.writeNumberField("seq", seq);
            g.writeNumberField("ts", at.toEpochMilli());
            g.writeNumberField("slot", slot.toEpochMilli());
            g.writeStringField("side", side.word());
            g.writeNumberField("wh", energy.wh());
            g.writeNumberField("price", limit.minorUnitsPerKWh());
            g.writeStringField("addr", address.toString());
            g.writeEndObject();
        });
    }

    /** The signed envelope, with the node's key. */
    public byte[] sign(PrivateKey nodeKey, KeyId nodeKeyId) {
        return EnvelopeCodec.sign(payloadBytes(), nodeKey, nodeKeyId);
    }

    /** Reads an order out of a verified envelope. */
    public static Decoded<Order> from(SignedEnvelope e) {
        PayloadFields f = PayloadFields.of(e, TYPE);
        NodeId node = f.fromNode();
        long slot = f.whole("slot", 0, Long.MAX_VALUE);
        String side = f.word("side", Side.WORDS);
        long wh = f.whole("wh", 1, MAX_WH);
        long price = f.whole("price", 0, Long.MAX_VALUE);
        WalletAddress addr = f.address("addr");
        return f.result(() -> new Order(
                node,
                e.seq(),
                Instant.ofEpochMilli(e.timestampMillis()),
                Instant.ofEpochMilli(slot),
                Side.ofWord(side),
                Energy.ofWh(wh),
                Price.ofMinorUnitsPerKWh(price),
                addr));
    }
}
