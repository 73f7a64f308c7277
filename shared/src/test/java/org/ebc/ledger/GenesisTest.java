package org.ebc.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.ebc.crypto.CertificateSubject;
import org.ebc.crypto.KeyId;
import org.ebc.envelope.EnvelopeCodec;
import org.ebc.testing.ByteMutations;
import org.ebc.testing.TestAuthority;
import org.ebc.units.CoinAmount;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.junit.jupiter.api.Test;

/** The genesis: checkable with the authority's root alone; every refusal has its reason. */
class GenesisTest {
    static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");
    static final TestAuthority AUTHORITY = TestAuthority.create("grid-authority", T0);
    static final TestAuthority.Issued EAG1 = AUTHORITY.eag("eag-1");
    static final TestAuthority.Issued EAG2 = AUTHORITY.eag("eag-2");

    static GenesisBuilder builder() {
        return Genesis.builder()
                .consortium("north grid")
                .time(T0)
                .eag(EagId.of("eag-2"), EAG2.certificate())
                .eag(EagId.of("eag-1"), EAG1.certificate());
    }

    static byte[] signed(GenesisBuilder b) {
        return b.sign(AUTHORITY.rootKeys(), AUTHORITY.root());
    }

    /** The payload of a good genesis as text, to be changed and signed by the authority's key. */
    static String payload() {
        return new String(builder().payloadBytes("grid-authority"), StandardCharsets.UTF_8);
    }

    static byte[] signByAuthority(String json) {
        KeyPair k = AUTHORITY.rootKeys();
        return EnvelopeCodec.sign(json.getBytes(StandardCharsets.UTF_8), k.getPrivate(), KeyId.of(k.getPublic()));
    }

    static GenesisReason verify(byte[] raw) {
        return Genesis.verify(raw, AUTHORITY.root()).reason();
    }

    @Test
    void aGenesisBuiltAndSignedByTheAuthorityVerifiesWithItsRootAndKeepsEveryRule() {
        byte[] raw = signed(builder()
                .allocationPerNode(CoinAmount.ofCoins(3))
                .allocation(NodeId.of("node-9"), CoinAmount.ZERO)
                .interval(Duration.ofSeconds(2))
                .initialTarget(Target.ofLeadingZeroBits(12))
                .maxTarget(Target.ofLeadingZeroBits(2))
                .retarget(5, 2)
                .futureAllowance(Duration.ofSeconds(4))
                .medianWindow(5)
                .reward(CoinAmount.ofMinorUnits(42))
                .proofOfFlow(Duration.ofMinutes(15), CoinAmount.ofMinorUnits(9))
                .quorum(Quorum.ALL));

        Genesis g = Genesis.verify(raw, AUTHORITY.root()).orElseThrow();
        assertThat(g.hash()).isEqualTo(Sha256Hash.of(raw));
        assertThat(g.raw()).isEqualTo(raw);
        assertThat(g.members()).extracting(EagMember::id).containsExactly(EagId.of("eag-1"), EagId.of("eag-2"));
        EagMember m = g.member(EagId.of("eag-1")).orElseThrow();
        assertThat(m.key()).isEqualTo(EAG1.keys().getPublic());
        assertThat(g.memberByKeyId(KeyId.of(EAG1.keys().getPublic()))).contains(m);
        assertThat(g.memberByAddress(m.address())).contains(m);
        assertThat(g.allocation().amountFor(NodeId.of("node-1"))).isEqualTo(CoinAmount.ofCoins(3));
        assertThat(g.allocation().amountFor(NodeId.of("node-9"))).isEqualTo(CoinAmount.ZERO);
        assertThat(g.difficulty())
                .isEqualTo(new DifficultyRule(2_000, Target.ofLeadingZeroBits(12), Target.ofLeadingZeroBits(2), 5, 2));
        assertThat(g.timestamps()).isEqualTo(new TimestampRule(4_000, 5));
        assertThat(g.reward()).isEqualTo(CoinAmount.ofMinorUnits(42));
        assertThat(g.proofOfFlow()).contains(new ProofOfFlowRule(900_000, CoinAmount.ofMinorUnits(9)));
        assertThat(g.quorum()).isEqualTo(Quorum.ALL);
        assertThat(g.quorumSize()).isEqualTo(2);
        assertThat(g.timeMillis()).isEqualTo(T0.toEpochMilli());
    }

