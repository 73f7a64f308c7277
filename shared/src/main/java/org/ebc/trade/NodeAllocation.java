package org.ebc.trade;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ebc.crypto.KeyId;
import org.ebc.envelope.Decoded;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.PayloadFields;
import org.ebc.envelope.SignedEnvelope;
import org.ebc.json.StrictJson;
import org.ebc.units.EagId;
import org.ebc.units.Energy;
import org.ebc.units.NodeId;
import org.ebc.units.Price;
import org.ebc.wallet.WalletAddress;

/**
 * One node's part of a slot's clearing, signed by the EAG and sent only to that node on
 * {@code ebc/v1/<eag>/node/<node>/allocation}: how much of its order was matched, with which counterparties
 * (by address) at what price, and how much goes to or from the grid.
 *
 * <pre>{"typ":"allocation","from":"&lt;eag&gt;","seq":&lt;slot start ms&gt;,"ts":&lt;ms&gt;,"node":"&lt;node&gt;",
 *  "slot":…,"order":&lt;order seq&gt;,"side":"buy|sell","orderedWh":…,"matchedWh":…,"gridWh":…,
 *  "trades":[{"with":"&lt;counterparty address&gt;","wh":…,"price":…},…],"digest":"&lt;allocation digest&gt;"}</pre>
 */
public record NodeAllocation(
        EagId eag,
        Instant at,
        NodeId node,
        Instant slot,
        long order,
        Side side,
        Energy ordered,
        Energy matched,
        Energy grid,
        List<Line> trades,
        String digest) {
    public static final String TYPE = "allocation";
    static final int MAX_TRADES = 1_000;

    /** A trade with one counterparty. */
    public record Line(WalletAddress with, Energy energy, Price price) {
        public Line {
            Objects.requireNonNull(with, "with");
            Objects.requireNonNull(price, "price");
            if (energy.wh() <= 0) {
                throw new IllegalArgumentException("a trade line is for > 0 Wh");
            }
        }
    }

    public NodeAllocation {
        Objects.requireNonNull(eag, "eag");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(slot, "slot");
        Objects.requireNonNull(side, "side");
        trades = List.copyOf(trades);
        if (trades.size() > MAX_TRADES) {
            throw new IllegalArgumentException("at most " + MAX_TRADES + " trade lines");
        }
        if (matched.plus(grid).compareTo(ordered) != 0) {
            throw new IllegalArgumentException(
                    "matched " + matched + " + grid " + grid + " must equal ordered " + ordered);
        }
        long sum = 0;
        for (Line l : trades) {
            sum = Math.addExact(sum, l.energy().wh());
        }
        if (sum != matched.wh()) {
            throw new IllegalArgumentException("trade lines add up to " + sum + " Wh, matched is " + matched);
        }
    }

    public byte[] payloadBytes() {
        return StrictJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("typ", TYPE);
            g.writeStringField("from", eag.value());
            g.writeNumberField("seq", slot.toEpochMilli());
            g.writeNumberField("ts", at.toEpochMilli());
            g.writeStringField("node", node.value());
            g.writeNumberField("slot", slot.toEpochMilli());
            g.writeNumberField("order", order);
            g.writeStringField("side", side.word());
            g.writeNumberField("orderedWh", ordered.wh());
            g.writeNumberField("matchedWh", matched.wh());
            g.writeNumberField("gridWh", grid.wh());
            g.writeArrayFieldStart("trades");
            for (Line l : trades) {
                g.writeStartObject();
                g.writeStringField("with", l.with().toString());
                g.writeNumberField("wh", l.energy().wh());
                g.writeNumberField("price", l.price().minorUnitsPerKWh());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("digest", digest);
            g.writeEndObject();
        });
    }

    public byte[] sign(PrivateKey eagKey, KeyId eagKeyId) {
        return EnvelopeCodec.sign(payloadBytes(), eagKey, eagKeyId);
    }

    public static Decoded<NodeAllocation> from(SignedEnvelope e) {
        PayloadFields f = PayloadFields.of(e, TYPE);
        EagId eag = f.fromEag();
        NodeId node = f.node("node");
        long slot = f.whole("slot", 0, Long.MAX_VALUE);
        long order = f.whole("order", 1, Long.MAX_VALUE);
        String side = f.word("side", Side.WORDS);
        Energy ordered = f.energy("orderedWh", Order.MAX_WH);
        Energy matched = f.energy("matchedWh", Order.MAX_WH);
        Energy grid = f.energy("gridWh", Order.MAX_WH);
        List<JsonNode> rows = f.array("trades", MAX_TRADES);
        String digest = f.digest("digest");
        List<Line> lines = new ArrayList<>(rows.size());
        for (JsonNode row : rows) {
            WalletAddress.Parsed with = WalletAddress.parse(StrictJson.text(row, "with"));
            Long wh = StrictJson.wholeNumber(row, "wh");
            Long price = StrictJson.wholeNumber(row, "price");
            if (!with.isOk()
                    || wh == null
                    || wh < 1
                    || wh > Order.MAX_WH
                    || price == null
                    || price < 0
                    || row.size() != 3) {
                return Decoded.failure("trades must be objects of with (an address), wh (> 0) and price (>= 0)");
            }
            lines.add(new Line(with.address(), Energy.ofWh(wh), Price.ofMinorUnitsPerKWh(price)));
        }
        if (f.ok() && e.seq() != slot) {
            return Decoded.failure("seq must be the slot start");
        }
        return f.result(() -> new NodeAllocation(
                eag,
                Instant.ofEpochMilli(e.timestampMillis()),
                node,
                Instant.ofEpochMilli(slot),
                order,
                Side.ofWord(side),
                ordered,
                matched,
                grid,
                lines,
                digest));
    }
}
