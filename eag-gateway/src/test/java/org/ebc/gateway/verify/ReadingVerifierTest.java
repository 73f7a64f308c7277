package org.ebc.gateway.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.ebc.crypto.CertificateSubject;
import org.ebc.crypto.RevocationList;
import org.ebc.gateway.TestMeter;
import org.ebc.gateway.account.CertificateAdmission;
import org.ebc.gateway.account.InMemoryAccountPool;
import org.ebc.gateway.account.NodeCredentials;
import org.ebc.gateway.account.Revocations;
import org.ebc.ocmf.ClockStatus;
import org.ebc.ocmf.Obis;
import org.ebc.ocmf.OcmfCodec;
import org.ebc.ocmf.OcmfPayload;
import org.ebc.ocmf.OcmfReading;
import org.ebc.testing.TestAuthority;
import org.ebc.units.EagId;
import org.ebc.units.Energy;
import org.ebc.units.PageCounter;
import org.ebc.wire.Topics;
import org.junit.jupiter.api.Test;

/** The first verification stage with real keys and certificates and the in-memory account pool. */
class ReadingVerifierTest {
    private static final Instant NOW = Instant.parse("2026-11-21T08:00:00Z");
    private static final EagId EAG = EagId.of("eag-1");

    private final TestAuthority authority = TestAuthority.create("test-authority", NOW);
    private final Revocations revocations = new Revocations(RevocationList.EMPTY);
    private final NodeCredentials credentials = new NodeCredentials(revocations);
    private final CertificateAdmission admission = new CertificateAdmission(
            authority.validator(), new InMemoryAccountPool(), credentials, Clock.fixed(NOW, ZoneOffset.UTC));
    private final ReadingVerifier verifier = new ReadingVerifier(VerifyPolicy.defaults(EAG), credentials);
    private final TestMeter alice = bound(new TestMeter(authority, "alice", "SDM-A"));
    private final TestMeter bob = bound(new TestMeter(authority, "bob", "SDM-B"));

    private TestMeter bound(TestMeter m) {
        assertThat(admission
                        .admit(List.of(m.issued.certificate()), m.nodeId(), "mqtt")
                        .admitted())
                .isTrue();
        return m;
    }

    private Verdict verify(TestMeter m, byte[] record) {
        return verifier.verify(m.readingTopic(EAG), record, NOW);
    }

    private static Rejection rejection(Verdict v) {
        assertThat(v).isInstanceOf(Verdict.Rejected.class);
        return ((Verdict.Rejected) v).rejection();
    }

    @Test
    void aCorrectlySignedReadingIsAcceptedWithItsExactBytesAndRegisters() {
        byte[] raw = alice.reading(7, 12_345, 678, NOW.minusSeconds(1));

        Verdict v = verify(alice, raw);

        assertThat(v).isInstanceOf(Verdict.Accepted.class);
        VerifiedReading r = ((Verdict.Accepted) v).reading();
        assertThat(r.raw()).isSameAs(raw);
        assertThat(r.node()).isEqualTo(alice.nodeId());
        assertThat(r.meter().value()).isEqualTo("SDM-A");
        assertThat(r.page()).isEqualTo(7);
        assertThat(r.importRegister()).isEqualTo(Energy.ofWh(12_345));
        assertThat(r.exportRegister()).isEqualTo(Energy.ofWh(678));
        assertThat(r.readingTime()).isEqualTo(NOW.minusSeconds(1));
        assertThat(r.flags()).isZero();
        assertThat(r.digest()).isEqualTo(RecordDigest.of(raw)).hasSize(16);
    }

    @Test
    void aRecordAboveTheSizeLimitIsTooLargeAndNotAnswered() {
        byte[] big = new byte[OcmfCodec.MAX_RECORD_BYTES + 1];

        Rejection r = rejection(verify(alice, big));

        assertThat(r.reason()).isEqualTo(RejectReason.TOO_LARGE);
        assertThat(r.sender()).isEqualTo(alice.nodeId());
        assertThat(r.answerable()).isFalse();
        assertThat(r.sizeBytes()).isEqualTo(big.length);
    }

