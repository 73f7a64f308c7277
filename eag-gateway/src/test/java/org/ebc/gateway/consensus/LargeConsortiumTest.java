package org.ebc.gateway.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.ebc.gateway.consensus.harness.NetworkConditions;
import org.ebc.gateway.consensus.harness.TestContext;
import org.junit.jupiter.api.Test;

/** The paper's setting: 51 EAGs (f = 16, quorum 35). */
class LargeConsortiumTest {

    @Test
    void fiftyOneEagsCommitBlocks() {
        TestContext ctx = TestContext.builder()
                .eags(51)
                .seed(51)
                .network(new NetworkConditions(2, 40, 0, 0))
                .meanMiningMillis(51 * 1000)
                .build()
                .start();

        assertThat(ctx.runUntil(() -> ctx.minHonestUpHeight() >= 3, Duration.ofMinutes(10)))
                .as("heights %s", ctx.eags())
                .isTrue();
        assertThat(ctx.forks()).isEmpty();
        assertThat(ctx.eag(0).chain().block(3).orElseThrow().certificate().replies())
                .hasSize(35);
    }

    @Test
    void fiftyOneEagsCommitWithSixteenOfThemDown() {
        TestContext ctx = TestContext.builder()
                .eags(51)
                .seed(52)
                .network(new NetworkConditions(2, 40, 0, 0))
                .meanMiningMillis(51 * 1000)
                .build()
                .start();
        for (int i = 35; i < 51; i++) {
            ctx.eag(i).crash();
        }

        assertThat(ctx.runUntil(() -> ctx.minHonestUpHeight() >= 2, Duration.ofMinutes(20)))
                .as("heights %s", ctx.eags())
                .isTrue();
        assertThat(ctx.forks()).isEmpty();
    }
}
