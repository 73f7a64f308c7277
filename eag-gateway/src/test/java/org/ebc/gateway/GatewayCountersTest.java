package org.ebc.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.ebc.gateway.storage.CommitReport;
import org.ebc.gateway.verify.RejectReason;
import org.ebc.units.NodeId;
import org.junit.jupiter.api.Test;

/** The live counters: totals, last pages, online nodes and the readings rate, with a pinned clock. */
class GatewayCountersTest {
    private static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");

    private static CommitReport report(Instant at, int stored, NodeId node, long lastPage) {
        return new CommitReport(
                at,
                List.of(new CommitReport.NodeOutcome(node, 1, List.of(lastPage), List.of())),
                stored,
                0,
                1,
                Map.of(RejectReason.DOUBLE_SIGNED_PAGE, 2),
                List.of(),
                List.of(),
                0,
                List.of(),
                Map.of(node, lastPage),
                stored,
                Duration.ofMillis(1));
    }

    @Test
    void countersAddUpAndTheRateCoversTheLastTenCompleteSeconds() {
        Clock at = Clock.fixed(T0.plusSeconds(10), ZoneOffset.UTC);
        GatewayCounters c = new GatewayCounters(at, Map.of(NodeId.of("old"), 40L));
        for (int s = 0; s < 10; s++) {
            c.add(report(T0.plusSeconds(s), 50, NodeId.of("a"), 100 + s));
        }
        c.add(report(T0.plusSeconds(10), 999, NodeId.of("b"), 7));

        GatewayStats s = c.snapshot(true, 3, 1, 5, 0, 0, 0);

        assertThat(s.readingsStored()).isEqualTo(500 + 999);
        assertThat(s.redeliveries()).isEqualTo(11);
        assertThat(s.rejected(RejectReason.DOUBLE_SIGNED_PAGE)).isEqualTo(22);
        assertThat(s.readingsPerSecond()).isEqualTo(50.0);
        assertThat(s.lastPageByNode())
                .containsEntry(NodeId.of("a"), 109L)
                .containsEntry(NodeId.of("b"), 7L)
                .containsEntry(NodeId.of("old"), 40L);
        assertThat(s.onlineNodes()).isEqualTo(2);
        assertThat(s.commits()).isEqualTo(11);
    }

    @Test
    void aNodeNotHeardFromForAMinuteIsNoLongerOnline() {
        GatewayCounters c = new GatewayCounters(Clock.fixed(T0.plus(Duration.ofMinutes(2)), ZoneOffset.UTC), Map.of());
        c.add(report(T0, 1, NodeId.of("quiet"), 1));
        c.add(report(T0.plus(Duration.ofSeconds(90)), 1, NodeId.of("chatty"), 1));

        assertThat(c.snapshot(true, 0, 0, 2, 0, 0, 0).onlineNodes()).isEqualTo(1);
    }
}