    @Test
    void theDefaultsAreThePapersTwentyCoinsAndTwoFPlusOneAndNoProofOfFlowAward() {
        Genesis g = Genesis.verify(signed(builder()), AUTHORITY.root()).orElseThrow();

        assertThat(g.allocation().perNode()).isEqualTo(CoinAmount.ofCoins(20));
        assertThat(g.quorum()).isEqualTo(Quorum.BYZANTINE);
        assertThat(g.proofOfFlow()).isEmpty();
        assertThat(g.difficulty().intervalMillis()).isEqualTo(10_000);
    }

    @Test
    void aGenesisOverTheSizeLimitIsTooLarge() {
        assertThat(verify(new byte[Genesis.MAX_BYTES + 1])).isEqualTo(GenesisReason.TOO_LARGE);
    }

    @Test
    void somethingThatIsNotASignedEnvelopeIsAMalformedEnvelope() {
        assertThat(verify("{\"typ\":\"genesis\"}".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(GenesisReason.MALFORMED_ENVELOPE);
    }

    @Test
    void aGenesisSignedByAnotherKeyOrInAnotherAuthoritysNameIsNotFromTheAuthority() {
        TestAuthority other = TestAuthority.create("grid-authority", T0);
        byte[] byOther = EnvelopeCodec.sign(
                payload().getBytes(StandardCharsets.UTF_8),
                other.rootKeys().getPrivate(),
                KeyId.of(other.rootKeys().getPublic()));
        assertThat(verify(byOther)).isEqualTo(GenesisReason.NOT_FROM_AUTHORITY);

        byte[] wrongName = signByAuthority(payload().replace("\"from\":\"grid-authority\"", "\"from\":\"someone\""));
        assertThat(verify(wrongName)).isEqualTo(GenesisReason.NOT_FROM_AUTHORITY);
    }

    @Test
    void aGenesisWithAChangedByteDoesNotVerify() {
        byte[] raw = signed(builder());
        byte[] changed = raw.clone();
        changed[new String(raw, StandardCharsets.US_ASCII).indexOf("north")] = 'N';

        assertThat(verify(changed)).isEqualTo(GenesisReason.BAD_SIGNATURE);
    }

    @Test
    void aSignedGenesisWithAFieldWrongOrInAnotherSpellingIsMalformed() {
        String p = payload();
        assertThat(verify(signByAuthority(p))).isEqualTo(GenesisReason.OK);
        String[] bad = {
            p.replace("\"typ\":\"genesis\"", "\"typ\":\"genesys\""),
            p.replace("\"seq\":1", "\"seq\":2"),
            p.replace("\"consortium\":\"north grid\"", "\"consortium\":\"\""),
            p.replace("\"quorum\":\"2f+1\"", "\"quorum\":\"most\""),
            p.replace("\"reward\":100000000", "\"reward\":-1"),
            p.replace("\"window\":10", "\"window\":0"),
            p.replace("\"clamp\":4", "\"clamp\":17"),
            p.replace("\"medianWindow\":11", "\"medianWindow\":0"),
            p.replace("\"interval\":10000", "\"interval\":0"),
            p.replace("\"proofOfFlow\":null", "\"proofOfFlow\":{\"period\":0,\"award\":5}"),
            p.replace("\"proofOfFlow\":null", "\"proofOfFlow\":7"),
            p.replace("\"perNode\":2000000000", "\"perNode\":-2"),
            p.replace("\"nodes\":[]", "\"nodes\":[{\"node\":\"n-2\",\"amount\":1},{\"node\":\"n-1\",\"amount\":1}]"),
            p.replace("\"nodes\":[]", "\"nodes\":[{\"node\":\"n-1\",\"amount\":1},{\"node\":\"n-1\",\"amount\":2}]"),
            p.replace("\"initialTarget\":\"", "\"initialTarget\":\"0"),
            p.replace("\"reward\":", " \"reward\":"),
            p.replace("\\n-----END", "\\r\\n-----END"),
        };
        for (String json : bad) {
            assertThat(verify(signByAuthority(json))).as(json).isEqualTo(GenesisReason.MALFORMED);
        }
    }

    @Test
    void theBuilderRefusesToSignWhatEveryEagWouldRefuse() {
        TestAuthority other = TestAuthority.create("grid-authority", T0);
        TestAuthority.Issued expired = AUTHORITY.issue(
                CertificateSubject.eag("eag-4"), T0.minus(Duration.ofDays(10)), T0.minus(Duration.ofDays(1)), false);

        assertThatThrownBy(() -> signed(
                        builder().eag(EagId.of("eag-3"), other.eag("eag-3").certificate())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("BAD_EAG_CERTIFICATE");
        assertThatThrownBy(() -> signed(builder().eag(EagId.of("eag-4"), expired.certificate())))
                .hasMessageContaining("BAD_EAG_CERTIFICATE");
        assertThatThrownBy(() -> builder().eag(EagId.of("eag-5"), EAG1.certificate()))
                .hasMessageContaining("not eag-5's");
        assertThatThrownBy(() -> builder().eag(EagId.of("eag-1"), EAG1.certificate()))
                .hasMessageContaining("listed twice");
        assertThatThrownBy(() -> Genesis.builder().consortium("x").time(T0).payloadBytes("a"))
                .hasMessageContaining("at least one EAG");
        assertThatThrownBy(() -> Genesis.builder().consortium("bad/name")).hasMessageContaining("consortium name");
        assertThatThrownBy(() -> builder().retarget(0, 4).payloadBytes("a")).hasMessageContaining("window");
        assertThatThrownBy(() -> builder()
                        .initialTarget(Target.ofLeadingZeroBits(1))
                        .maxTarget(Target.ofLeadingZeroBits(9))
                        .payloadBytes("a"))
                .hasMessageContaining("initial target");
    }

    @Test
    void aSignedGenesisListingACertificateOfAnotherAuthorityANodeOrTheWrongIdIsABadEagCertificate() {
        TestAuthority other = TestAuthority.create("grid-authority", T0);
        String p = payload();
        String eag1Pem = GenesisCodec.pem(EAG1.certificate()).replace("\n", "\\n");
        String[] swaps = {
            GenesisCodec.pem(other.eag("eag-1").certificate()),
            GenesisCodec.pem(AUTHORITY.node("eag-1", "SDM-1").certificate()),
            GenesisCodec.pem(EAG2.certificate()),
        };
        for (String pem : swaps) {
            String json = p.replace(eag1Pem, pem.replace("\n", "\\n"));
            assertThat(json).isNotEqualTo(p);
            assertThat(verify(signByAuthority(json))).isEqualTo(GenesisReason.BAD_EAG_CERTIFICATE);
        }
        assertThat(verify(signByAuthority(p.replace(eag1Pem, "not a certificate"))))
                .isEqualTo(GenesisReason.BAD_EAG_CERTIFICATE);
    }

    @Test
    void aSignedGenesisListingOneEagTwiceIsRefusedAsADuplicate() {
        String p = payload();
        int start = p.indexOf("[{\"id\":\"eag-1\"") + 1;
        int end = p.indexOf("},{\"id\":\"eag-2\"") + 1;
        String first = p.substring(start, end);
        String json = p.substring(0, start) + first + "," + p.substring(start);

        assertThat(verify(signByAuthority(json))).isEqualTo(GenesisReason.DUPLICATE_EAG);
    }

    @Test
    void damagedGenesisFilesNeverThrowAndNeverVerify() {
        byte[] raw = signed(builder());
        for (long seed = 0; seed < 300; seed++) {
            byte[] m = ByteMutations.mutate(raw, seed, "{}\":,|0123456789\\n");
            if (!Arrays.equals(m, raw)) {
                assertThat(verify(m)).as("seed %d", seed).isNotEqualTo(GenesisReason.OK);
            }
        }
    }

    @Test
    void theQuorumIsTwoFPlusOneOfThreeFPlusOneAndAlwaysIntersectsInAnHonestEag() {
        assertThat(Quorum.BYZANTINE.size(1)).isEqualTo(1);
        assertThat(Quorum.BYZANTINE.size(4)).isEqualTo(3);
        assertThat(Quorum.BYZANTINE.size(7)).isEqualTo(5);
        assertThat(Quorum.BYZANTINE.size(51)).isEqualTo(34);
        assertThat(Quorum.BYZANTINE.size(5)).isEqualTo(4);
        assertThat(Quorum.ALL.size(51)).isEqualTo(51);
        for (int n = 1; n <= 200; n++) {
            int q = Quorum.BYZANTINE.size(n);
            int f = Quorum.faultsTolerated(n);
            assertThat(2 * q - n).as("overlap of two quorums of %d in %d", q, n).isGreaterThan(f);
            assertThat(q).as("live with %d faulty of %d", f, n).isLessThanOrEqualTo(n - f);
        }
        assertThat(Quorum.fromWire("2f+1")).contains(Quorum.BYZANTINE);
        assertThat(Quorum.fromWire("all")).contains(Quorum.ALL);
        assertThat(Quorum.fromWire("most")).isEmpty();
    }
}
