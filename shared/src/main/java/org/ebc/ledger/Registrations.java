package org.ebc.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ebc.crypto.KeyId;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.SignedEnvelope;
import org.ebc.json.StrictJson;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.ebc.wallet.WalletAddress;
import org.jspecify.annotations.Nullable;

/**
 * The authority's signed statement of who is registered where (issue 8, "registration and exit"): every node it
 * registered, the EAG where the node is at home (the only EAG that may admit its spends), its wallet addresses, and
 * when the authority revoked it, if it did (its last certificate: no EAG admits a transaction of the node stamped at or
 * after that time, and transactions admitted before it stay valid, so history re-validates the same everywhere). The authority writes a
 * new one, with the next {@code seq}, whenever a binding, a home or a revocation changes
 * ({@code registrations.ebc} in its directory); the EAGs pass it on over {@code ebc/v1/consortium/<eag>/registrations}
 * and each keeps the one with the highest {@code seq} that verifies under the authority's root. So a node admitted or
 * revoked at one EAG is known the same way at every EAG, and no file is copied by hand.
 *
 * <p>The authority signs identities, never transactions: nothing here moves coins. Encoding: a signed envelope (the
 * root's key, {@code from} the root's CN) whose payload is, in this field order and with no spaces,
 *
 * <pre>
 * {"typ":"registrations","from":"&lt;authority name&gt;","seq":&lt;revision, from 1&gt;,"ts":&lt;ms&gt;,
 *  "nodes":[{"node":"&lt;node id&gt;","home":"&lt;eag id&gt;","revoked":null|&lt;ms&gt;,"wallets":["&lt;address&gt;", …]}, …]}
 * </pre>
 *
 * with nodes sorted by id and each node's wallets sorted by their text; any other encoding is refused. Immutable.
 */
public final class Registrations {
    public static final String TYPE = "registrations";
    /** Far above a microgrid's registrations (10,000 nodes with 3 wallets are ~1.5 MB). */
    public static final int MAX_BYTES = 8 * 1024 * 1024;

    /**
     * One registered node. Wallets sorted by text.
     *
     * @param revokedAt when its registration ended (ms), null while it is registered
     */
    public record Node(NodeId node, EagId home, @Nullable Long revokedAt, List<WalletAddress> wallets) {
        public Node {
            wallets = wallets.stream()
                    .sorted(Comparator.comparing(WalletAddress::toString))
                    .toList();
        }

        public boolean active() {
            return revokedAt == null;
        }
    }

    private final byte[] raw;
    private final Sha256Hash hash;
    private final String authority;
    private final long seq;
    private final long timeMillis;
    private final List<Node> nodes;
    private final Map<NodeId, Node> byNode = new HashMap<>();
    private final Map<WalletAddress, Node> byAddress = new HashMap<>();

    private Registrations(byte[] raw, String authority, long seq, long timeMillis, List<Node> nodes) {
        this.raw = raw.clone();
        this.hash = Sha256Hash.of(raw);
        this.authority = authority;
        this.seq = seq;
        this.timeMillis = timeMillis;
        this.nodes = List.copyOf(nodes);
        for (Node n : this.nodes) {
            byNode.put(n.node(), n);
            for (WalletAddress a : n.wallets()) {
                byAddress.put(a, n);
            }
        }
    }

    /**
     * Signs a registrations document with the authority's root key.
     *
     * @param authority the root's CN (the envelope's {@code from})
     * @param seq the revision, 1 for the first, each later one higher
     */
    public static byte[] sign(
            String authority, long seq, long timeMillis, Collection<Node> nodes, PrivateKey rootKey, KeyId rootKeyId) {
        if (seq < 1) {
            throw new IllegalArgumentException("seq starts at 1, not " + seq);
        }
        return EnvelopeCodec.sign(payload(authority, seq, timeMillis, sorted(nodes)), rootKey, rootKeyId);
    }

    /** The content of a document, without its revision and time: two documents with equal content say the same. */
    public static byte[] content(Collection<Node> nodes) {
        return payload("", 1, 0, sorted(nodes));
    }

    private static List<Node> sorted(Collection<Node> nodes) {
        return nodes.stream()
                .sorted(Comparator.comparing(n -> n.node().value()))
                .toList();
    }

