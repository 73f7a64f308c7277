package org.ebc.wire;

import java.util.Optional;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;

/**
 * MQTT topic names (DESIGN §3): versioned, per EAG. Nodes publish only under their own
 * {@code ebc/v1/<eag>/meter/<node>/…}; the gateway answers on {@code ebc/v1/<eag>/node/<node>/…}.
 * All traffic is QoS 1 with persistent sessions.
 */
public final class Topics {
    public static final String ROOT = "ebc/v1";

    /** What a node publishes under its meter topic. */
    public enum MeterMessage {
        /** Signed OCMF readings. */
        READING("reading"),
        /** The node's certificate chain (PEM), retained, so the gateway can bind a node it has not seen. */
        CERTIFICATE("certificate"),
        /** Operational status (outbox depth, last ack); informational only, never trusted for money or energy. */
        STATUS("status"),
        /** Market orders (signed envelopes), from the market part on. */
        ORDER("order"),
        /** Payments: transfers signed by the payer's wallet key and co-signatures by the payee's. */
        PAYMENT("payment"),
        /** The credit bank: token requests, credit payments forwarded by sellers, repayments (Part F). */
        CREDIT("credit");

        private final String leaf;

        MeterMessage(String leaf) {
            this.leaf = leaf;
        }

        public String leaf() {
            return leaf;
        }

        static MeterMessage fromLeaf(String leaf) {
            for (MeterMessage m : values()) {
                if (m.leaf.equals(leaf)) {
                    return m;
                }
            }
            return null;
        }
    }

    /** What the gateway sends to one node, under {@code ebc/v1/<eag>/node/<node>/…}; only that node reads it. */
    public enum NodeMessage {
        /** Signed acknowledgements of readings, and requests to publish missing pages again. */
        ACK("ack"),
        /** Receipts for orders and payments: accepted, pending, applied or refused with a reason. */
        RECEIPT("receipt"),
        /** The node's own part of a slot's clearing. */
        ALLOCATION("allocation"),
        /** Bills the node pays or is paid (P2P trades and grid lines), signed by the EAG. */
        BILL("bill"),
        /** Co-signature requests for transfers to the node's addresses, and balance notices. */
        PAYMENT("payment"),
        /** The credit bank's answers: tokens, refusals with their reasons, new token versions (Part F). */
        CREDIT("credit");

        private final String leaf;

        NodeMessage(String leaf) {
            this.leaf = leaf;
        }

        public String leaf() {
            return leaf;
        }
    }

    /** What an EAG broadcasts to all its nodes under {@code ebc/v1/<eag>/market/…}: aggregates only. */
    public enum MarketMessage {
        /** The market's rules and tariffs (retained): slot length, gate lead, mode, tariffs, grid address. */
        INFO("info"),
        /** Posted mode: a slot's total demand and the posted price, to which sellers answer with offers. */
        DEMAND("demand"),
        /** A slot's clearing in aggregate: volume, price, grid totals and the allocation's digest. */
        RESULT("result");

        private final String leaf;

        MarketMessage(String leaf) {
            this.leaf = leaf;
        }

        public String leaf() {
            return leaf;
        }
    }

    private Topics() {}

    public static String meter(EagId eag, NodeId node, MeterMessage kind) {
        return ROOT + "/" + eag + "/meter/" + node + "/" + kind.leaf();
    }

    public static String reading(EagId eag, NodeId node) {
        return meter(eag, node, MeterMessage.READING);
    }

    /** Subscription filter for one kind of message from every node of an EAG. */
    public static String allMeters(EagId eag, MeterMessage kind) {
        return ROOT + "/" + eag + "/meter/+/" + kind.leaf();
    }

    /** Gateway → agent: signed acknowledgements of committed or rejected readings. */
    public static String ack(EagId eag, NodeId node) {
        return ROOT + "/" + eag + "/node/" + node + "/ack";
    }

    /** Gateway → one node: {@code ebc/v1/<eag>/node/<node>/<kind>}. */
    public static String node(EagId eag, NodeId node, NodeMessage kind) {
        return ROOT + "/" + eag + "/node/" + node + "/" + kind.leaf();
    }

    /** Everything the gateway sends one node (the agent's single subscription). */
    public static String allForNode(EagId eag, NodeId node) {
        return ROOT + "/" + eag + "/node/" + node + "/#";
    }

    /** A market broadcast of an EAG. */
    public static String market(EagId eag, MarketMessage kind) {
        return market(eag, kind.leaf());
    }

    /** The EAG's certificate (PEM, retained), so agents can verify acknowledgements. */
    public static String eagCertificate(EagId eag) {
        return ROOT + "/" + eag + "/eag/certificate";
    }

    /** Market broadcasts of an EAG (demand, prices, results), from the market part on. */
    public static String market(EagId eag, String leaf) {
        return ROOT + "/" + eag + "/market/" + leaf;
    }

    /** Consortium-wide topics (proposals, audits, replies, commits, blacklist, sync). */
    public static String consortium(String leaf) {
        return ROOT + "/consortium/" + leaf;
    }

    /**
     * A consortium message published by EAG {@code from}: {@code ebc/v1/consortium/<from>/<leaf>}. Bridged
     * substation brokers forward exactly their own EAG's prefix to every peer (docs/broker.md, "Bridging
     * substations"), so consortium messages must be published under the sender's own id, QoS 1, not retained;
     * receivers subscribe to {@code ebc/v1/consortium/#}.
     */
    public static String consortium(EagId from, String leaf) {
        return ROOT + "/consortium/" + from + "/" + leaf;
    }

    /** A parsed meter topic. */
    public record MeterTopic(EagId eag, NodeId node, MeterMessage kind) {}

    /** Parses {@code ebc/v1/<eag>/meter/<node>/<kind>}; empty for anything else. Never throws. */
    public static Optional<MeterTopic> parseMeterTopic(String topic) {
        if (topic == null || !topic.startsWith(ROOT + "/")) {
            return Optional.empty();
        }
        String[] parts = topic.substring(ROOT.length() + 1).split("/", -1);
        if (parts.length != 4 || !"meter".equals(parts[1])) {
            return Optional.empty();
        }
        MeterMessage kind = MeterMessage.fromLeaf(parts[3]);
        if (kind == null || !EagId.isValid(parts[0]) || !NodeId.isValid(parts[2])) {
            return Optional.empty();
        }
        return Optional.of(new MeterTopic(EagId.of(parts[0]), NodeId.of(parts[2]), kind));
    }
}
