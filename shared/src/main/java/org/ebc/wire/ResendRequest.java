package org.ebc.wire;

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
import org.ebc.units.NodeId;

/**
 * The gateway asks an agent to publish pages again, on the node's ack topic
 * ({@link Topics#ack}): a gap opened because pages were lost between the broker's PUBACK and the
 * gateway's commit (a gateway crash), and waiting for the agent's own ack timeout would hold the slot's
 * settlement for half a minute. The agent re-publishes the pages it still holds at once.
 *
 * <pre>{"typ":"resend","from":"&lt;eag&gt;","seq":&lt;sequence&gt;,"ts":&lt;ms&gt;,"node":"&lt;node&gt;","pages":[[first,last],…]}</pre>
 */
public record ResendRequest(EagId eag, long seq, Instant at, NodeId node, List<Ack.PageRange> pages) {
    public static final String TYPE = "resend";
    static final int MAX_RANGES = 100;

    public ResendRequest {
        Objects.requireNonNull(eag, "eag");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(node, "node");
        pages = List.copyOf(pages);
        if (pages.isEmpty() || pages.size() > MAX_RANGES) {
            throw new IllegalArgumentException("a resend request names 1-" + MAX_RANGES + " page ranges");
        }
    }

    public byte[] payloadBytes() {
        return StrictJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("typ", TYPE);
            g.writeStringField("from", eag.value());
            g.writeNumberField("seq", seq);
            g.writeNumberField("ts", at.toEpochMilli());
            g.writeStringField("node", node.value());
            g.writeArrayFieldStart("pages");
            for (Ack.PageRange r : pages) {
                g.writeStartArray();
                g.writeNumber(r.first());
                g.writeNumber(r.last());
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    public byte[] sign(PrivateKey eagKey, KeyId eagKeyId) {
        return EnvelopeCodec.sign(payloadBytes(), eagKey, eagKeyId);
    }

    public static Decoded<ResendRequest> from(SignedEnvelope e) {
        PayloadFields f = PayloadFields.of(e, TYPE);
        EagId eag = f.fromEag();
        NodeId node = f.node("node");
        List<JsonNode> rows = f.array("pages", MAX_RANGES);
        List<Ack.PageRange> ranges = new ArrayList<>(rows.size());
        for (JsonNode r : rows) {
            if (!r.isArray()
                    || r.size() != 2
                    || !r.get(0).isIntegralNumber()
                    || !r.get(1).isIntegralNumber()
                    || !r.get(0).canConvertToLong()
                    || !r.get(1).canConvertToLong()
                    || r.get(0).longValue() < 1
                    || r.get(1).longValue() < r.get(0).longValue()) {
                return Decoded.failure("pages must be [first, last] ranges with 1 <= first <= last");
            }
            ranges.add(new Ack.PageRange(r.get(0).longValue(), r.get(1).longValue()));
        }
        return f.result(() -> new ResendRequest(eag, e.seq(), Instant.ofEpochMilli(e.timestampMillis()), node, ranges));
    }
}
