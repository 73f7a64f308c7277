package org.ebc.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ebc.consensus.Members.BLOCK;
import static org.ebc.consensus.Members.GENESIS;
import static org.ebc.consensus.Members.id;
import static org.ebc.consensus.Members.utf8;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.testing.ByteMutations;
import org.junit.jupiter.api.Test;

/** Verify-then-parse decoding of every consensus message kind, and each reason it refuses one for. */
class ConsensusCodecTest {
    private static final int MAX = 1024 * 1024;
    private final Consortium consortium = Members.consortium();

    private Decoded decode(byte[] raw) {
        return ConsensusCodec.decode(raw, consortium, MAX);
    }

    private DecodeReason reason(byte[] raw) {
        return decode(raw).reason();
    }

    private static byte[] signedAs(int signer, String payload) {
        EagSigner s = Members.signer(signer);
        return EnvelopeCodec.sign(utf8(payload), s.privateKey(), s.keyId());
    }

    /** Every kind, as the protocol builds it. */
    private static List<Signed<?>> oneOfEachKind() {
        Signed<Proposal> p0 = Members.proposal(1, 7, 0, BLOCK, -1);
        List<byte[]> pol = List.of(
                Members.audit(1, p0).raw(),
                Members.audit(2, p0).raw(),
                Members.audit(3, p0).raw());
        Signed<Proposal> p1 = Members.proposal(0, 7, 1, BLOCK, 0);
        CommitCertificate cert = Members.certificate(7, 1, BLOCK, 0, 1, 2);
        return List.of(
                p0,
                Members.sign(new ProposedBlock(id(1), 1000, GENESIS, p0, utf8("block bytes"), List.of())),
                Members.sign(new ProposedBlock(id(0), 1000, GENESIS, p1, new byte[40_000], pol)),
                Members.audit(2, p0),
                Members.nilAudit(3, 7, 0),
                Members.reply(2, 7, 1, BLOCK),
                Members.sign(new Commit(id(0), 1000, GENESIS, cert)),
                Members.sign(new SyncRequest(id(3), 1000, GENESIS, 5, 64)),
                Members.sign(new SyncBlocks(
                        id(1), 1000, GENESIS, 7, 9, List.of(new CertifiedBlock(utf8("block bytes"), cert)))),
                Members.sign(new SyncBlocks(id(1), 1000, GENESIS, 10, 9, List.of())),
                Members.sign(new EvidenceReport(
                        id(0),
                        1000,
                        GENESIS,
                        7,
                        0,
                        id(3),
                        new Equivocation(
                                Members.nilAudit(3, 7, 0).raw(),
                                Members.audit(3, p0).raw()))));
    }

    @Test
    void everyKindDecodesBackToWhatWasSigned() {
        for (Signed<?> m : oneOfEachKind()) {
            Decoded d = decode(m.raw());
            assertThat(d.reason()).as(m.toString()).isEqualTo(DecodeReason.OK);
            assertThat(d.signed().kind()).isEqualTo(m.kind());
            assertThat(d.signed().payload().payloadBytes())
                    .as(m.toString())
                    .isEqualTo(m.payload().payloadBytes());
            assertThat(d.signed().raw()).isEqualTo(m.raw());
        }
    }

    @Test
    void aProposedBlockCarriesItsBlockInChunksAndItsJustificationExactly() {
        Signed<?> big = oneOfEachKind().get(2);
        ProposedBlock b =
                decode(big.raw()).signed().as(ProposedBlock.class).orElseThrow().payload();
        assertThat(b.blockData()).hasSize(40_000);
        assertThat(b.justification()).hasSize(3);
        assertThat(b.validRound()).isZero();
        assertThat(b.proposal().from()).isEqualTo(id(0));
        assertThat(new String(big.raw(), StandardCharsets.UTF_8)).contains("\"data\":[\"", "\",\"");
    }

    @Test
    void anOversizedMessageIsTooLarge() {
        byte[] raw = oneOfEachKind().get(2).raw();
        assertThat(ConsensusCodec.decode(raw, consortium, raw.length - 1).reason())
                .isEqualTo(DecodeReason.TOO_LARGE);
    }

    @Test
    void bytesThatAreNoEnvelopeOrADamagedSignatureSectionAreAMalformedEnvelope() {
        assertThat(reason(utf8("garbage"))).isEqualTo(DecodeReason.MALFORMED_ENVELOPE);
        byte[] raw = Members.nilAudit(1, 1, 0).raw();
        String s = new String(raw, StandardCharsets.UTF_8);
        assertThat(reason(utf8(s.replace("\"SA\":\"ECDSA-secp256r1-SHA256\"", "\"SA\":\"RSA\""))))
                .isEqualTo(DecodeReason.MALFORMED_ENVELOPE);
    }

    @Test
    void aKeyOfNoGenesisEagIsNotAMember() {
        Signed<Audit> a = ConsensusCodec.sign(Audit.nil(id(1), 1, GENESIS, 1, 0, ""), Members.outsider(1));
        assertThat(reason(a.raw())).isEqualTo(DecodeReason.NOT_A_MEMBER);
    }

    @Test
    void aChangedPayloadHasABadSignature() {
        String s = new String(Members.nilAudit(1, 1, 0).raw(), StandardCharsets.UTF_8);
        assertThat(reason(utf8(s.replace("\"r\":0", "\"r\":1")))).isEqualTo(DecodeReason.BAD_SIGNATURE);
    }

    @Test
    void aKindThatIsNotConsensusIsAnUnknownType() {
        assertThat(reason(signedAs(1, "{\"typ\":\"ack\",\"from\":\"eag-1\",\"seq\":1,\"ts\":1}")))
                .isEqualTo(DecodeReason.UNKNOWN_TYPE);
    }

