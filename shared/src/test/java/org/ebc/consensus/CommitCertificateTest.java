package org.ebc.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ebc.consensus.Members.BLOCK;
import static org.ebc.consensus.Members.GENESIS;
import static org.ebc.consensus.Members.OTHER_BLOCK;
import static org.ebc.consensus.Members.utf8;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code CommitCertificate.verify}: what {@code ledger verify} and {@code check-proof} rely on; every reason. */
class CommitCertificateTest {
    private final Consortium consortium = Members.consortium();

    private CertificateReason verify(CommitCertificate c) {
        return c.verify(consortium).reason();
    }

    private static CommitCertificate withReplies(List<byte[]> replies) {
        return new CommitCertificate(GENESIS, 5, 2, BLOCK, replies);
    }

    @Test
    void aQuorumOfDistinctMembersRepliesForTheBlockIsACertificate() {
        assertThat(verify(Members.certificate(5, 2, BLOCK, 0, 1, 2))).isEqualTo(CertificateReason.OK);
        assertThat(verify(Members.certificate(5, 2, BLOCK, 3, 1, 2, 0))).isEqualTo(CertificateReason.OK);
    }

    @Test
    void aCertificateOfAnotherGenesisIsRefused() {
        CommitCertificate c = Members.certificate(5, 2, BLOCK, 0, 1, 2);
        CommitCertificate other = new CommitCertificate(Members.OTHER_GENESIS, 5, 2, BLOCK, c.replies());
        assertThat(verify(other)).isEqualTo(CertificateReason.WRONG_GENESIS);
    }

    @Test
    void aVoteThatDoesNotVerifyIsABadVote() {
        Signed<Reply> outsider =
                ConsensusCodec.sign(new Reply(Members.id(3), 1, GENESIS, 5, 2, BLOCK), Members.outsider(3));
        assertThat(verify(withReplies(List.of(
                        Members.reply(0, 5, 2, BLOCK).raw(),
                        Members.reply(1, 5, 2, BLOCK).raw(),
                        outsider.raw()))))
                .isEqualTo(CertificateReason.BAD_VOTE);
        assertThat(verify(withReplies(List.of(
                        Members.reply(0, 5, 2, BLOCK).raw(),
                        Members.reply(1, 5, 2, BLOCK).raw(),
                        utf8("EBC1|x|y")))))
                .isEqualTo(CertificateReason.BAD_VOTE);
    }

    @Test
    void aVoteOfAnotherKindHeightRoundOrBlockIsAMismatch() {
        byte[] r0 = Members.reply(0, 5, 2, BLOCK).raw();
        byte[] r1 = Members.reply(1, 5, 2, BLOCK).raw();
        for (byte[] odd : List.of(
                Members.reply(2, 5, 2, OTHER_BLOCK).raw(),
                Members.reply(2, 5, 1, BLOCK).raw(),
                Members.reply(2, 6, 2, BLOCK).raw(),
                Members.audit(2, Members.proposal(1, 5, 2, BLOCK, -1)).raw())) {
            assertThat(verify(withReplies(List.of(r0, r1, odd)))).isEqualTo(CertificateReason.VOTE_MISMATCH);
        }
    }

    @Test
    void oneEagSigningTwiceCountsOnceAndIsRefused() {
        byte[] r0 = Members.reply(0, 5, 2, BLOCK).raw();
        assertThat(verify(withReplies(List.of(
                        r0,
                        Members.reply(1, 5, 2, BLOCK).raw(),
                        Members.reply(0, 5, 2, BLOCK).raw()))))
                .isEqualTo(CertificateReason.DUPLICATE_SIGNER);
    }

    @Test
    void fewerThanAQuorumIsBelowQuorumAndTheAllRuleWantsEveryEag() {
        assertThat(verify(Members.certificate(5, 2, BLOCK, 0, 1))).isEqualTo(CertificateReason.BELOW_QUORUM);
        Consortium all = Members.consortium(QuorumRule.ALL);
        assertThat(Members.certificate(5, 2, BLOCK, 0, 1, 2).verify(all).reason())
                .isEqualTo(CertificateReason.BELOW_QUORUM);
        assertThat(Members.certificate(5, 2, BLOCK, 0, 1, 2, 3).verify(all).reason())
                .isEqualTo(CertificateReason.OK);
    }

    @Test
    void theStandaloneJsonReadsBackAsTheSameCertificate() {
        CommitCertificate c = Members.certificate(5, 2, BLOCK, 0, 1, 2);
        CommitCertificate back = CommitCertificate.parse(c.toJson()).orElseThrow();
        assertThat(back.toJson()).isEqualTo(c.toJson());
        assertThat(back.verify(consortium).isOk()).isTrue();
        assertThat(CommitCertificate.parse(utf8("{\"gen\":1}"))).isEmpty();
        assertThat(CommitCertificate.parse(utf8("not json"))).isEmpty();
    }
}
