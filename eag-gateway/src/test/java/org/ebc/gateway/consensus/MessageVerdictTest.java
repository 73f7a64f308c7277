package org.ebc.gateway.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ebc.gateway.consensus.harness.CoreFixture.utf8;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.ebc.consensus.Audit;
import org.ebc.consensus.BlockHash;
import org.ebc.consensus.CertifiedBlock;
import org.ebc.consensus.CommitCertificate;
import org.ebc.consensus.ConsensusCodec;
import org.ebc.consensus.EagSigner;
import org.ebc.consensus.Equivocation;
import org.ebc.consensus.EvidenceReport;
import org.ebc.consensus.MessageKind;
import org.ebc.consensus.Proposal;
import org.ebc.consensus.ProposedBlock;
import org.ebc.consensus.Signed;
import org.ebc.consensus.SyncBlocks;
import org.ebc.consensus.SyncRequest;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.gateway.consensus.harness.CoreFixture;
import org.ebc.gateway.consensus.harness.FakeBlock;
import org.ebc.gateway.consensus.harness.TestConsortium;
import org.junit.jupiter.api.Test;

/**
 * Every verdict the core gives a message (Besu's one validator per message kind): one test per reason,
 * fed to EAG {@code eag-0} of four at height 1 unless the test moves it on.
 */
class MessageVerdictTest {
    private final CoreFixture f = new CoreFixture().started();

    private Verdict handle(byte[] raw) {
        return f.core.onMessage(raw).verdict();
    }

    private Verdict handle(Signed<?> m) {
        return handle(m.raw());
    }

    /** Commits height 1 (a block mined by eag-1) through a proposal and a commit certificate. */
    private FakeBlock commitHeightOne() {
        FakeBlock b = f.block(1, 1);
        assertThat(handle(f.proposed(1, 0, b, -1, List.of()))).isEqualTo(Verdict.ACCEPTED);
        assertThat(handle(f.commit(1, f.certificate(1, 0, b.hash(), 1, 2, 3)))).isEqualTo(Verdict.ACCEPTED);
        assertThat(f.chain.height()).isEqualTo(1);
        return b;
    }

    @Test
    void anAuditOfAValidProposalIsAccepted() {
        FakeBlock b = f.block(1, 1);
        Signed<ProposedBlock> p = f.proposed(1, 0, b, -1, List.of());
        assertThat(handle(p)).isEqualTo(Verdict.ACCEPTED);

        assertThat(handle(f.audit(2, p.payload().proposal()))).isEqualTo(Verdict.ACCEPTED);
        assertThat(f.miningStopped).containsExactly(1L);
    }

    @Test
    void aMessageOverTheSizeLimitIsTooLarge() {
        byte[] big = new byte[CoreFixture.MAX_MESSAGE_BYTES + 1];
        java.util.Arrays.fill(big, (byte) 'x');
        assertThat(handle(big)).isEqualTo(Verdict.TOO_LARGE);
    }

    @Test
    void bytesThatAreNoEnvelopeAreAMalformedEnvelope() {
        assertThat(handle(utf8("hello, consortium"))).isEqualTo(Verdict.MALFORMED_ENVELOPE);
    }

    @Test
    void aMessageSignedWithAKeyOfNoGenesisEagIsFromNotAMember() {
        EagSigner outsider = TestConsortium.outsider(CoreFixture.id(1));
        Signed<Audit> a = ConsensusCodec.sign(Audit.nil(outsider.id(), 1, f.genesis(), 1, 0, "hi"), outsider);
        assertThat(handle(a)).isEqualTo(Verdict.NOT_A_MEMBER);
    }

