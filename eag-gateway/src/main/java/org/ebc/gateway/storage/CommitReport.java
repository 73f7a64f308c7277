package org.ebc.gateway.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ebc.gateway.verify.RejectReason;
import org.ebc.gateway.verify.Rejection;
import org.ebc.units.MeterSerial;
import org.ebc.units.NodeId;
import org.ebc.wire.Ack;

/**
 * What one group commit made durable, handed to the listener only after the commit returned (so after
 * the fsync): the acknowledgements to send, the counters to add, the events to log.
 *
 * @param committedAt the gateway's clock at commit
 * @param outcomes one per node that gets an acknowledgement, with its sequence number already stored
 * @param stored readings newly stored (appended or filled)
 * @param filled of those, pages that filled a gap
 * @param redelivered pages received again with identical bytes (acknowledged, not stored again)
 * @param rejected rejections by reason (both verification stages)
 * @param rejections every rejection, for logging
 * @param gapsOpened gap events raised
 * @param gapsClosed gap events whose every missing page has now arrived
 * @param doubleSigned pages a node signed twice with different bytes (both kept as evidence, node flagged)
 * @param lastPages the highest page stored now per node that stored something
 * @param messages messages in the batch
 * @param duration time spent writing and committing
 */
public record CommitReport(
        Instant committedAt,
        List<NodeOutcome> outcomes,
        int stored,
        int filled,
        int redelivered,
        Map<RejectReason, Integer> rejected,
        List<Rejection> rejections,
        List<GapEvent> gapsOpened,
        int gapsClosed,
        List<DoubleSignedPage> doubleSigned,
        Map<NodeId, Long> lastPages,
        int messages,
        Duration duration) {

    public CommitReport {
        outcomes = List.copyOf(outcomes);
        rejected = Map.copyOf(rejected);
        rejections = List.copyOf(rejections);
        gapsOpened = List.copyOf(gapsOpened);
        doubleSigned = List.copyOf(doubleSigned);
        lastPages = Map.copyOf(lastPages);
    }

    /**
     * One node's share of the commit: what its acknowledgement says.
     *
     * @param node the node
     * @param ackSeq the acknowledgement's sequence number (stored, so it keeps rising across restarts)
     * @param committed pages now durable (newly stored or already held), ascending
     * @param rejected pages refused, with their reasons
     */
    public record NodeOutcome(NodeId node, long ackSeq, List<Long> committed, List<Rejection> rejected) {
        public NodeOutcome {
            committed = List.copyOf(committed);
            rejected = List.copyOf(rejected);
        }
    }

    /** Evidence that a node signed one page twice: now stored, and the node flagged. */
    public record DoubleSignedPage(
            MeterSerial meter, NodeId node, long page, String storedDigest, String secondDigest) {}

    /** A forward jump of a meter's page counter. */
    public record GapEvent(MeterSerial meter, NodeId node, Ack.PageRange missing) {}
}
