package org.ebc.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ebc.consensus.Members.BLOCK;
import static org.ebc.consensus.Members.GENESIS;
import static org.ebc.consensus.Members.OTHER_BLOCK;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code Equivocation.check}: the pure checker of evidence; every reason. */
class EquivocationTest {
    private final Consortium consortium = Members.consortium();

    private EvidenceCheck check(Signed<?> a, Signed<?> b) {
        return new Equivocation(a.raw(), b.raw()).check(consortium);
    }

    @Test
    void twoDifferentVotesOfOneEagInOneRoundProveEquivocation() {
        Signed<Proposal> x = Members.proposal(1, 4, 0, BLOCK, -1);
        Signed<Proposal> y = Members.proposal(1, 4, 0, OTHER_BLOCK, -1);
        EvidenceCheck proposals = check(x, y);
        assertThat(proposals.isProven()).isTrue();
        assertThat(proposals.accused()).isEqualTo(Members.id(1));
        assertThat(proposals.kind()).isEqualTo(MessageKind.PROPOSAL);
        assertThat(proposals.height()).isEqualTo(4);
        assertThat(proposals.round()).isZero();

        assertThat(check(Members.audit(2, x), Members.audit(2, y)).reason()).isEqualTo(EvidenceReason.OK);
        assertThat(check(Members.audit(2, x), Members.nilAudit(2, 4, 0)).reason())
                .as("a block and nil")
                .isEqualTo(EvidenceReason.OK);
        assertThat(check(Members.reply(3, 4, 0, BLOCK), Members.reply(3, 4, 0, OTHER_BLOCK))
                        .reason())
                .isEqualTo(EvidenceReason.OK);
    }

    @Test
    void aMessageThatDoesNotVerifyProvesNothing() {
        Signed<Reply> forged =
                ConsensusCodec.sign(new Reply(Members.id(3), 1, GENESIS, 4, 0, OTHER_BLOCK), Members.outsider(3));
        assertThat(check(Members.reply(3, 4, 0, BLOCK), forged).reason()).isEqualTo(EvidenceReason.MESSAGE_INVALID);
    }

    @Test
    void messagesThatAreNotVotesAreNoEvidence() {
        Signed<SyncRequest> a = Members.sign(new SyncRequest(Members.id(3), 1, GENESIS, 4, 1));
        Signed<SyncRequest> b = Members.sign(new SyncRequest(Members.id(3), 1, GENESIS, 4, 2));
        assertThat(check(a, b).reason()).isEqualTo(EvidenceReason.NOT_A_VOTE);
        Signed<Commit> c =
                Members.sign(new Commit(Members.id(3), 1, GENESIS, Members.certificate(4, 0, BLOCK, 0, 1, 2)));
        assertThat(check(c, Members.reply(3, 4, 0, OTHER_BLOCK)).reason()).isEqualTo(EvidenceReason.NOT_A_VOTE);
    }

    @Test
    void votesOfTwoEagsAreNoEvidenceAgainstEither() {
        assertThat(check(Members.reply(1, 4, 0, BLOCK), Members.reply(2, 4, 0, OTHER_BLOCK))
                        .reason())
                .isEqualTo(EvidenceReason.DIFFERENT_SIGNERS);
    }

    @Test
    void votesOfDifferentRoundsHeightsOrKindsAreNoEvidence() {
        for (List<Signed<?>> pair : List.<List<Signed<?>>>of(
                List.of(Members.reply(1, 4, 0, BLOCK), Members.reply(1, 4, 1, OTHER_BLOCK)),
                List.of(Members.reply(1, 4, 0, BLOCK), Members.reply(1, 5, 0, OTHER_BLOCK)),
                List.of(Members.reply(1, 4, 0, BLOCK), Members.nilAudit(1, 4, 0)))) {
            assertThat(check(pair.get(0), pair.get(1)).reason()).isEqualTo(EvidenceReason.DIFFERENT_SLOT);
        }
    }

    @Test
    void theSameVoteTwiceIsARepeatNotAConflict() {
        assertThat(check(Members.reply(1, 4, 0, BLOCK), Members.reply(1, 4, 0, BLOCK))
                        .reason())
                .isEqualTo(EvidenceReason.NOT_CONFLICTING);
        assertThat(check(Members.nilAudit(1, 4, 0), Members.nilAudit(1, 4, 0)).reason())
                .isEqualTo(EvidenceReason.NOT_CONFLICTING);
    }

    @Test
    void aReportProvesOnlyWhatItsTwoMessagesProve() {
        Equivocation e = new Equivocation(
                Members.reply(1, 4, 0, BLOCK).raw(),
                Members.reply(1, 4, 0, OTHER_BLOCK).raw());
        assertThat(new EvidenceReport(Members.id(0), 1, GENESIS, 4, 0, Members.id(1), e).proves(consortium))
                .isTrue();
        assertThat(new EvidenceReport(Members.id(0), 1, GENESIS, 4, 0, Members.id(2), e).proves(consortium))
                .as("accuses another EAG than its proof")
                .isFalse();
        assertThat(new EvidenceReport(Members.id(0), 1, GENESIS, 4, 1, Members.id(1), e).proves(consortium))
                .as("claims another round")
                .isFalse();
    }
}
