package org.ebc.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.envelope.SignedEnvelope;
import org.ebc.testing.GoldenVectors;
import org.ebc.units.EagId;
import org.junit.jupiter.api.Test;

/**
 * Committed consensus messages with known bytes, keys and signatures (see golden/README.md). Each must
 * still decode to the values below and today's encoder must write its payload byte for byte. Fix the
 * code, not the vectors: a change here is a wire-format change.
 */
class ConsensusGoldenVectorTest {
    private static final GenesisHash GENESIS =
            new GenesisHash("11cc91d4a9a07acca804027459f96f12ffaede17209f01679cbf5793983188e5");
    private static final byte[] BLOCK_DATA = "golden block: height 1, mined by eag-1".getBytes(StandardCharsets.UTF_8);
    private static final BlockHash BLOCK =
            new BlockHash("bfba827065ff421680a1e6949e0faf8b8e2bd36dd51ba2663dd6fdb37f061d59");
    private static final long TS = 1_795_767_300_000L;

    private final Consortium consortium = consortium();

    private static Consortium consortium() {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            members.add(Member.of(id(i), GoldenVectors.publicKey("consensus-eag-" + i + "-public-key.pem")));
        }
        return new Consortium(GENESIS, members, QuorumRule.BFT);
    }

    private static EagId id(int i) {
        return EagId.of("eag-" + i);
    }

    private static byte[] golden(String name) {
        return GoldenVectors.bytes(name);
    }

    /** Decodes a vector, checks that it re-encodes to the same payload and frame, and returns it. */
    private Signed<?> decodeAndReencode(String name, ConsensusPayload expected) {
        byte[] raw = golden(name);
        Decoded d = ConsensusCodec.decode(raw, consortium, 1024 * 1024);
        assertThat(d.reason()).as(name + ": " + d.detail()).isEqualTo(DecodeReason.OK);
        SignedEnvelope framed = EnvelopeCodec.frame(raw, 1024 * 1024).envelope();
        assertThat(new String(expected.payloadBytes(), StandardCharsets.UTF_8))
                .as(name)
                .isEqualTo(new String(framed.payloadBytes(), StandardCharsets.UTF_8));
        assertThat(d.signed().payload().payloadBytes()).isEqualTo(framed.payloadBytes());
        assertThat(EnvelopeCodec.assemble(framed.payloadBytes(), framed.keyId(), framed.signatureDer()))
                .isEqualTo(raw);
        return d.signed();
    }

    private Signed<Proposal> proposal() {
        return ConsensusCodec.decode(golden("consensus-proposal-r0.txt"), consortium, 8192)
                .signed()
                .as(Proposal.class)
                .orElseThrow();
    }

    private static List<byte[]> replies() {
        return List.of(
                golden("consensus-reply-0.txt"), golden("consensus-reply-1.txt"), golden("consensus-reply-2.txt"));
    }

    private static CommitCertificate certificate() {
        return new CommitCertificate(GENESIS, 1, 1, BLOCK, replies());
    }

    @Test
    void theProposalAndItsAuditsStillVerifyAndReencode() {
        decodeAndReencode("consensus-proposal-r0.txt", new Proposal(id(1), TS, GENESIS, 1, 0, BLOCK, -1));
        for (int i = 0; i < 4; i++) {
            Signed<?> a =
                    decodeAndReencode("consensus-audit-" + i + ".txt", Audit.approving(id(i), TS + 10 + i, proposal()));
            assertThat(a.as(Audit.class).orElseThrow().payload().proposal())
                    .isEqualTo(proposal().raw());
        }
        decodeAndReencode(
                "consensus-audit-nil.txt", Audit.nil(id(0), TS + 20, GENESIS, 1, 0, "no valid proposal in time"));
    }

    @Test
    void theReProposedBlockStillVerifiesWithItsJustification() {
        Signed<?> b = ConsensusCodec.decode(golden("consensus-block-r1.txt"), consortium, 1024 * 1024)
                .signed();
        ProposedBlock pb = b.as(ProposedBlock.class).orElseThrow().payload();
        List<byte[]> pol = List.of(
                golden("consensus-audit-1.txt"), golden("consensus-audit-2.txt"), golden("consensus-audit-3.txt"));
        decodeAndReencode(
                "consensus-block-r1.txt", new ProposedBlock(id(2), TS + 31, GENESIS, pb.proposal(), BLOCK_DATA, pol));
        assertThat(pb.proposal().payload()).isEqualTo(new Proposal(id(2), TS + 30, GENESIS, 1, 1, BLOCK, 0));
        assertThat(pb.blockData()).isEqualTo(BLOCK_DATA);
        assertThat(SignedQuorum.check(MessageKind.AUDIT, pb.justification(), consortium, 1, 0, BLOCK)
                        .isOk())
                .isTrue();
    }

    @Test
    void theRepliesCommitAndCertificateStillVerify() {
        for (int i = 0; i < 3; i++) {
            decodeAndReencode("consensus-reply-" + i + ".txt", new Reply(id(i), TS + 40 + i, GENESIS, 1, 1, BLOCK));
        }
        decodeAndReencode("consensus-commit.txt", new Commit(id(2), TS + 50, GENESIS, certificate()));
        byte[] json = golden("consensus-certificate.json");
        assertThat(certificate().toJson()).isEqualTo(json);
        CommitCertificate parsed = CommitCertificate.parse(json).orElseThrow();
        assertThat(parsed.verify(consortium).reason()).isEqualTo(CertificateReason.OK);
        assertThat(parsed.block()).isEqualTo(BLOCK);
    }

    @Test
    void theCatchUpMessagesStillVerifyAndReencode() {
        decodeAndReencode("consensus-sync-request.txt", new SyncRequest(id(3), TS + 60, GENESIS, 1, 64));
        Signed<?> s = decodeAndReencode(
                "consensus-sync-blocks.txt",
                new SyncBlocks(id(0), TS + 70, GENESIS, 1, 1, List.of(new CertifiedBlock(BLOCK_DATA, certificate()))));
        CertifiedBlock b =
                s.as(SyncBlocks.class).orElseThrow().payload().blocks().get(0);
        assertThat(b.block()).isEqualTo(BLOCK_DATA);
        assertThat(b.certificate().verify(consortium).isOk()).isTrue();
    }

    @Test
    void theEvidenceStillProvesThatEagZeroAuditedTwice() {
        Equivocation e = new Equivocation(golden("consensus-audit-nil.txt"), golden("consensus-audit-0.txt"));
        Signed<?> r = decodeAndReencode(
                "consensus-evidence.txt", new EvidenceReport(id(3), TS + 80, GENESIS, 1, 0, id(0), e));
        assertThat(r.as(EvidenceReport.class).orElseThrow().payload().proves(consortium))
                .isTrue();
        EvidenceCheck check = e.check(consortium);
        assertThat(check.accused()).isEqualTo(id(0));
        assertThat(check.kind()).isEqualTo(MessageKind.AUDIT);
    }

    @Test
    void theVectorsAreRefusedUnderAnotherGenesis() {
        Consortium other = new Consortium(
                GenesisHash.sha256("another".getBytes(StandardCharsets.UTF_8)), consortium.members(), QuorumRule.BFT);
        assertThat(ConsensusCodec.decode(golden("consensus-reply-0.txt"), other, 8192)
                        .reason())
                .isEqualTo(DecodeReason.WRONG_GENESIS);
        assertThat(certificate().verify(other).reason()).isEqualTo(CertificateReason.WRONG_GENESIS);
    }
}
