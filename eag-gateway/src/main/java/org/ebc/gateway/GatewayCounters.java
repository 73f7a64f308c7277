package org.ebc.gateway;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.ebc.gateway.storage.CommitReport;
import org.ebc.gateway.verify.RejectReason;
import org.ebc.units.NodeId;

/**
 * The live counters of a running gateway, fed by each group commit's report. Thread-safe
 * (synchronized: one update per commit, a few hundred per second at most, is no contention).
 */
final class GatewayCounters {
    static final Duration ONLINE_WINDOW = Duration.ofMinutes(1);
    private static final int RATE_SECONDS = 10;

    private final Clock clock;
    private final Map<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);
    private final Map<NodeId, Long> lastPage = new HashMap<>();
    private final Map<NodeId, Instant> lastHeard = new HashMap<>();
    private final long[] perSecond = new long[RATE_SECONDS + 1];
    private final long[] secondOf = new long[RATE_SECONDS + 1];
    private long stored;
    private long filled;
    private long redelivered;
    private long gapsOpened;
    private long gapsClosed;
    private long storageFailures;
    private long commits;

    GatewayCounters(Clock clock, Map<NodeId, Long> storedLastPages) {
        this.clock = clock;
        this.lastPage.putAll(storedLastPages);
    }

    synchronized void add(CommitReport r) {
        commits++;
        stored += r.stored();
        filled += r.filled();
        redelivered += r.redelivered();
        gapsOpened += r.gapsOpened().size();
        gapsClosed += r.gapsClosed();
        r.rejected().forEach((reason, n) -> rejected.merge(reason, (long) n, Long::sum));
        r.lastPages().forEach((node, page) -> lastPage.merge(node, page, Math::max));
        for (CommitReport.NodeOutcome o : r.outcomes()) {
            lastHeard.put(o.node(), r.committedAt());
        }
        long second = r.committedAt().getEpochSecond();
        int slot = (int) Math.floorMod(second, (long) perSecond.length);
        if (secondOf[slot] != second) {
            secondOf[slot] = second;
            perSecond[slot] = 0;
        }
        perSecond[slot] += r.stored();
    }

    synchronized void storageFailed(int messages) {
        storageFailures += messages;
    }

    synchronized GatewayStats snapshot(
            boolean connected,
            long acksSent,
            long acksDropped,
            int knownNodes,
            int revoked,
            int verifyQueue,
            int writerQueue) {
        Instant now = clock.instant();
        long nowSecond = now.getEpochSecond();
        long recent = 0;
        for (int i = 0; i < perSecond.length; i++) {
            // The last RATE_SECONDS complete seconds; the current one is still filling.
            if (secondOf[i] < nowSecond && secondOf[i] >= nowSecond - RATE_SECONDS) {
                recent += perSecond[i];
            }
        }
        Instant onlineSince = now.minus(ONLINE_WINDOW);
        int online = (int)
                lastHeard.values().stream().filter(t -> t.isAfter(onlineSince)).count();
        return new GatewayStats(
                now,
                connected,
                stored,
                filled,
                redelivered,
                new EnumMap<>(rejected),
                gapsOpened,
                gapsClosed,
                acksSent,
                acksDropped,
                storageFailures,
                commits,
                new HashMap<>(lastPage),
                knownNodes,
                revoked,
                online,
                recent / (double) RATE_SECONDS,
                verifyQueue,
                writerQueue);
    }
}
