package org.ebc.gateway.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.ebc.consensus.EvidenceCheck;
import org.ebc.consensus.MessageKind;
import org.ebc.gateway.consensus.harness.DoubleVoter;
import org.ebc.gateway.consensus.harness.EquivocatingProposer;
import org.ebc.gateway.consensus.harness.NoiseMaker;
import org.ebc.gateway.consensus.harness.SimulatedEag;
import org.ebc.gateway.consensus.harness.TestConsortium;
import org.ebc.gateway.consensus.harness.TestContext;
import org.junit.jupiter.api.Test;

/** One byzantine EAG of four (f = 1): no conflicting commits, and its equivocations become evidence. */
class ByzantineEagTest {

    @Test
    void anEquivocatingProposerCausesNoConflictingCommitsAndIsCaughtWithEvidence() {
        TestContext ctx = TestContext.builder()
                .seed(21)
                .byzantine(0, new EquivocatingProposer())
                .build()
                .start();

        assertThat(ctx.runUntil(() -> ctx.minHonestUpHeight() >= 15, Duration.ofMinutes(30)))
                .as("heights %s", ctx.eags())
                .isTrue();

        assertThat(ctx.forks()).isEmpty();
        assertThat(ctx.badCertificates()).isEmpty();
        for (SimulatedEag honest : ctx.honest()) {
            assertThat(honest.evidence())
                    .as("evidence seen by %s", honest.id())
                    .isNotEmpty()
                    .allSatisfy(e -> {
                        assertThat(e.accused()).isEqualTo(TestConsortium.id(0));
                        assertThat(e.kind()).isEqualTo(MessageKind.PROPOSAL);
                    });
        }
        assertThat(ctx.stats().published(MessageKind.EVIDENCE)).isPositive();
    }

    @Test
    void anEagThatAuditsAndRepliesForTwoBlocksCausesNoConflictingCommitsAndIsCaught() {
        TestContext ctx = TestContext.builder()
                .seed(22)
                .meanMiningMillis(300) // frequent proof-of-work races: two blocks to vote for at once
                .byzantine(1, new DoubleVoter())
                .build()
                .start();

        assertThat(ctx.runUntil(() -> ctx.minHonestUpHeight() >= 20, Duration.ofMinutes(30)))
                .as("heights %s", ctx.eags())
                .isTrue();

        assertThat(ctx.forks()).isEmpty();
        assertThat(ctx.badCertificates()).isEmpty();
        assertThat(ctx.honest().stream().flatMap(e -> e.evidence().stream()))
                .isNotEmpty()
                .extracting(EvidenceCheck::accused)
                .containsOnly(TestConsortium.id(1));
    }

    @Test
    void noiseFromAMemberIsRefusedWithItsReasonsAndTheOthersCarryOn() {
        TestContext ctx = TestContext.builder()
                .seed(23)
                .byzantine(3, new NoiseMaker(1.0))
                .build()
                .start();

        assertThat(ctx.runUntil(() -> ctx.minHonestUpHeight() >= 10, Duration.ofMinutes(10)))
                .isTrue();

        SimulatedEag honest = ctx.eag(0);
        assertThat(honest.verdicts(Verdict.NOT_A_MEMBER))
                .as("outsider-signed copies")
                .isPositive();
        assertThat(honest.verdicts(Verdict.WRONG_GENESIS))
                .as("other-genesis copies")
                .isPositive();
        assertThat(honest.verdicts(Verdict.MALFORMED_ENVELOPE))
                .as("random bytes")
                .isPositive();
        assertThat(honest.verdicts(Verdict.BAD_SIGNATURE) + honest.verdicts(Verdict.MALFORMED_ENVELOPE))
                .as("damaged copies")
                .isPositive();
        assertThat(ctx.forks()).isEmpty();
        assertThat(ctx.honest().stream().flatMap(e -> e.evidence().stream())).isEmpty();
    }
}
