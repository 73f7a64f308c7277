package org.ebc.ocmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ebc.testing.ByteMutations.concat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.ebc.crypto.KeyPairs;
import org.ebc.crypto.Signatures;
import org.ebc.testing.ByteMutations;
import org.ebc.units.Energy;
import org.ebc.units.PageCounter;

/**
 * The OCMF decoders against generated hostile input: random bytes, mutated and truncated valid records, and
 * correctly signed payloads built from hostile fragments (deep nesting, huge numbers, duplicate keys,
 * invalid UTF-8, wrong types, RV as float/negative/huge, bad TM). Over 10,000 inputs in all; no exception may
 * escape and only the declared reasons may come back.
 */
class OcmfDecoderFuzzTest {
    private static final KeyPair METER = KeyPairs.generate();
    private static final KeyPair STRANGER = KeyPairs.generate();
    private static final byte[] SOME_DER = Signatures.sign(STRANGER.getPrivate(), new byte[] {1});
    private static final Set<OcmfReason> DECODER_REASONS = EnumSet.of(
            OcmfReason.OK,
            OcmfReason.TOO_LARGE,
            OcmfReason.MALFORMED_FRAME,
            OcmfReason.MALFORMED_PAYLOAD,
            OcmfReason.MALFORMED_SIGNATURE,
            OcmfReason.UNSUPPORTED_ALGORITHM);
    private static final Set<OcmfReason> VERIFIER_REASONS = EnumSet.of(
            OcmfReason.OK,
            OcmfReason.TOO_LARGE,
            OcmfReason.MALFORMED_FRAME,
            OcmfReason.MALFORMED_PAYLOAD,
            OcmfReason.MALFORMED_SIGNATURE,
            OcmfReason.UNSUPPORTED_ALGORITHM,
            OcmfReason.BAD_SIGNATURE,
            OcmfReason.UNKNOWN_KEY);

    // ------------------------------------------------------------------ properties

    @Property(tries = 2500)
    void randomBytesComeBackAsADeclaredReason(@ForAll("hostileFrames") byte[] raw) {
        OcmfResult decoded = OcmfCodec.decode(raw);
        OcmfResult verified = OcmfVerifier.verifyThenParse(raw, METER.getPublic());
        OcmfResult thirdParty = OcmfVerifier.parseThenVerify(raw, p -> Optional.of(METER.getPublic()));

        assertDeclared(decoded, DECODER_REASONS);
        assertDeclared(verified, VERIFIER_REASONS);
        assertDeclared(thirdParty, VERIFIER_REASONS);
        assertThat(verified.reason()).isNotEqualTo(OcmfReason.OK);
    }

    @Property(tries = 2500)
    void aMutatedRecordIsRefusedUnlessItStillCarriesTheSignedPayloadUnchanged(
            @ForAll("signedPayloads") OcmfPayload payload, @ForAll("mutationSeeds") long seed) {
        byte[] original = OcmfCodec.sign(payload, METER.getPrivate());
        byte[] mutated = mutate(original, seed);

        OcmfResult verified = OcmfVerifier.verifyThenParse(mutated, METER.getPublic());
        OcmfResult decoded = OcmfCodec.decode(mutated);

        assertDeclared(verified, VERIFIER_REASONS);
        assertDeclared(decoded, DECODER_REASONS);
        Statistics.label("mutated record").collect(verified.reason());
        Statistics.label("mutated record").coverage(c -> {
            c.check(OcmfReason.BAD_SIGNATURE).percentage(p -> p > 15);
            c.check(OcmfReason.MALFORMED_SIGNATURE).percentage(p -> p > 5);
        });
        if (verified.isOk()) {
            assertThat(verified.record().payloadBytes()).isEqualTo(OcmfCodec.payloadBytes(payload));
            assertThat(verified.record().payload()).isEqualTo(payload);
        }
    }

    @Property(tries = 1500)
    void everyTruncationOfARecordIsRefused(
            @ForAll("signedPayloads") OcmfPayload payload, @ForAll("fractions") double cut) {
        byte[] record = OcmfCodec.sign(payload, METER.getPrivate());
        byte[] truncated = Arrays.copyOf(record, Math.min(record.length - 1, (int) (cut * record.length)));

        OcmfResult verified = OcmfVerifier.verifyThenParse(truncated, METER.getPublic());

        assertDeclared(verified, VERIFIER_REASONS);
        assertThat(verified.reason()).isNotEqualTo(OcmfReason.OK);
        assertDeclared(OcmfCodec.decode(truncated), DECODER_REASONS);
    }