    @Test
    void aTopicOfAnotherEagOrAnotherKindIsABadTopic() {
        byte[] raw = alice.reading(1, 1, 0, NOW);

        assertThat(rejection(verifier.verify(Topics.reading(EagId.of("eag-2"), alice.nodeId()), raw, NOW))
                        .reason())
                .isEqualTo(RejectReason.BAD_TOPIC);
        assertThat(rejection(verifier.verify(alice.certificateTopic(EAG), raw, NOW))
                        .reason())
                .isEqualTo(RejectReason.BAD_TOPIC);
        assertThat(rejection(verifier.verify("ebc/v1/eag-1/meter/has space/reading", raw, NOW))
                        .reason())
                .isEqualTo(RejectReason.BAD_TOPIC);
        assertThat(rejection(verifier.verify(null, raw, NOW)).reason()).isEqualTo(RejectReason.BAD_TOPIC);
    }

    @Test
    void aReadingFromANodeWithoutABoundCertificateIsUnknownAndNotAnswered() {
        TestMeter stranger = new TestMeter(authority, "carol", "SDM-C");

        Rejection r = rejection(verify(stranger, stranger.reading(1, 1, 0, NOW)));

        assertThat(r.reason()).isEqualTo(RejectReason.UNKNOWN_NODE);
        assertThat(r.answerable()).isFalse();
    }

    @Test
    void aReadingUnderAnExpiredCertificateIsRefusedAndAnsweredWithItsPage() {
        TestMeter old = new TestMeter(
                "dave",
                "SDM-D",
                authority.issue(
                        CertificateSubject.node("dave", "Dave", "SDM-D"),
                        NOW.minus(Duration.ofDays(30)),
                        NOW.plus(Duration.ofDays(1)),
                        false));
        bound(old);
        ReadingVerifier later = new ReadingVerifier(VerifyPolicy.defaults(EAG), credentials);

        Rejection r =
                rejection(later.verify(old.readingTopic(EAG), old.reading(3, 1, 0, NOW), NOW.plus(Duration.ofDays(2))));

        assertThat(r.reason()).isEqualTo(RejectReason.CERTIFICATE_EXPIRED);
        assertThat(r.answerable()).isTrue();
        assertThat(r.page()).isEqualTo(3);
    }

    @Test
    void aReadingBeforeItsCertificateStartsIsRefused() {
        Rejection r = rejection(
                verifier.verify(alice.readingTopic(EAG), alice.reading(1, 1, 0, NOW), NOW.minus(Duration.ofDays(2))));

        assertThat(r.reason()).isEqualTo(RejectReason.CERTIFICATE_NOT_YET_VALID);
    }

    @Test
    void revokingANodeTakesEffectOnItsNextReadingWithoutRebinding() {
        assertThat(verify(alice, alice.reading(1, 1, 0, NOW))).isInstanceOf(Verdict.Accepted.class);

        revocations.replace(RevocationList.of(Set.of(alice.issued.certificate().getSerialNumber())));

        assertThat(rejection(verify(alice, alice.reading(2, 2, 0, NOW))).reason())
                .isEqualTo(RejectReason.CERTIFICATE_REVOKED);
        assertThat(verify(bob, bob.reading(1, 1, 0, NOW))).isInstanceOf(Verdict.Accepted.class);
    }

    @Test
    void aForgedSignatureIsABadSignatureAnsweredWithTheClaimedPageAndDigest() {
        byte[] raw = alice.reading(9, 1_000, 0, NOW);
        String text = new String(raw, StandardCharsets.UTF_8).replace("\"RV\":1000", "\"RV\":9000");
        byte[] forged = text.getBytes(StandardCharsets.UTF_8);

        Rejection r = rejection(verify(alice, forged));

        assertThat(r.reason()).isEqualTo(RejectReason.BAD_SIGNATURE);
        assertThat(r.answerable()).isTrue();
        assertThat(r.page()).isEqualTo(9);
        assertThat(r.digest()).isEqualTo(RecordDigest.of(forged));
    }

