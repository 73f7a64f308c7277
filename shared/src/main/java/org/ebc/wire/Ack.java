package org.ebc.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ebc.envelope.SignedEnvelope;
import org.ebc.json.StrictJson;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;

/**
 * The gateway's answer to a node's readings (DESIGN §3), sent as a signed envelope of type
 * {@value #TYPE} on {@link Topics#ack}. One acknowledgement covers every record of that node that one
 * group commit decided on, so the gateway signs once per node per commit, not once per reading.
 *
 * <p>{@code committed}: page ranges now durable in the gateway's SQLite (fsync'd); the agent may delete
 * them from its outbox. {@code rejected}: pages refused, each with a reason code; the agent moves them to
 * quarantine and carries on. A page the gateway already holds (a re-delivery after a lost ack) is
 * acknowledged as committed again, so the agent never keeps it forever.
 *
 * @param eag the acknowledging gateway
 * @param node the node whose readings are acknowledged
 * @param seq the gateway's acknowledgement sequence for this node (rising; informative)
 * @param timestampMillis the gateway's clock
 * @param committed inclusive page ranges now durable
 * @param rejected pages refused with their reason
 */
public record Ack(
        EagId eag, NodeId node, long seq, long timestampMillis, List<PageRange> committed, List<Rejection> rejected) {
    public static final String TYPE = "ack";

    public Ack {
        committed = List.copyOf(committed);
        rejected = List.copyOf(rejected);
    }

    /** Inclusive range of page numbers. */
    public record PageRange(long first, long last) {
        public PageRange {
            if (first < 1 || last < first) {
                throw new IllegalArgumentException("bad page range " + first + ".." + last);
            }
        }

        public boolean contains(long page) {
            return page >= first && page <= last;
        }
    }

    /** A refused page with the gateway's reason code (for example {@code BAD_SIGNATURE}). */
    public record Rejection(long page, String reason, String detail) {}

    /** Collapses sorted or unsorted page numbers into ranges. */
    public static List<PageRange> ranges(List<Long> pages) {
        List<Long> sorted = new ArrayList<>(pages);
        sorted.sort(null);
        List<PageRange> out = new ArrayList<>();
        long start = -1;
        long prev = -1;
        for (long p : sorted) {
            if (start < 0) {
                start = p;
            } else if (p != prev + 1 && p != prev) {
                out.add(new PageRange(start, prev));
                start = p;
            }
            prev = p;
        }
        if (start >= 0) {
            out.add(new PageRange(start, prev));
        }
        return out;
    }

    public byte[] payloadBytes() {
        return StrictJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("typ", TYPE);
            g.writeStringField("from", eag.value());
            g.writeNumberField("seq", seq);
            g.writeNumberField("ts", timestampMillis);
            g.writeStringField("node", node.value());
            g.writeArrayFieldStart("committed");
            for (PageRange r : committed) {
                g.writeStartArray();
                g.writeNumber(r.first());
                g.writeNumber(r.last());
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("rejected");
            for (Rejection r : rejected) {
                g.writeStartObject();
                g.writeNumberField("pg", r.page());
                g.writeStringField("reason", r.reason());
                g.writeStringField("detail", r.detail());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** Reads an acknowledgement out of a verified envelope; empty if it is not a well-formed ack. */
    public static Optional<Ack> fromEnvelope(SignedEnvelope e) {
        try {
            JsonNode p = e.payload();
            if (!TYPE.equals(e.type()) || !EagId.isValid(e.from())) {
                return Optional.empty();
            }
            String node = StrictJson.text(p, "node");
            JsonNode c = p.get("committed");
            JsonNode r = p.get("rejected");
            if (!NodeId.isValid(node) || c == null || !c.isArray() || r == null || !r.isArray()) {
                return Optional.empty();
            }
            List<PageRange> committed = new ArrayList<>();
            for (JsonNode range : c) {
                if (!range.isArray()
                        || range.size() != 2
                        || !range.get(0).canConvertToLong()
                        || !range.get(1).canConvertToLong()
                        || !range.get(0).isIntegralNumber()
                        || !range.get(1).isIntegralNumber()) {
                    return Optional.empty();
                }
                committed.add(
                        new PageRange(range.get(0).longValue(), range.get(1).longValue()));
            }
            List<Rejection> rejected = new ArrayList<>();
            for (JsonNode x : r) {
                Long pg = StrictJson.wholeNumber(x, "pg");
                String reason = StrictJson.text(x, "reason");
                String detail = StrictJson.text(x, "detail");
                if (pg == null || pg < 1 || reason == null) {
                    return Optional.empty();
                }
                rejected.add(new Rejection(pg, reason, detail == null ? "" : detail));
            }
            return Optional.of(
                    new Ack(EagId.of(e.from()), NodeId.of(node), e.seq(), e.timestampMillis(), committed, rejected));
        } catch (RuntimeException ex) {
            return Optional.empty();
        }
    }
}
