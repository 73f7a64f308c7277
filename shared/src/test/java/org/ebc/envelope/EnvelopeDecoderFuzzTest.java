package org.ebc.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ebc.testing.ByteMutations.concat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.KeyPairs;
import org.ebc.crypto.Signatures;
import org.ebc.testing.ByteMutations;

/**
 * The envelope decoder against over 10,000 generated hostile inputs: random bytes, mutated and truncated
 * valid envelopes, and correctly signed payloads with hostile common fields. Nothing may throw; only the
 * declared reasons may come back; whatever is accepted carries exactly the bytes that were signed.
 */
class EnvelopeDecoderFuzzTest {
    private static final KeyPair SIGNER = KeyPairs.generate();
    private static final KeyId SIGNER_ID = KeyId.of(SIGNER.getPublic());
    private static final Set<EnvelopeReason> ALL = EnumSet.allOf(EnvelopeReason.class);
    private static final String[] ANY_VALUE = {
        "null",
        "true",
        "0",
        "-1",
        "1.5",
        "-0",
        "1e99999999",
        "1E2147483647",
        "9223372036854775807",
        "9223372036854775808",
        "12345678901234567890123456789012345678901",
        "\"\"",
        "\"x\"",
        "[]",
        "{}",
        "[[[[[[[[[[1]]]]]]]]]]",
        "\"\\uD800\"",
        "\"" + "z".repeat(70) + "\"",
        "NaN",
        "01",
        "1.0",
        "1e3"
    };

    private static Optional<PublicKey> keys(KeyId id) {
        return id.equals(SIGNER_ID) ? Optional.of(SIGNER.getPublic()) : Optional.empty();
    }

    @Property(tries = 3000)
    void randomBytesComeBackAsADeclaredReason(@ForAll("hostileFrames") byte[] raw) {
        EnvelopeResult r = EnvelopeCodec.verify(raw, EnvelopeDecoderFuzzTest::keys);

        assertDeclared(r);
        assertThat(r.reason()).isNotEqualTo(EnvelopeReason.OK);
    }

    @Property(tries = 3000)
    void aMutatedEnvelopeIsRefusedUnlessItStillCarriesTheSignedPayloadUnchanged(
            @ForAll("seeds") long payloadSeed, @ForAll("seeds") long mutationSeed) {
        byte[] payload = validPayload(payloadSeed);
        byte[] mutated = mutate(EnvelopeCodec.sign(payload, SIGNER.getPrivate(), SIGNER_ID), mutationSeed);

        EnvelopeResult r = EnvelopeCodec.verify(mutated, EnvelopeDecoderFuzzTest::keys);

        assertDeclared(r);
        Statistics.collect(r.reason());
        Statistics.coverage(c -> c.check(EnvelopeReason.BAD_SIGNATURE).percentage(p -> p > 3));
        if (r.isOk()) {
            assertThat(r.envelope().payloadBytes()).isEqualTo(payload);
        }
    }

    @Property(tries = 1000)
    void everyTruncationOfAnEnvelopeIsRefused(@ForAll("seeds") long payloadSeed, @ForAll("seeds") long cutSeed) {
        byte[] raw = EnvelopeCodec.sign(validPayload(payloadSeed), SIGNER.getPrivate(), SIGNER_ID);
        byte[] truncated = Arrays.copyOf(raw, new Random(cutSeed).nextInt(raw.length));

        EnvelopeResult r = EnvelopeCodec.verify(truncated, EnvelopeDecoderFuzzTest::keys);

        assertDeclared(r);
        assertThat(r.reason()).isNotEqualTo(EnvelopeReason.OK);
    }

    @Property(tries = 3500)
    void aCorrectlySignedHostilePayloadIsJudgedByItsContentAndNeverThrows(@ForAll("seeds") long seed) {
        byte[] payload = hostilePayload(seed);
        byte[] raw = EnvelopeCodec.assemble(payload, SIGNER_ID, Signatures.sign(SIGNER.getPrivate(), payload));

        EnvelopeResult r = EnvelopeCodec.verify(raw, EnvelopeDecoderFuzzTest::keys);

        assertDeclared(r);
        assertThat(r.reason())
                .isIn(EnvelopeReason.OK, EnvelopeReason.MALFORMED_PAYLOAD, EnvelopeReason.MALFORMED_FRAME);
        Statistics.collect(r.reason());
        Statistics.coverage(c -> {
            c.check(EnvelopeReason.OK).percentage(p -> p > 5);
            c.check(EnvelopeReason.MALFORMED_PAYLOAD).percentage(p -> p > 40);
        });
        if (r.isOk()) {
            SignedEnvelope e = r.envelope();
            assertThat(e.type()).isNotEmpty();
            assertThat(e.from()).isNotEmpty();
            assertThat(e.seq()).isNotNegative();
            assertThat(e.timestampMillis()).isNotNegative();
        }
    }