    @Test
    void aMessageChangedAfterSigningHasABadSignature() {
        byte[] raw = f.nilAudit(1, 1, 0).raw();
        byte[] changed = new String(raw, StandardCharsets.UTF_8)
                .replace("\"note\":\"test\"", "\"note\":\"tesT\"")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(changed).isNotEqualTo(raw);
        assertThat(handle(changed)).isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void aSignedPayloadWithoutARequiredFieldIsMalformed() {
        byte[] payload = utf8("{\"typ\":\"cs-audit\",\"from\":\"eag-1\",\"seq\":1,\"ts\":1,\"gen\":\""
                + f.genesis().hex() + "\",\"h\":1,\"r\":0,\"block\":null,\"proposal\":null}");
        EagSigner s = f.signer(1);
        assertThat(handle(EnvelopeCodec.sign(payload, s.privateKey(), s.keyId())))
                .isEqualTo(Verdict.MALFORMED_PAYLOAD);
    }

    @Test
    void aSignedEnvelopeOfAnotherKindIsOfUnknownType() {
        byte[] payload = utf8("{\"typ\":\"order\",\"from\":\"eag-1\",\"seq\":1,\"ts\":1}");
        EagSigner s = f.signer(1);
        assertThat(handle(EnvelopeCodec.sign(payload, s.privateKey(), s.keyId())))
                .isEqualTo(Verdict.UNKNOWN_TYPE);
    }

    @Test
    void aMessageFromOneEagSignedWithAnothersKeyIsASignerMismatch() {
        byte[] payload = Audit.nil(CoreFixture.id(2), 1, f.genesis(), 1, 0, "").payloadBytes();
        EagSigner s = f.signer(1);
        assertThat(handle(EnvelopeCodec.sign(payload, s.privateKey(), s.keyId())))
                .isEqualTo(Verdict.SIGNER_MISMATCH);
    }

    @Test
    void aMessageOfAnotherGenesisIsRefused() {
        Signed<Audit> a = ConsensusCodec.sign(
                Audit.nil(CoreFixture.id(1), 1, f.members.otherGenesis().genesis(), 1, 0, ""), f.signer(1));
        assertThat(handle(a)).isEqualTo(Verdict.WRONG_GENESIS);
    }

    @Test
    void thisEagsOwnMessageEchoedBackIsIgnored() {
        assertThat(handle(f.nilAudit(0, 1, 0))).isEqualTo(Verdict.OWN_MESSAGE);
    }

    @Test
    void aVoteOfACommittedHeightIsOldAndItsLaggingSenderGetsTheBlocks() {
        commitHeightOne();
        f.advance(Duration.ofSeconds(3)); // past the grace in which a late vote is just slower than the commit
        f.sent.clear();

        assertThat(handle(f.nilAudit(2, 1, 3))).isEqualTo(Verdict.OLD_HEIGHT);

        assertThat(f.sent(MessageKind.SYNC_BLOCKS)).singleElement().satisfies(s -> {
            assertThat(s.to()).isEqualTo(CoreFixture.id(2));
            SyncBlocks b = decode(s.raw()).as(SyncBlocks.class).orElseThrow().payload();
            assertThat(b.height()).isEqualTo(1);
            assertThat(b.blocks()).hasSize(1);
        });
    }

    @Test
    void aVoteOfAHeightNotReachedIsFromTheFutureAndIsKeptForIt() {
        FakeBlock one = f.block(1, 1);
        FakeBlock two = new FakeBlock(2, one.hash(), CoreFixture.id(2), 7, true);
        Signed<ProposedBlock> p2 = f.proposed(2, f.proposal(2, 2, 0, two.hash(), -1), two.bytes(), List.of());
        assertThat(handle(p2)).isEqualTo(Verdict.FUTURE_HEIGHT);

        commitHeightOne();

        // Kept: at height 2 the core audits that block without seeing it again.
        assertThat(f.sent(MessageKind.AUDIT))
                .last()
                .satisfies(s -> assertThat(decode(s.raw())
                                .as(Audit.class)
                                .orElseThrow()
                                .payload()
                                .block())
                        .isEqualTo(two.hash()));
    }

    @Test
    void aVoteTooManyRoundsAheadIsRefused() {
        assertThat(handle(f.nilAudit(1, 1, 65))).isEqualTo(Verdict.ROUND_TOO_FAR_AHEAD);
        assertThat(handle(f.nilAudit(1, 1, 64))).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void theSameVoteAgainIsADuplicate() {
        Signed<Audit> a = f.nilAudit(1, 1, 0);
        assertThat(handle(a)).isEqualTo(Verdict.ACCEPTED);
        assertThat(handle(a)).isEqualTo(Verdict.DUPLICATE);
        assertThat(handle(f.nilAudit(1, 1, 0))).as("re-signed, same verdict").isEqualTo(Verdict.DUPLICATE);
        assertThat(f.evidence).isEmpty();
    }

    @Test
    void aSecondDifferentAuditOfOneRoundIsEquivocationAndBecomesEvidence() {
        FakeBlock b = f.block(1, 1);
        Signed<ProposedBlock> p = f.proposed(1, 0, b, -1, List.of());
        handle(p);
        assertThat(handle(f.nilAudit(2, 1, 0))).isEqualTo(Verdict.ACCEPTED);

        assertThat(handle(f.audit(2, p.payload().proposal()))).isEqualTo(Verdict.EQUIVOCATION);

        assertThat(f.evidence).singleElement().satisfies(e -> {
            assertThat(e.accused()).isEqualTo(CoreFixture.id(2));
            assertThat(e.kind()).isEqualTo(MessageKind.AUDIT);
        });
        assertThat(f.sent(MessageKind.EVIDENCE))
                .singleElement()
                .satisfies(s -> assertThat(decode(s.raw())
                                .as(EvidenceReport.class)
                                .orElseThrow()
                                .payload()
                                .proves(f.consortium))
                        .isTrue());
    }

    @Test
    void twoProposalsOfOneLeaderMeetInsideAnAuditAndBecomeEvidence() {
        FakeBlock x = f.block(1, 1);
        FakeBlock y = new FakeBlock(1, f.chain.tip(), CoreFixture.id(1), 99, true);
        handle(f.proposed(1, 0, x, -1, List.of()));
        // eag-2 was sent the other proposal, and approves it: its audit carries eag-1's second signature.
        Signed<Audit> a = f.audit(2, f.proposal(1, 1, 0, y.hash(), -1));

        assertThat(handle(a)).isEqualTo(Verdict.ACCEPTED);

        assertThat(f.evidence).singleElement().satisfies(e -> {
            assertThat(e.accused()).isEqualTo(CoreFixture.id(1));
            assertThat(e.kind()).isEqualTo(MessageKind.PROPOSAL);
        });
    }

    @Test
    void aSignedProposalOnItsOwnIsFiledAndAConflictingProposedBlockIsEquivocation() {
        FakeBlock x = f.block(1, 1);
        FakeBlock y = new FakeBlock(1, f.chain.tip(), CoreFixture.id(1), 77, true);
        assertThat(handle(f.proposal(1, 1, 0, x.hash(), -1))).isEqualTo(Verdict.ACCEPTED);
        assertThat(handle(f.proposal(3, 1, 2, x.hash(), -1)))
                .as("round 2 is eag-3's")
                .isEqualTo(Verdict.ACCEPTED);
        assertThat(handle(f.proposal(1, 1, 2, x.hash(), -1))).isEqualTo(Verdict.NOT_PROPOSER);

        assertThat(handle(f.proposed(1, 0, y, -1, List.of()))).isEqualTo(Verdict.EQUIVOCATION);
        assertThat(f.evidence)
                .singleElement()
                .satisfies(e -> assertThat(e.kind()).isEqualTo(MessageKind.PROPOSAL));
    }

    @Test
    void aProposalFromRoundOneOnByAnEagNotScheduledIsFromNotTheProposer() {
        // Round 1 at height 1 is eag-2's ((1 + 1) mod 4).
        assertThat(handle(f.proposed(1, 1, f.block(1, 1), -1, List.of()))).isEqualTo(Verdict.NOT_PROPOSER);
        assertThat(handle(f.proposed(2, 1, f.block(1, 1), -1, List.of()))).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void inRoundZeroOnlyTheMinerMayProposeItsBlock() {
        assertThat(handle(f.proposed(1, 0, f.block(1, 2), -1, List.of()))).isEqualTo(Verdict.PROPOSER_NOT_MINER);
    }

    @Test
    void aProposalWhoseBytesAreNoBlockIsUnreadable() {
        Signed<Proposal> p = f.proposal(1, 1, 0, BlockHash.sha256(utf8("x")), -1);
        assertThat(handle(f.proposed(1, p, utf8("not a block"), List.of()))).isEqualTo(Verdict.BLOCK_UNREADABLE);
    }

    @Test
    void aProposalNamingAnotherBlockThanItCarriesIsAHashMismatch() {
        FakeBlock carried = f.block(1, 1);
        Signed<Proposal> p = f.proposal(1, 1, 0, BlockHash.sha256(utf8("another block")), -1);
        assertThat(handle(f.proposed(1, p, carried.bytes(), List.of()))).isEqualTo(Verdict.BLOCK_HASH_MISMATCH);
    }

    @Test
    void aBlockOfAnotherHeightIsRefused() {
        FakeBlock b = new FakeBlock(2, f.chain.tip(), CoreFixture.id(1), 1, true);
        Signed<Proposal> p = f.proposal(1, 1, 0, b.hash(), -1);
        assertThat(handle(f.proposed(1, p, b.bytes(), List.of()))).isEqualTo(Verdict.BLOCK_WRONG_HEIGHT);
    }

    @Test
    void aBlockNotOnOurTipIsRefused() {
        FakeBlock b = new FakeBlock(1, BlockHash.sha256(utf8("elsewhere")), CoreFixture.id(1), 1, true);
        assertThat(handle(f.proposed(1, 0, b, -1, List.of()))).isEqualTo(Verdict.BLOCK_WRONG_PARENT);
    }

    @Test
    void aProposedBlockWithoutValidProofOfWorkIsInvalidWithTheValidatorsReason() {
        FakeBlock b = new FakeBlock(1, f.chain.tip(), CoreFixture.id(1), 1, false);
        Handled h = f.core.onMessage(f.proposed(1, 0, b, -1, List.of()).raw());
        assertThat(h.verdict()).isEqualTo(Verdict.BLOCK_INVALID);
        assertThat(h.detail()).startsWith("INSUFFICIENT_WORK");
        assertThat(f.miningStopped)
                .as("an invalid proposal does not stop the miner")
                .isEmpty();
    }

    @Test
    void aReProposalWithoutAQuorumOfAuditsIsBadlyJustified() {
        FakeBlock b = f.block(1, 1);
        Signed<Proposal> first = f.proposal(1, 1, 0, b.hash(), -1);
        List<byte[]> two = List.of(f.audit(1, first).raw(), f.audit(3, first).raw());
        assertThat(handle(f.proposed(2, f.proposal(2, 1, 1, b.hash(), 0), b.bytes(), two)))
                .isEqualTo(Verdict.BAD_JUSTIFICATION);

        FakeBlock other = new FakeBlock(1, f.chain.tip(), CoreFixture.id(3), 5, true);
        Signed<Proposal> ofOther = f.proposal(3, 1, 0, other.hash(), -1);
        List<byte[]> forAnother = List.of(
                f.audit(1, ofOther).raw(),
                f.audit(2, ofOther).raw(),
                f.audit(3, ofOther).raw());
        assertThat(handle(f.proposed(2, f.proposal(2, 1, 2, b.hash(), 0), b.bytes(), forAnother)))
                .as("audits of another block")
                .isEqualTo(Verdict.NOT_PROPOSER); // round 2 is eag-3's
        assertThat(handle(f.proposed(3, f.proposal(3, 1, 2, b.hash(), 0), b.bytes(), forAnother)))
                .isEqualTo(Verdict.BAD_JUSTIFICATION);
    }

    @Test
    void aReProposalWithAQuorumOfAuditsIsAccepted() {
        FakeBlock b = f.block(1, 1);
        Signed<Proposal> first = f.proposal(1, 1, 0, b.hash(), -1);
        List<byte[]> three = List.of(
                f.audit(1, first).raw(),
                f.audit(2, first).raw(),
                f.audit(3, first).raw());
        assertThat(handle(f.proposed(2, f.proposal(2, 1, 1, b.hash(), 0), b.bytes(), three)))
                .isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void anAuditWhoseEmbeddedProposalIsNotOfItsBlockIsRefused() {
        FakeBlock b = f.block(1, 1);
        Signed<Proposal> ofRoundOneByTheWrongEag = f.proposal(1, 1, 1, b.hash(), -1);
        Signed<Audit> a = f.audit(3, ofRoundOneByTheWrongEag);
        assertThat(handle(a)).isEqualTo(Verdict.AUDIT_PROPOSAL_INVALID);

        byte[] forged = ConsensusCodec.sign(
                        new Audit(CoreFixture.id(3), 1, f.genesis(), 1, 0, b.hash(), utf8("EBC1|{}|{}"), ""),
                        f.signer(3))
                .raw();
        assertThat(handle(forged)).isEqualTo(Verdict.AUDIT_PROPOSAL_INVALID);
    }

    @Test
    void aCommitWithFewerRepliesThanTheQuorumIsRefused() {
        FakeBlock b = f.block(1, 1);
        handle(f.proposed(1, 0, b, -1, List.of()));
        assertThat(handle(f.commit(1, f.certificate(1, 0, b.hash(), 1, 2))))
                .isEqualTo(Verdict.CERTIFICATE_BELOW_QUORUM);
        assertThat(f.chain.height()).isZero();
    }

    @Test
    void aCommitWhoseCertificateHoldsAReplyForAnotherBlockOrTwiceOneSignerIsInvalid() {
        FakeBlock b = f.block(1, 1);
        handle(f.proposed(1, 0, b, -1, List.of()));
        CommitCertificate mixed = new CommitCertificate(
                f.genesis(),
                1,
                0,
                b.hash(),
                List.of(
                        f.reply(1, 1, 0, b.hash()).raw(),
                        f.reply(2, 1, 0, b.hash()).raw(),
                        f.reply(3, 1, 0, BlockHash.sha256(utf8("other"))).raw()));
        assertThat(handle(f.commit(1, mixed))).isEqualTo(Verdict.CERTIFICATE_INVALID);
        assertThat(handle(f.commit(1, f.certificate(1, 0, b.hash(), 1, 2, 2)))).isEqualTo(Verdict.CERTIFICATE_INVALID);
        assertThat(f.chain.height()).isZero();
    }

    @Test
    void aValidCommitStoresTheBlockWithItsCertificate() {
        FakeBlock b = commitHeightOne();
        assertThat(f.committed).singleElement().satisfies(c -> {
            assertThat(c.hash()).isEqualTo(b.hash());
            assertThat(c.certificate().verify(f.consortium).isOk()).isTrue();
        });
        assertThat(f.core.height()).isEqualTo(2);
    }

    @Test
    void aCommitOfARoundFarAheadStillDecidesBecauseItsCertificateDoes() {
        FakeBlock b = f.block(1, 1);
        handle(f.proposed(1, 0, b, -1, List.of()));
        assertThat(handle(f.commit(3, f.certificate(1, 500, b.hash(), 1, 2, 3))))
                .isEqualTo(Verdict.ACCEPTED);
        assertThat(f.chain.height()).isEqualTo(1);
    }

    @Test
    void aCommitForABlockNotHeldFetchesItFromTheCommitter() {
        FakeBlock b = f.block(1, 1);
        assertThat(handle(f.commit(2, f.certificate(1, 0, b.hash(), 1, 2, 3)))).isEqualTo(Verdict.ACCEPTED);
        assertThat(f.sent(MessageKind.SYNC_REQUEST))
                .last()
                .satisfies(s -> assertThat(s.to()).isEqualTo(CoreFixture.id(2)));
    }

    @Test
    void catchUpBlocksWithValidCertificatesAreValidatedAndStored() {
        FakeBlock b = f.block(1, 1);
        CertifiedBlock cb = new CertifiedBlock(b.bytes(), f.certificate(1, 0, b.hash(), 1, 2, 3));
        assertThat(handle(sync(1, 1, 1, cb))).isEqualTo(Verdict.ACCEPTED);
        assertThat(f.chain.height()).isEqualTo(1);
        assertThat(f.auditor.audited()).contains(b.hash());
    }

    @Test
    void catchUpBlocksAreRefusedForABadCertificateAWrongBlockOrAFailedAudit() {
        FakeBlock b = f.block(1, 1);
        assertThat(handle(sync(1, 1, 1, new CertifiedBlock(b.bytes(), f.certificate(1, 0, b.hash(), 1, 2)))))
                .isEqualTo(Verdict.CERTIFICATE_BELOW_QUORUM);
        FakeBlock other = f.block(1, 2);
        assertThat(handle(sync(2, 1, 1, new CertifiedBlock(other.bytes(), f.certificate(1, 0, b.hash(), 1, 2, 3)))))
                .isEqualTo(Verdict.BLOCK_HASH_MISMATCH);
        FakeBlock lazy = new FakeBlock(1, f.chain.tip(), CoreFixture.id(1), 3, false);
        assertThat(handle(sync(3, 1, 1, new CertifiedBlock(lazy.bytes(), f.certificate(1, 0, lazy.hash(), 1, 2, 3)))))
                .isEqualTo(Verdict.BLOCK_INVALID);
        assertThat(f.chain.height()).isZero();
    }

    @Test
    void catchUpBlocksThatLeaveAGapAreUnexpected() {
        FakeBlock b = new FakeBlock(3, BlockHash.sha256(utf8("two")), CoreFixture.id(1), 1, true);
        CertifiedBlock cb = new CertifiedBlock(b.bytes(), f.certificate(3, 0, b.hash(), 1, 2, 3));
        assertThat(handle(sync(1, 3, 3, cb))).isEqualTo(Verdict.SYNC_UNEXPECTED);
    }

    @Test
    void theSameCatchUpRequestAgainTooSoonIsThrottled() {
        Signed<SyncRequest> q =
                ConsensusCodec.sign(new SyncRequest(CoreFixture.id(1), 1, f.genesis(), 1, 10), f.signer(1));
        assertThat(handle(q)).isEqualTo(Verdict.ACCEPTED);
        assertThat(handle(q)).isEqualTo(Verdict.SYNC_THROTTLED);
        f.advance(Duration.ofSeconds(2));
        assertThat(handle(q)).isEqualTo(Verdict.ACCEPTED);
        assertThat(f.sent(MessageKind.SYNC_BLOCKS)).hasSize(2);
    }

    @Test
    void anEvidenceReportThatProvesNothingIsFalseAndARealOneIsFiled() {
        Signed<Audit> a = f.nilAudit(2, 1, 0);
        Signed<Audit> same = f.nilAudit(2, 1, 0);
        Signed<EvidenceReport> falseReport = ConsensusCodec.sign(
                new EvidenceReport(
                        CoreFixture.id(1),
                        1,
                        f.genesis(),
                        1,
                        0,
                        CoreFixture.id(2),
                        new Equivocation(a.raw(), same.raw())),
                f.signer(1));
        assertThat(handle(falseReport)).isEqualTo(Verdict.EVIDENCE_FALSE);

        FakeBlock b = f.block(1, 1);
        Signed<Audit> approving = f.audit(2, f.proposal(1, 1, 0, b.hash(), -1));
        Signed<EvidenceReport> real = ConsensusCodec.sign(
                new EvidenceReport(
                        CoreFixture.id(1),
                        1,
                        f.genesis(),
                        1,
                        0,
                        CoreFixture.id(2),
                        new Equivocation(a.raw(), approving.raw())),
                f.signer(1));
        assertThat(handle(real)).isEqualTo(Verdict.ACCEPTED);
        assertThat(handle(real)).isEqualTo(Verdict.DUPLICATE);
        assertThat(f.evidence).hasSize(1);
    }

    @Test
    void aMinedBlockForAHeightAlreadyLeftIsStaleAndOneOfThisEagIsProposed() {
        FakeBlock old = new FakeBlock(2, f.chain.tip(), CoreFixture.id(0), 1, true);
        assertThat(f.core.onBlockMined(old.bytes()).verdict()).isEqualTo(Verdict.MINED_STALE);
        assertThat(f.core.onBlockMined(utf8("junk")).verdict()).isEqualTo(Verdict.BLOCK_UNREADABLE);
        assertThat(f.core.onBlockMined(f.block(1, 1).bytes()).verdict()).isEqualTo(Verdict.PROPOSER_NOT_MINER);

        assertThat(f.core.onBlockMined(f.block(1, 0).bytes()).verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(f.sent(MessageKind.PROPOSED_BLOCK)).hasSize(1);
        assertThat(f.sent(MessageKind.AUDIT))
                .as("the leader audits its own block")
                .hasSize(1);
    }

    private Signed<SyncBlocks> sync(int from, long height, long tip, CertifiedBlock... blocks) {
        return ConsensusCodec.sign(
                new SyncBlocks(CoreFixture.id(from), 1, f.genesis(), height, tip, List.of(blocks)), f.signer(from));
    }

    private Signed<?> decode(byte[] raw) {
        return ConsensusCodec.decode(raw, f.consortium, CoreFixture.MAX_MESSAGE_BYTES)
                .signed();
    }
}
