package org.ebc.gateway.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.ebc.consensus.BlockHash;
import org.ebc.consensus.MessageKind;
import org.ebc.consensus.QuorumRule;
import org.ebc.gateway.consensus.harness.SimulatedEag;
import org.ebc.gateway.consensus.harness.TestConsortium;
import org.ebc.gateway.consensus.harness.TestContext;
import org.junit.jupiter.api.Test;

/** n = 4 under crashes, partitions and restarts (the acceptance, at the core level). */
class ConsortiumFaultTest {

    @Test
    void fourHonestEagsCommitOneChainEveryBlockInRoundZero() {
        TestContext ctx = TestContext.builder().seed(7).build().start();

        assertThat(ctx.runUntil(() -> ctx.minHonestUpHeight() >= 10, Duration.ofMinutes(10)))
                .as("heights %s", ctx.eags())
                .isTrue();

        assertThat(ctx.forks()).isEmpty();
        assertThat(ctx.badCertificates()).isEmpty();
        for (long h = 1; h <= 10; h++) {
            assertThat(ctx.eag(0).chain().block(h).orElseThrow().certificate().round())
                    .as("round of height %d", h)
                    .isZero();
        }
    }

    @Test
    void aRunIsRepeatableFromItsSeed() {
        List<List<BlockHash>> chains = new java.util.ArrayList<>();
        for (int run = 0; run < 2; run++) {
            TestContext ctx = TestContext.builder()
                    .seed(8)
                    .network(new org.ebc.gateway.consensus.harness.NetworkConditions(1, 90, 0.05, 0.05))
                    .build()
                    .start();
            ctx.runFor(Duration.ofSeconds(30));
            chains.add(ctx.eag(0).chain().hashes());
        }
        assertThat(chains.get(0)).isNotEmpty().isEqualTo(chains.get(1));
    }

    @Test
    void withOneEagCrashedTheOtherThreeKeepCommitting() {
        TestContext ctx = TestContext.builder().seed(11).build().start();
        ctx.runUntil(() -> ctx.minHonestUpHeight() >= 3, Duration.ofMinutes(5));

        ctx.eag(3).crash();
        long atCrash = ctx.minHonestUpHeight();

        assertThat(ctx.runUntil(() -> ctx.minHonestUpHeight() >= atCrash + 15, Duration.ofMinutes(30)))
                .as("heights %s", ctx.eags())
                .isTrue();
        assertThat(ctx.forks()).isEmpty();
        assertThat(ctx.badCertificates()).isEmpty();
    }

    @Test
    void withTwoEagsCrashedNoBlockIsCommittedAndNothingForks() {
        TestContext ctx = TestContext.builder().seed(12).build().start();
        ctx.runUntil(() -> ctx.minHonestUpHeight() >= 3, Duration.ofMinutes(5));

        ctx.eag(2).crash();
        ctx.eag(3).crash();
        long atCrash = ctx.maxHeight();
        ctx.runFor(Duration.ofMinutes(10));

        // Replies sent just before the crash may still complete one certificate; nothing after that.
        assertThat(ctx.maxHeight()).isLessThanOrEqualTo(atCrash + 1);
        assertThat(ctx.forks()).isEmpty();
        assertThat(ctx.eag(0).core().round())
                .as("the two survivors keep changing rounds")
                .isGreaterThan(3);

        ctx.eag(2).start();
        ctx.eag(3).start();
        long stalled = ctx.maxHeight();
        assertThat(ctx.runUntil(() -> ctx.minHonestUpHeight() >= stalled + 5, Duration.ofMinutes(30)))
                .as("after the restarts, heights %s", ctx.eags())
                .isTrue();
        assertThat(ctx.forks()).isEmpty();
    }

