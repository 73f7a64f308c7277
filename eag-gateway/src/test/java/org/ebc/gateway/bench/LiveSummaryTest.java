package org.ebc.gateway.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.ebc.gateway.GatewayStats;
import org.ebc.gateway.verify.RejectReason;
import org.junit.jupiter.api.Test;

class LiveSummaryTest {
    private static final Instant START = Instant.parse("2026-11-21T08:00:00Z");

    private static GatewayStats stats(
            Instant at, long stored, Map<RejectReason, Long> rejected, long gaps, boolean connected) {
        return new GatewayStats(
                at,
                connected,
                stored,
                0,
                0,
                rejected,
                gaps,
                0,
                stored,
                0,
                0,
                stored / 10,
                Map.of(),
                3,
                0,
                3,
                0.0,
                0,
                0);
    }

    private static MeterStatus meter(String node, long outbox, boolean full) {
        return new MeterStatus(node, START, "connected", 100, outbox, full, outbox, 0, 100 - outbox);
    }

    @Test
    void theRateIsWhatWasStoredSinceTheLastLine() {
        LiveSummary live = new LiveSummary(3, START);

        String first =
                live.line(stats(START.plusSeconds(10), 100, Map.of(), 0, true), List.of(), 3, "tcp://127.0.0.1:1883");
        String second =
                live.line(stats(START.plusSeconds(12), 160, Map.of(), 0, true), List.of(), 3, "tcp://127.0.0.1:1883");

        assertThat(first).startsWith("[00:00:10] meters online 3/3 | 0.0 readings/s | stored 100 |");
        assertThat(second).startsWith("[00:00:12] meters online 3/3 | 30.0 readings/s | stored 160 |");
    }

    @Test
    void rejectionsAreShownByReasonAndOutboxesWithTheDeepestAndFullOnes() {
        LiveSummary live = new LiveSummary(3, START);
        GatewayStats g = stats(
                START.plusSeconds(5),
                50,
                Map.of(RejectReason.DOUBLE_SIGNED_PAGE, 1L, RejectReason.BAD_SIGNATURE, 2L),
                4,
                false);

        String line = live.line(
                g,
                List.of(meter("node-01", 0, false), meter("node-02", 7, true), meter("node-03", 2, false)),
                2,
                "tcp://127.0.0.1:1883");

        assertThat(line)
                .contains(
                        "meters online 2/3",
                        "rejected 3 (BAD_SIGNATURE 2, DOUBLE_SIGNED_PAGE 1)",
                        "gap events 4",
                        "outboxes 9 (max 7 at node-02), in flight 9, 1 FULL",
                        "broker tcp://127.0.0.1:1883, gateway NOT CONNECTED");
    }

    @Test
    void noRejectionsReadsAsZero() {
        assertThat(LiveSummary.rejected(Map.of())).isEqualTo("0");
        assertThat(LiveSummary.rejected(Map.of(RejectReason.DOUBLE_SIGNED_PAGE, 0L)))
                .isEqualTo("0");
    }
}