    @Test
    void aMessageSignedByAnotherEagThanItsFromIsASignerMismatch() {
        byte[] payload = Audit.nil(id(2), 1, GENESIS, 1, 0, "").payloadBytes();
        EagSigner s = Members.signer(1);
        assertThat(reason(EnvelopeCodec.sign(payload, s.privateKey(), s.keyId())))
                .isEqualTo(DecodeReason.SIGNER_MISMATCH);
    }

    @Test
    void anotherGenesisIsRefused() {
        Signed<Audit> a = Members.sign(Audit.nil(id(1), 1, Members.OTHER_GENESIS, 1, 0, ""));
        assertThat(reason(a.raw())).isEqualTo(DecodeReason.WRONG_GENESIS);
    }

    @Test
    void payloadsOfTheWrongShapeAreMalformed() {
        String gen = GENESIS.hex();
        String block = BLOCK.hex();
        String head = "{\"typ\":\"cs-reply\",\"from\":\"eag-1\",\"seq\":3,\"ts\":1,\"gen\":\"" + gen + "\"";
        for (String payload : List.of(
                head + ",\"h\":3,\"r\":0}", // block missing
                head + ",\"h\":3,\"r\":0,\"block\":\"" + block + "\",\"extra\":1}",
                head + ",\"h\":4,\"r\":0,\"block\":\"" + block + "\"}", // seq is not the height
                head + ",\"h\":3,\"r\":-1,\"block\":\"" + block + "\"}",
                head + ",\"h\":3,\"r\":1000001,\"block\":\"" + block + "\"}",
                head + ",\"h\":3,\"r\":0,\"block\":\"" + block.toUpperCase(java.util.Locale.ROOT) + "\"}",
                head + ",\"h\":3,\"r\":0,\"block\":null}",
                head + ",\"h\":3.5,\"r\":0,\"block\":\"" + block + "\"}",
                "{\"typ\":\"cs-reply\",\"from\":\"eag-1\",\"seq\":0,\"ts\":1,\"gen\":\"" + gen
                        + "\",\"h\":0,\"r\":0,\"block\":\"" + block + "\"}", // height 0 is the genesis
                "{\"typ\":\"cs-reply\",\"from\":\"eag-1\",\"seq\":3,\"ts\":1,\"gen\":\"zz\",\"h\":3,\"r\":0,\"block\":\""
                        + block + "\"}",
                "{\"typ\":\"cs-proposal\",\"from\":\"eag-1\",\"seq\":3,\"ts\":1,\"gen\":\"" + gen
                        + "\",\"h\":3,\"r\":2,\"block\":\"" + block + "\",\"vr\":2}", // vr must be below r
                "{\"typ\":\"cs-audit\",\"from\":\"eag-1\",\"seq\":3,\"ts\":1,\"gen\":\"" + gen
                        + "\",\"h\":3,\"r\":0,\"block\":\"" + block + "\",\"proposal\":null,\"note\":\"\"}")) {
            assertThat(decode(signedAs(1, payload)).reason()).as(payload).isEqualTo(DecodeReason.MALFORMED_PAYLOAD);
        }
    }

    @Test
    void aProposedBlockMustCarryItsSendersOwnValidProposalOfItsHeightAndRound() {
        Signed<Proposal> eag2s = Members.proposal(2, 7, 0, BLOCK, -1);
        // eag-1 passes eag-2's signed proposal off as its own.
        Signed<Proposal> passedOff = new Signed<>(new Proposal(id(1), 1000, GENESIS, 7, 0, BLOCK, -1), eag2s.raw());
        Signed<ProposedBlock> carrier =
                Members.sign(new ProposedBlock(id(1), 1, GENESIS, passedOff, utf8("x"), List.of()));
        assertThat(reason(carrier.raw())).as("another EAG's proposal").isEqualTo(DecodeReason.MALFORMED_PAYLOAD);

        // eag-2's proposal of round 0, changed to say round 1 after it was signed.
        byte[] changed = utf8(new String(eag2s.raw(), StandardCharsets.UTF_8).replace("\"r\":0", "\"r\":1"));
        Signed<Proposal> forged = new Signed<>(new Proposal(id(2), 1000, GENESIS, 7, 1, BLOCK, -1), changed);
        Decoded d = decode(Members.sign(new ProposedBlock(id(2), 1, GENESIS, forged, utf8("x"), List.of()))
                .raw());
        assertThat(d.reason()).as("a proposal changed after signing").isEqualTo(DecodeReason.BAD_SIGNATURE);
        assertThat(d.detail()).startsWith("embedded proposal");
    }

    @Test
    void noDamageToAValidMessageMakesTheDecoderThrowAndNoneVerifiesAsSomethingElse() {
        for (Signed<?> m : oneOfEachKind()) {
            if (m.raw().length > 10_000) {
                continue; // the big proposed block: its chunks make the mutations slow and add nothing
            }
            for (long seed = 0; seed < 300; seed++) {
                byte[] damaged = ByteMutations.mutate(m.raw(), seed, "{}[]|\":,0123456789abcdefnul\\");
                Decoded d = decode(damaged);
                if (d.isOk()) {
                    assertThat(d.signed().payload().payloadBytes())
                            .as("a damaged copy that verifies says exactly what the original said")
                            .isEqualTo(m.payload().payloadBytes());
                    assertThat(Arrays.equals(damaged, m.raw()) || d.signed().kind() == m.kind())
                            .isTrue();
                }
            }
        }
    }
}