    @Test
    void aTwoTwoPartitionCommitsNothingThenEveryEagHoldsOneChainAfterHealing() {
        TestContext ctx = TestContext.builder().seed(13).build().start();
        ctx.runUntil(() -> ctx.minHonestUpHeight() >= 3, Duration.ofMinutes(5));

        ctx.network()
                .partition(List.of(
                        Set.of(TestConsortium.id(0), TestConsortium.id(1)),
                        Set.of(TestConsortium.id(2), TestConsortium.id(3))));
        long atPartition = ctx.maxHeight();
        ctx.runFor(Duration.ofMinutes(10));

        assertThat(ctx.maxHeight()).isLessThanOrEqualTo(atPartition + 1);
        assertThat(ctx.forks()).isEmpty();

        ctx.network().heal();
        long healed = ctx.maxHeight();
        assertThat(ctx.runUntil(() -> ctx.minHonestUpHeight() >= healed + 5, Duration.ofMinutes(30)))
                .as("after healing, heights %s", ctx.eags())
                .isTrue();
        assertThat(ctx.forks()).isEmpty();
        long common = ctx.minHonestUpHeight();
        List<BlockHash> first = ctx.eag(0).chain().hashes().subList(0, (int) common);
        for (SimulatedEag e : ctx.eags()) {
            assertThat(e.chain().hashes().subList(0, (int) common))
                    .as(e.id().value())
                    .isEqualTo(first);
        }
    }

    @Test
    void aRestartedEagCatchesUpAndRevalidatesEveryBlockItReceives() {
        TestContext ctx = TestContext.builder().seed(14).build().start();
        ctx.runUntil(() -> ctx.minHonestUpHeight() >= 2, Duration.ofMinutes(5));
        SimulatedEag late = ctx.eag(3);
        late.crash();
        long crashedAt = late.committedHeight();
        ctx.runUntil(() -> ctx.eag(0).committedHeight() >= crashedAt + 20, Duration.ofMinutes(30));
        int auditedBefore = late.auditor().audited().size();

        late.start();
        long target = ctx.eag(0).committedHeight();
        assertThat(ctx.runUntil(() -> late.committedHeight() >= target, Duration.ofMinutes(5)))
                .as("the restarted EAG at %d, the others at %d", late.committedHeight(), target)
                .isTrue();

        List<BlockHash> missed = ctx.eag(0).chain().hashes().subList((int) crashedAt, (int) target);
        assertThat(late.auditor()
                        .audited()
                        .subList(auditedBefore, late.auditor().audited().size()))
                .as("every block it lacked went through its block validator")
                .containsAll(missed);
        assertThat(late.chain().hashes().subList(0, (int) target))
                .isEqualTo(ctx.eag(0).chain().hashes().subList(0, (int) target));
        assertThat(ctx.badCertificates()).isEmpty();
    }

    @Test
    void anEagFarBehindCatchesUpBatchByBatch() {
        TestContext ctx = TestContext.builder().seed(15).syncBatch(5).build().start();
        SimulatedEag late = ctx.eag(2);
        ctx.runUntil(() -> ctx.minHonestUpHeight() >= 1, Duration.ofMinutes(5));
        late.crash();
        ctx.runUntil(() -> ctx.eag(0).committedHeight() >= 41, Duration.ofMinutes(60));
        long requestsBefore = ctx.stats().publishedBy(late.id(), MessageKind.SYNC_REQUEST);

        late.start();
        long target = ctx.eag(0).committedHeight();
        assertThat(ctx.runUntil(() -> late.committedHeight() >= target, Duration.ofMinutes(5)))
                .isTrue();

        long requests = ctx.stats().publishedBy(late.id(), MessageKind.SYNC_REQUEST) - requestsBefore;
        assertThat(requests).as("40 blocks in batches of 5").isGreaterThanOrEqualTo(8);
        assertThat(ctx.forks()).isEmpty();
    }

    @Test
    void underThePapersAllRuleEveryEagMustSignAndOneCrashStopsTheChain() {
        TestContext ctx =
                TestContext.builder().seed(16).quorum(QuorumRule.ALL).build().start();
        assertThat(ctx.runUntil(() -> ctx.minHonestUpHeight() >= 5, Duration.ofMinutes(10)))
                .isTrue();
        assertThat(ctx.eag(0).chain().block(5).orElseThrow().certificate().replies())
                .hasSize(4);

        ctx.eag(1).crash();
        long atCrash = ctx.maxHeight();
        ctx.runFor(Duration.ofMinutes(5));

        assertThat(ctx.maxHeight()).isLessThanOrEqualTo(atCrash + 1);
        assertThat(ctx.forks()).isEmpty();
    }
}
