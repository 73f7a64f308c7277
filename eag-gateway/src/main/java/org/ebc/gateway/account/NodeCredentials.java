package org.ebc.gateway.account;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ebc.gateway.verify.NodeCredential;
import org.ebc.gateway.verify.NodeDirectory;
import org.ebc.gateway.verify.NodeStanding;
import org.ebc.units.NodeId;

/**
 * The verifier's view of the account pool: each bound node's public key and certificate facts, held in
 * memory so that the hot path does no database read, no PEM parsing and no chain check. The chain was
 * checked once, when the certificate was admitted ({@link CertificateAdmission}); what can change later
 * is re-judged cheaply per reading: the validity period against the clock, and revocation whenever the
 * revocation list's generation has moved on (one set lookup, then cached again).
 *
 * <p>Thread-safe: lock-free reads, entries replaced atomically.
 */
public final class NodeCredentials implements NodeDirectory {
    private record Entry(NodeRecord record, NodeCredential credential, long generation, boolean revoked) {}

    private final Map<NodeId, Entry> byNode = new ConcurrentHashMap<>();
    private final Revocations revocations;

    public NodeCredentials(Revocations revocations) {
        this.revocations = revocations;
    }

    /** Loads every node of the pool (at start). */
    public void loadFrom(AccountPool pool) {
        for (NodeRecord n : pool.nodes()) {
            put(n);
        }
    }

    /** Makes {@code record} the node's credential (its certificate was admitted). */
    public void put(NodeRecord record) {
        long generation = revocations.generation();
        NodeCredential c = new NodeCredential(
                record.node(),
                record.meter(),
                record.certificate().getPublicKey(),
                record.certificateSerial(),
                record.notBefore(),
                record.notAfter());
        byNode.put(
                record.node(),
                new Entry(record, c, generation, revocations.current().isRevoked(record.certificateSerial())));
    }

    public Optional<NodeRecord> record(NodeId node) {
        Entry e = byNode.get(node);
        return e == null ? Optional.empty() : Optional.of(e.record());
    }

    public int size() {
        return byNode.size();
    }

    @Override
    public NodeStanding standing(NodeId node, Instant now) {
        Entry e = byNode.get(node);
        if (e == null) {
            return NodeStanding.UNKNOWN;
        }
        long generation = revocations.generation();
        if (e.generation() != generation) {
            Entry fresh = new Entry(
                    e.record(),
                    e.credential(),
                    generation,
                    revocations.current().isRevoked(e.credential().certificateSerial()));
            byNode.replace(node, e, fresh);
            e = fresh;
        }
        NodeCredential c = e.credential();
        if (e.revoked()) {
            return new NodeStanding(NodeStanding.Status.REVOKED, c);
        }
        if (now.isBefore(c.notBefore())) {
            return new NodeStanding(NodeStanding.Status.NOT_YET_VALID, c);
        }
        if (now.isAfter(c.notAfter())) {
            return new NodeStanding(NodeStanding.Status.EXPIRED, c);
        }
        return new NodeStanding(NodeStanding.Status.TRUSTED, c);
    }
}