    private static byte[] payload(String authority, long seq, long timeMillis, List<Node> nodes) {
        return StrictJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("typ", TYPE);
            g.writeStringField("from", authority);
            g.writeNumberField("seq", seq);
            g.writeNumberField("ts", timeMillis);
            g.writeArrayFieldStart("nodes");
            for (Node n : nodes) {
                g.writeStartObject();
                g.writeStringField("node", n.node().value());
                g.writeStringField("home", n.home().value());
                Long revoked = n.revokedAt();
                if (revoked == null) {
                    g.writeNullField("revoked");
                } else {
                    g.writeNumberField("revoked", revoked);
                }
                g.writeArrayFieldStart("wallets");
                for (WalletAddress a : n.wallets()) {
                    g.writeString(a.toString());
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /**
     * Verifies a document with nothing but the authority's root certificate: signed by the root's key, {@code from}
     * the root's name, every field well-formed, no node twice, no address bound to two nodes, and the one accepted
     * encoding. Never throws.
     */
    public static Outcome<RegistrationsReason, Registrations> verify(byte[] raw, X509Certificate authorityRoot) {
        try {
            return verifyOrThrow(raw, authorityRoot);
        } catch (RuntimeException e) {
            return Outcome.refuse(RegistrationsReason.MALFORMED, "unreadable registrations: " + e.getMessage());
        }
    }

    private static Outcome<RegistrationsReason, Registrations> verifyOrThrow(byte[] raw, X509Certificate root) {
        Outcome<RegistrationsReason, SignedEnvelope> opened =
                AuthorityDocument.open(raw, root, MAX_BYTES, TYPE, RegistrationsReason.class);
        if (!opened.isOk()) {
            return opened.refusal();
        }
        SignedEnvelope e = opened.orElseThrow();
        if (e.seq() < 1) {
            return malformed("seq must be at least 1");
        }
        JsonNode ns = e.payload().get("nodes");
        if (ns == null || !ns.isArray()) {
            return malformed("nodes must be an array");
        }
        List<Node> nodes = new ArrayList<>();
        Set<NodeId> seenNodes = new HashSet<>();
        Set<WalletAddress> seenAddresses = new HashSet<>();
        for (int i = 0; i < ns.size(); i++) {
            JsonNode n = ns.get(i);
            String node = n.isObject() ? StrictJson.text(n, "node") : null;
            String home = n.isObject() ? StrictJson.text(n, "home") : null;
            JsonNode revoked = n.isObject() ? n.get("revoked") : null;
            JsonNode ws = n.isObject() ? n.get("wallets") : null;
            if (node == null
                    || !NodeId.isValid(node)
                    || home == null
                    || !EagId.isValid(home)
                    || revoked == null
                    || !(revoked.isNull() || (revoked.isIntegralNumber() && revoked.canConvertToLong()))
                    || ws == null
                    || !ws.isArray()) {
                return malformed("nodes[" + i + "] needs node, home, revoked and wallets");
            }
            List<WalletAddress> wallets = new ArrayList<>();
            for (int w = 0; w < ws.size(); w++) {
                Optional<WalletAddress> a =
                        ws.get(w).isTextual() ? WalletAddress.tryParse(ws.get(w).textValue()) : Optional.empty();
                if (a.isEmpty()) {
                    return malformed("nodes[" + i + "].wallets[" + w + "] is not a wallet address");
                }
                if (!seenAddresses.add(a.get())) {
                    return Outcome.refuse(
                            RegistrationsReason.DUPLICATE, "wallet address " + a.get() + " is listed twice");
                }
                wallets.add(a.get());
            }
            if (!seenNodes.add(NodeId.of(node))) {
                return Outcome.refuse(RegistrationsReason.DUPLICATE, "node " + node + " is listed twice");
            }
            nodes.add(
                    new Node(NodeId.of(node), EagId.of(home), revoked.isNull() ? null : revoked.longValue(), wallets));
        }
        byte[] canonical = payload(e.from(), e.seq(), e.timestampMillis(), sorted(nodes));
        if (!Arrays.equals(canonical, e.payloadBytes())) {
            return malformed("payload is not in the one accepted encoding (field order, sorting)");
        }
        return Outcome.ok(
                RegistrationsReason.OK, new Registrations(raw, e.from(), e.seq(), e.timestampMillis(), nodes));
    }

    private static <T> Outcome<RegistrationsReason, T> malformed(String detail) {
        return Outcome.refuse(RegistrationsReason.MALFORMED, detail);
    }

    /** The exact signed bytes. */
    public byte[] raw() {
        return raw.clone();
    }

    /** SHA-256 of the signed bytes. */
    public Sha256Hash hash() {
        return hash;
    }

    public String authority() {
        return authority;
    }

    /** The revision: a higher one replaces a lower one. */
    public long seq() {
        return seq;
    }

    public long timeMillis() {
        return timeMillis;
    }

    /** Every node, sorted by id. */
    public List<Node> nodes() {
        return nodes;
    }

    public Optional<Node> node(NodeId node) {
        return Optional.ofNullable(byNode.get(node));
    }

    /** The node a wallet address is bound to. */
    public Optional<Node> byAddress(WalletAddress address) {
        return Optional.ofNullable(byAddress.get(address));
    }

    /** The content without revision and time ({@link #content(Collection)}). */
    public byte[] content() {
        return content(nodes);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof Registrations r && r.hash.equals(hash);
    }

    @Override
    public int hashCode() {
        return hash.hashCode();
    }

    @Override
    public String toString() {
        return "registrations #" + seq + " of " + authority + " (" + nodes.size() + " nodes)";
    }
}
