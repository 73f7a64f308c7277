package org.ebc.gateway.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ebc.gateway.consensus.harness.Behaviour;
import org.ebc.gateway.consensus.harness.EquivocatingProposer;
import org.ebc.gateway.consensus.harness.NetworkConditions;
import org.ebc.gateway.consensus.harness.RandomByzantine;
import org.ebc.gateway.consensus.harness.TestContext;
import org.junit.jupiter.api.Test;

/** While 2f+1 honest EAGs are up and connected, heights keep increasing, whatever the other f do. */
class LivenessTest {

    /** The lowest honest height after each of {@code windows} windows of {@code window}. */
    private static List<Long> heightsPerWindow(TestContext ctx, int windows, Duration window) {
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < windows; i++) {
            ctx.runFor(window);
            out.add(ctx.minHonestUpHeight());
        }
        return out;
    }

    @Test
    void threeHonestEagsOfFourKeepCommittingWhileTheFourthSaysNothing() {
        TestContext ctx = TestContext.builder()
                .seed(31)
                .network(new NetworkConditions(1, 100, 0, 0.05))
                .meanMiningMillis(4_000)
                .byzantine(3, Behaviour.SILENT)
                .build()
                .start();

        List<Long> heights = heightsPerWindow(ctx, 8, Duration.ofSeconds(15));

        assertThat(heights).as("lowest honest height every 15 s").isSorted().doesNotHaveDuplicates();
        assertThat(ctx.forks()).isEmpty();
    }

    @Test
    void fiveHonestEagsOfSevenKeepCommittingBesideTwoByzantineOnes() {
        TestContext ctx = TestContext.builder()
                .eags(7)
                .seed(32)
                .network(new NetworkConditions(1, 60, 0, 0.05))
                .byzantine(1, new RandomByzantine())
                .meanMiningMillis(7_000)
                .byzantine(5, new EquivocatingProposer())
                .build()
                .start();

        List<Long> heights = heightsPerWindow(ctx, 6, Duration.ofSeconds(20));

        assertThat(heights).as("lowest honest height every 20 s").isSorted().doesNotHaveDuplicates();
        assertThat(ctx.forks()).isEmpty();
    }

    @Test
    void threeHonestEagsKeepCommittingWhileTheFourthCrashesAndRestartsOverAndOver() {
        TestContext ctx = TestContext.builder()
                .seed(33)
                .network(new NetworkConditions(2, 80, 0, 0.1))
                .build()
                .start();
        List<Long> heights = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            if (ctx.eag(2).alive()) {
                ctx.eag(2).crash();
            } else {
                ctx.eag(2).start();
            }
            ctx.runFor(Duration.ofSeconds(15));
            heights.add(ctx.eag(0).committedHeight());
        }

        assertThat(heights).isSorted().doesNotHaveDuplicates();
        assertThat(ctx.forks()).isEmpty();
    }
}