    @Property(tries = 4000)
    void aCorrectlySignedHostilePayloadIsJudgedByItsContentAloneAndNeverThrows(
            @ForAll("hostilePayloads") byte[] payload) {
        byte[] signed = OcmfCodec.assemble(payload, Signatures.sign(METER.getPrivate(), payload));
        byte[] unsigned = OcmfCodec.assemble(payload, SOME_DER);

        OcmfResult verified = OcmfVerifier.verifyThenParse(signed, METER.getPublic());
        OcmfResult thirdParty = OcmfVerifier.parseThenVerify(signed, p -> Optional.of(METER.getPublic()));
        OcmfResult decoded = OcmfCodec.decode(unsigned);

        assertDeclared(
                verified,
                EnumSet.of(
                        OcmfReason.OK, OcmfReason.MALFORMED_PAYLOAD, OcmfReason.MALFORMED_FRAME, OcmfReason.TOO_LARGE));
        Statistics.label("hostile payload").collect(verified.reason());
        Statistics.label("hostile payload").coverage(c -> {
            // The generator must keep producing both: payloads that survive and payloads that are refused.
            c.check(OcmfReason.OK).percentage(p -> p > 2);
            c.check(OcmfReason.MALFORMED_PAYLOAD).percentage(p -> p > 50);
        });
        assertThat(thirdParty.reason()).isEqualTo(verified.reason());
        assertThat(decoded.reason()).isEqualTo(verified.reason());
        if (verified.isOk()) {
            OcmfPayload p = verified.record().payload();
            assertThat(p.readings()).isNotEmpty().hasSizeLessThanOrEqualTo(OcmfCodec.MAX_READINGS);
            assertThat(p.readings())
                    .allSatisfy(r -> assertThat(r.value().isNegative()).isFalse());
            assertThat(p.page().value()).isPositive();
        }
    }

    @Property(tries = 500)
    void everyPayloadOurEncoderWritesVerifiesAndParsesBackUnchanged(@ForAll("signedPayloads") OcmfPayload payload) {
        OcmfResult r = OcmfVerifier.verifyThenParse(OcmfCodec.sign(payload, METER.getPrivate()), METER.getPublic());

        assertThat(r.reason()).isEqualTo(OcmfReason.OK);
        assertThat(r.record().payload()).isEqualTo(payload);
    }

    private static void assertDeclared(OcmfResult r, Set<OcmfReason> allowed) {
        assertThat(r).isNotNull();
        assertThat(r.reason()).isIn(allowed);
        assertThat(r.detail()).isNotNull();
        if (r.isOk()) {
            assertThat(r.record()).isNotNull();
        } else {
            assertThat(r.record()).isNull();
        }
    }

    // ------------------------------------------------------------------ generators

    @Provide
    Arbitrary<byte[]> hostileFrames() {
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(1500);
        Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(300);
        return Arbitraries.oneOf(
                noise,
                Combinators.combine(noise, noise)
                        .as((a, b) -> concat("OCMF|".getBytes(StandardCharsets.US_ASCII), a, new byte[] {'|'}, b)),
                Combinators.combine(text, text)
                        .as((a, b) -> ("OCMF|{" + a + "}|{" + b + "}").getBytes(StandardCharsets.UTF_8)),
                text.map(a -> ("OCMF|{}|{\"SA\":\"ECDSA-secp256r1-SHA256\",\"SD\":\"" + a + "\"}")
                        .getBytes(StandardCharsets.UTF_8)),
                Arbitraries.integers()
                        .between(0, 12_000)
                        .map(n -> ("OCMF|{" + "\"a\":1,".repeat(n / 6) + "\"b\":2}|{}")
                                .getBytes(StandardCharsets.US_ASCII)));
    }

    @Provide
    Arbitrary<OcmfPayload> signedPayloads() {
        Arbitrary<String> ids = Arbitraries.strings()
                .withChars("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-")
                .ofMinLength(0)
                .ofMaxLength(63)
                .map(s -> "n" + s);
        Arbitrary<String> free = Arbitraries.strings().all().ofMaxLength(40);
        Arbitrary<OcmfReading> readings = Combinators.combine(
                        Arbitraries.longs()
                                .between(
                                        Instant.parse("2000-01-01T00:00:00Z").toEpochMilli(),
                                        Instant.parse("2099-12-31T23:59:59Z").toEpochMilli()),
                        Arbitraries.of(ClockStatus.class),
                        Arbitraries.of("T", "B", "E"),
                        Arbitraries.longs().between(0, Long.MAX_VALUE),
                        Arbitraries.of(Obis.IMPORT_ACTIVE_ENERGY, Obis.EXPORT_ACTIVE_ENERGY),
                        Arbitraries.of("", "E", "t"),
                        Arbitraries.of("G", "T", "E"))
                .as((ms, clock, tx, wh, obis, ef, st) ->
                        new OcmfReading(Instant.ofEpochMilli(ms), clock, tx, Energy.ofWh(wh), obis, ef, st));
        return Combinators.combine(
                        free,
                        ids,
                        free,
                        Arbitraries.longs().between(1, Long.MAX_VALUE),
                        free,
                        ids,
                        readings.list().ofMinSize(1).ofMaxSize(4))
                .as((gi, gs, gv, pg, mv, ms, rd) ->
                        new OcmfPayload("1.0", gi, gs, gv, PageCounter.of(pg), mv, "SDM630", ms, "1.0", rd));
    }

    @Provide
    Arbitrary<Long> mutationSeeds() {
        return Arbitraries.longs();
    }

    @Provide
    Arbitrary<Double> fractions() {
        return Arbitraries.doubles().between(0, 1).withSpecialValue(0.0).withSpecialValue(0.999_999);
    }

    /** 1–6 random edits: flip, overwrite, insert, delete, duplicate a slice, cut the tail. */
    static byte[] mutate(byte[] in, long seed) {
        return ByteMutations.mutate(in, seed, "{}[]\":,|\\ 0-9eE.tfn\u00ff");
    }

    /** See {@link HostileOcmfPayloads}: valid payloads with fields replaced, removed or duplicated, and damaged bytes. */
    @Provide
    Arbitrary<byte[]> hostilePayloads() {
        return Arbitraries.longs().map(HostileOcmfPayloads::payload);
    }
}
