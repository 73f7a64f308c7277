package org.ebc.gateway;

import java.time.Instant;
import java.util.Map;
import org.ebc.gateway.verify.RejectReason;
import org.ebc.units.NodeId;

/**
 * A snapshot of a running gateway's counters (since it started; the database's totals are what
 * {@code eag-gateway status} shows). Immutable.
 *
 * @param at when the snapshot was taken (the gateway's clock)
 * @param connected connected to the broker and subscribed
 * @param readingsStored readings newly stored
 * @param gapsFilled of those, missing pages that arrived late and filled a gap
 * @param redeliveries pages received again with identical bytes: acknowledged, not stored twice
 * @param rejectedByReason refusals by reason, readings and certificates
 * @param gapEventsOpened forward jumps of page counters
 * @param gapEventsClosed gap events whose missing pages have all arrived
 * @param acksSent signed acknowledgements published
 * @param acksDropped acknowledgements that could not be sent (agents resend; nothing is lost)
 * @param storageFailures messages that could not be stored at all (not acknowledged)
 * @param commits group commits
 * @param lastPageByNode the highest stored page per node
 * @param knownNodes nodes with a bound certificate
 * @param revokedCertificates serials on the revocation list now in force
 * @param onlineNodes nodes heard from in the last minute
 * @param readingsPerSecond readings stored per second over the last ten seconds (display only)
 * @param verifyQueue messages waiting for verification
 * @param writerQueue verified messages waiting for the writer
 */
public record GatewayStats(
        Instant at,
        boolean connected,
        long readingsStored,
        long gapsFilled,
        long redeliveries,
        Map<RejectReason, Long> rejectedByReason,
        long gapEventsOpened,
        long gapEventsClosed,
        long acksSent,
        long acksDropped,
        long storageFailures,
        long commits,
        Map<NodeId, Long> lastPageByNode,
        int knownNodes,
        int revokedCertificates,
        int onlineNodes,
        double readingsPerSecond,
        int verifyQueue,
        int writerQueue) {

    public GatewayStats {
        rejectedByReason = Map.copyOf(rejectedByReason);
        lastPageByNode = Map.copyOf(lastPageByNode);
    }

    public long rejected(RejectReason reason) {
        return rejectedByReason.getOrDefault(reason, 0L);
    }

    public long rejectedTotal() {
        return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
    }
}