    private static void assertDeclared(EnvelopeResult r) {
        assertThat(r.reason()).isIn(ALL);
        assertThat(r.detail()).isNotNull();
        assertThat(r.envelope() != null).isEqualTo(r.isOk());
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Provide
    Arbitrary<byte[]> hostileFrames() {
        Arbitrary<byte[]> noise = Arbitraries.bytes().array(byte[].class).ofMaxSize(1000);
        Arbitrary<String> text = Arbitraries.strings().all().ofMaxLength(200);
        return Arbitraries.oneOf(
                noise,
                Combinators.combine(noise, noise)
                        .as((a, b) -> concat("EBC1|".getBytes(StandardCharsets.US_ASCII), a, new byte[] {'|'}, b)),
                Combinators.combine(text, text)
                        .as((a, b) -> ("EBC1|{" + a + "}|{" + b + "}").getBytes(StandardCharsets.UTF_8)),
                text.map(a -> ("EBC1|{}|{\"KI\":\"" + SIGNER_ID + "\",\"SA\":\"ECDSA-secp256r1-SHA256\",\"SD\":\"" + a
                                + "\"}")
                        .getBytes(StandardCharsets.UTF_8)),
                text.map(a -> ("EBC1|{}|{\"KI\":" + a
                                + ",\"SA\":\"ECDSA-secp256r1-SHA256\",\"SD\":\"3006020101020101\"}")
                        .getBytes(StandardCharsets.UTF_8)));
    }

    static byte[] validPayload(long seed) {
        Random r = new Random(seed);
        return ("{\"typ\":\"order\",\"from\":\"node-" + r.nextInt(1000) + "\",\"seq\":" + r.nextInt(Integer.MAX_VALUE)
                        + ",\"ts\":" + (1_795_766_400_000L + r.nextInt(1_000_000)) + ",\"wh\":" + r.nextInt(100_000)
                        + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A valid payload with, on average, one common field replaced, removed or duplicated, and sometimes damaged bytes. */
    static byte[] hostilePayload(long seed) {
        Random r = new Random(seed);
        String[][] fields = {
            {"typ", "\"order\""}, {"from", "\"node-1\""}, {"seq", "12"}, {"ts", "1795766400123"}, {"wh", "2500"}
        };
        StringBuilder sb = new StringBuilder("{");
        int damaged = r.nextInt(4) == 0 ? -1 : r.nextInt(fields.length);
        for (int i = 0; i < fields.length; i++) {
            String value = fields[i][1];
            if (i == damaged) {
                int how = r.nextInt(5);
                if (how == 0) {
                    continue; // removed
                }
                if (how == 1) {
                    sb.append(sb.length() > 1 ? "," : "")
                            .append('"')
                            .append(fields[i][0])
                            .append("\":")
                            .append(value); // duplicated
                } else {
                    value = ANY_VALUE[r.nextInt(ANY_VALUE.length)];
                }
            }
            sb.append(sb.length() > 1 ? "," : "")
                    .append('"')
                    .append(fields[i][0])
                    .append("\":")
                    .append(value);
        }
        if (r.nextInt(15) == 0) {
            int depth = 5 + r.nextInt(40);
            sb.append(",\"x\":").append("[".repeat(depth)).append("]".repeat(depth));
        }
        byte[] b = sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
        int at = r.nextInt(b.length);
        return switch (r.nextInt(12)) {
            case 0 -> concat(Arrays.copyOf(b, at), new byte[] {(byte) 0xC3}, Arrays.copyOfRange(b, at, b.length));
            case 1 ->
                concat(
                        Arrays.copyOf(b, at),
                        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                        Arrays.copyOfRange(b, at, b.length));
            case 2 -> Arrays.copyOf(b, at);
            default -> b;
        };
    }

    /** 1–6 random edits: flip a bit, overwrite with a JSON-significant byte, insert, delete, duplicate a slice, cut the tail. */
    static byte[] mutate(byte[] in, long seed) {
        return ByteMutations.mutate(in, seed, "{}[]\":,|\\ 0123456789abcdefABCDEF.eE-");
    }
}
