package org.ebc.gateway.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.ebc.consensus.MessageKind;
import org.ebc.gateway.consensus.harness.MessageStats;
import org.ebc.gateway.consensus.harness.NetworkConditions;
import org.ebc.gateway.consensus.harness.TestContext;
import org.junit.jupiter.api.Test;

/**
 * The traffic one committed block costs, per kind, on a calm network with every EAG honest (printed for
 * docs/consensus.md; the real figures over MQTT come from the lead's {@code consortium bench}). When a
 * height is decided in round 0 with one proposal, the count is exact: the block to n−1 EAGs, n audits to
 * n−1 EAGs each, n−1 replies to the leader, the commit to n−1 EAGs.
 */
class MessageCountTest {

    private static void measure(int n, long meanMiningMillis, int heights) {
        TestContext ctx = TestContext.builder()
                .eags(n)
                .seed(n)
                .network(new NetworkConditions(2, 20, 0, 0))
                .meanMiningMillis(meanMiningMillis)
                .build()
                .start();
        assertThat(ctx.runUntil(() -> ctx.minHonestUpHeight() >= heights + 1, Duration.ofMinutes(30)))
                .isTrue();
        MessageStats s = ctx.stats();
        StringBuilder table =
                new StringBuilder("n=" + n + ": deliveries (bytes) per committed block, heights 1.." + heights + "\n");
        long singleProposalHeights = 0;
        for (long h = 1; h <= heights; h++) {
            int round = ctx.eag(0).chain().block(h).orElseThrow().certificate().round();
            long proposals = s.deliveredAt(MessageKind.PROPOSED_BLOCK, h);
            table.append(String.format(
                    "  h=%d round=%d block %d (%d B), audits %d (%d B), replies %d (%d B), commit %d (%d B)%n",
                    h,
                    round,
                    proposals,
                    s.deliveredBytesAt(MessageKind.PROPOSED_BLOCK, h),
                    s.deliveredAt(MessageKind.AUDIT, h),
                    s.deliveredBytesAt(MessageKind.AUDIT, h),
                    s.deliveredAt(MessageKind.REPLY, h),
                    s.deliveredBytesAt(MessageKind.REPLY, h),
                    s.deliveredAt(MessageKind.COMMIT, h),
                    s.deliveredBytesAt(MessageKind.COMMIT, h)));
            if (round == 0 && proposals == n - 1) {
                singleProposalHeights++;
                assertThat(s.deliveredAt(MessageKind.AUDIT, h))
                        .as("audits of h=%d", h)
                        .isEqualTo((long) n * (n - 1));
                assertThat(s.deliveredAt(MessageKind.REPLY, h))
                        .as("replies of h=%d", h)
                        .isEqualTo(n - 1L);
                assertThat(s.deliveredAt(MessageKind.COMMIT, h))
                        .as("commits of h=%d", h)
                        .isEqualTo(n - 1L);
            }
        }
        System.out.print(table);
        assertThat(singleProposalHeights)
                .as("heights decided in round 0 with one proposal")
                .isPositive();
    }

    @Test
    void fourEagsSpendTwentyOneDeliveriesOnABlockDecidedInRoundZero() {
        measure(4, 4_000, 10);
    }

    @Test
    void fiftyOneEagsSpendTwoThousandSevenHundredDeliveriesOnABlockDecidedInRoundZero() {
        measure(51, 51 * 2_000, 4);
    }
}