    @Test
    void aRecordSignedByAnotherNodeOnThisNodesTopicIsAnIdentityMismatch() {
        byte[] bobsRecord = bob.reading(4, 10, 0, NOW);

        Rejection r = rejection(verify(alice, bobsRecord));

        assertThat(r.reason()).isEqualTo(RejectReason.IDENTITY_MISMATCH);
        assertThat(r.sender()).isEqualTo(alice.nodeId());
        assertThat(r.detail()).contains("signed by node bob");
    }

    @Test
    void aRecordWhoseGsIsNotTheTopicNodeIsAnIdentityMismatchEvenWhenTheSignatureHolds() {
        byte[] raw = alice.sign(TestMeter.payload("bob", "SDM-A", 1, 1, 0, NOW, ClockStatus.S, "", "G"));

        Rejection r = rejection(verify(alice, raw));

        assertThat(r.reason()).isEqualTo(RejectReason.IDENTITY_MISMATCH);
        assertThat(r.detail()).contains("GS bob");
    }

    @Test
    void aRecordForAnotherMeterThanTheCertificateBindsIsAnIdentityMismatch() {
        byte[] raw = alice.sign(TestMeter.payload("alice", "SDM-B", 1, 1, 0, NOW, ClockStatus.S, "", "G"));

        Rejection r = rejection(verify(alice, raw));

        assertThat(r.reason()).isEqualTo(RejectReason.IDENTITY_MISMATCH);
        assertThat(r.detail()).contains("MS SDM-B");
    }

    @Test
    void truncatedJsonAndGarbageAreMalformed() {
        byte[] raw = alice.reading(1, 1, 0, NOW);
        byte[] truncated = java.util.Arrays.copyOf(raw, raw.length / 2);

        assertThat(rejection(verify(alice, truncated)).reason()).isEqualTo(RejectReason.MALFORMED);
        assertThat(rejection(verify(alice, "hello".getBytes(StandardCharsets.US_ASCII)))
                        .reason())
                .isEqualTo(RejectReason.MALFORMED);
        assertThat(rejection(verify(alice, new byte[0])).reason()).isEqualTo(RejectReason.MALFORMED);
        assertThat(rejection(verify(alice, null)).reason()).isEqualTo(RejectReason.MALFORMED);
    }

    @Test
    void aSignedPayloadThatIsNotValidOcmfIsMalformed() {
        byte[] payload = "{\"FV\":\"1.0\",\"GS\":\"alice\"}".getBytes(StandardCharsets.UTF_8);
        byte[] raw = OcmfCodec.assemble(
                payload, org.ebc.crypto.Signatures.sign(alice.issued.keys().getPrivate(), payload));

        assertThat(rejection(verify(alice, raw)).reason()).isEqualTo(RejectReason.MALFORMED);
    }

    @Test
    void anotherSignatureAlgorithmIsUnsupported() {
        String raw = new String(alice.reading(1, 1, 0, NOW), StandardCharsets.UTF_8)
                .replace("ECDSA-secp256r1-SHA256", "RSA-SHA1");

        assertThat(rejection(verify(alice, raw.getBytes(StandardCharsets.UTF_8)))
                        .reason())
                .isEqualTo(RejectReason.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void aRecordWithoutImportRegisterOrWithARegisterTwiceIsMalformed() {
        OcmfReading export =
                new OcmfReading(NOW, ClockStatus.S, "T", Energy.ofWh(5), Obis.EXPORT_ACTIVE_ENERGY, "", "G");
        OcmfReading imp = new OcmfReading(NOW, ClockStatus.S, "T", Energy.ofWh(5), Obis.IMPORT_ACTIVE_ENERGY, "", "G");

        Rejection none = rejection(verify(alice, alice.sign(withReadings(List.of(export)))));
        Rejection twice = rejection(verify(alice, alice.sign(withReadings(List.of(imp, imp)))));

        assertThat(none.reason()).isEqualTo(RejectReason.MALFORMED);
        assertThat(none.detail()).contains("no import register");
        assertThat(twice.reason()).isEqualTo(RejectReason.MALFORMED);
        assertThat(twice.detail()).contains("appears twice");
    }

    @Test
    void aSignedRecordContainingALineBreakIsMalformed() {
        byte[] payload = OcmfCodec.payloadBytes(alice.payload(1, 1, 0, NOW));
        String pretty = new String(payload, StandardCharsets.UTF_8).replace(",\"PG\"", ",\n\"PG\"");
        byte[] p = pretty.getBytes(StandardCharsets.UTF_8);
        byte[] raw = OcmfCodec.assemble(
                p, org.ebc.crypto.Signatures.sign(alice.issued.keys().getPrivate(), p));

        Rejection r = rejection(verify(alice, raw));

        assertThat(r.reason()).isEqualTo(RejectReason.MALFORMED);
        assertThat(r.detail()).contains("line break");
    }

    @Test
    void aSetClockTooFarInTheFutureIsRefusedButAnUnsetOneIsAcceptedAndFlagged() {
        Instant future = NOW.plus(Duration.ofMinutes(6));

        Rejection synced = rejection(verify(
                alice, alice.sign(TestMeter.payload("alice", "SDM-A", 1, 1, 0, future, ClockStatus.S, "", "G"))));
        Verdict unsynced =
                verify(alice, alice.sign(TestMeter.payload("alice", "SDM-A", 1, 1, 0, future, ClockStatus.U, "", "G")));
        Verdict slightlyAhead = verify(
                alice,
                alice.sign(TestMeter.payload(
                        "alice", "SDM-A", 1, 1, 0, NOW.plus(Duration.ofMinutes(4)), ClockStatus.S, "", "G")));

        assertThat(synced.reason()).isEqualTo(RejectReason.CLOCK_IN_FUTURE);
        assertThat(((Verdict.Accepted) unsynced).reading().flags()).isEqualTo(ReadingFlags.CLOCK_UNSYNCHRONISED);
        assertThat(((Verdict.Accepted) slightlyAhead).reading().flags()).isZero();
    }

    @Test
    void aMeterErrorOrABadStatusIsStoredButFlagged() {
        Verdict error =
                verify(alice, alice.sign(TestMeter.payload("alice", "SDM-A", 1, 1, 0, NOW, ClockStatus.R, "E", "G")));
        Verdict status =
                verify(alice, alice.sign(TestMeter.payload("alice", "SDM-A", 2, 1, 0, NOW, ClockStatus.S, "", "F")));

        assertThat(((Verdict.Accepted) error).reading().flags())
                .isEqualTo(ReadingFlags.METER_ERROR | ReadingFlags.CLOCK_RELATIVE);
        assertThat(((Verdict.Accepted) status).reading().flags()).isEqualTo(ReadingFlags.STATUS_NOT_GOOD);
        assertThat(ReadingFlags.describe(ReadingFlags.METER_ERROR | ReadingFlags.CLOCK_RELATIVE))
                .isEqualTo("clock-relative|meter-error");
    }

    @Test
    void aRecordSignedWithAKeyOtherThanTheBoundCertificatesIsABadSignature() {
        X509Certificate rebound = alice.issued.certificate();
        TestMeter impostor =
                new TestMeter("alice", "SDM-A", new TestAuthority.Issued(org.ebc.crypto.KeyPairs.generate(), rebound));

        assertThat(rejection(verify(alice, impostor.reading(1, 1, 0, NOW))).reason())
                .isEqualTo(RejectReason.BAD_SIGNATURE);
    }

    private OcmfPayload withReadings(List<OcmfReading> readings) {
        return new OcmfPayload(
                "1.0",
                "ebc meter-agent",
                "alice",
                "0.1.0",
                PageCounter.of(1),
                "Eastron",
                "SDM630",
                "SDM-A",
                "1.0",
                readings);
    }
}
