package org.ebc.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.KeyPairs;
import org.ebc.crypto.Sha256;
import org.ebc.json.SignedFrame;
import org.ebc.json.StrictJson;
import org.junit.jupiter.api.Test;

/**
 * The shortcuts block validation takes through the envelope code give the answers of the code they bypass: a
 * signature section as {@link EnvelopeCodec#assemble} writes it is read without the JSON parser, and bill ids
 * and digests are checked without regular expressions.
 */
class EnvelopeFastPathTest {
    private static final KeyPair KEYS = KeyPairs.generate();
    private static final List<byte[]> ENVELOPES = List.of(
            EnvelopeCodec.sign(payload(1), KEYS.getPrivate(), KeyId.of(KEYS.getPublic())),
            EnvelopeCodec.sign(payload(2), KEYS.getPrivate(), KeyId.of(KEYS.getPublic())),
            EnvelopeCodec.sign(payload(3), KEYS.getPrivate(), KeyId.of(KEYS.getPublic())));
    private static final String SECTION_BYTES = "{}\":,KIASD0123456789abcdefABCDEF| \\-ECDSAsecp256r1SHA";

    private static byte[] payload(long seq) {
        return StrictJson.write(g -> {
            g.writeStartObject();
            g.writeStringField("typ", "test");
            g.writeStringField("from", "node-1");
            g.writeNumberField("seq", seq);
            g.writeNumberField("ts", 1_700_000_000_000L + seq);
            g.writeEndObject();
        });
    }

    /** Envelopes as written, then with their signature sections changed in small ways. */
    @Provide
    Arbitrary<byte[]> envelopes() {
        return Arbitraries.longs().map(seed -> {
            Random r = new Random(seed);
            byte[] e = ENVELOPES.get(r.nextInt(ENVELOPES.size())).clone();
            int bar = lastBar(e);
            int changes = r.nextInt(4);
            for (int c = 0; c < changes; c++) {
                int section = e.length - bar - 1;
                if (section <= 0) {
                    break;
                }
                int at = bar + 1 + r.nextInt(section);
                switch (r.nextInt(4)) {
                    case 0 -> e[at] = (byte) SECTION_BYTES.charAt(r.nextInt(SECTION_BYTES.length()));
                    case 1 -> e[at] = (byte) r.nextInt(256);
                    case 2 -> { // drop a byte
                        byte[] shorter = new byte[e.length - 1];
                        System.arraycopy(e, 0, shorter, 0, at);
                        System.arraycopy(e, at + 1, shorter, at, e.length - at - 1);
                        e = shorter;
                    }
                    default -> { // insert a byte
                        byte[] longer = new byte[e.length + 1];
                        System.arraycopy(e, 0, longer, 0, at);
                        longer[at] = (byte) SECTION_BYTES.charAt(r.nextInt(SECTION_BYTES.length()));
                        System.arraycopy(e, at, longer, at + 1, e.length - at);
                        e = longer;
                    }
                }
                bar = Math.max(lastBar(e), 4);
            }
            if (r.nextInt(8) == 0) { // the payload no longer an object
                e[5] = '[';
            }
            return e;
        });
    }

    private static int lastBar(byte[] e) {
        for (int i = e.length - 1; i >= 0; i--) {
            if (e[i] == '|') {
                return i;
            }
        }
        return 4;
    }

    @Property(tries = 5000)
    void aSignatureSectionAsWrittenIsFramedAsTheParserFramesIt(@ForAll("envelopes") byte[] raw) {
        EnvelopeResult fast = EnvelopeCodec.frame(raw, 4096);
        EnvelopeResult parsed = EnvelopeCodec.frame(raw, 4096, false);

        String what = new String(raw, StandardCharsets.ISO_8859_1);
        assertThat(fast.reason()).as(what).isEqualTo(parsed.reason());
        assertThat(fast.detail()).as(what).isEqualTo(parsed.detail());
        if (fast.isOk()) {
            SignedEnvelope a = fast.envelope();
            SignedEnvelope b = parsed.envelope();
            assertThat(a.keyId()).isEqualTo(b.keyId());
            assertThat(a.signatureDer()).isEqualTo(b.signatureDer());
            assertThat(a.payloadBytes()).isEqualTo(b.payloadBytes());
            assertThat(a.raw()).isSameAs(b.raw());
        }
    }

    @Test
    void everyEnvelopeAsWrittenTakesTheShortcutAndVerifies() {
        for (byte[] e : ENVELOPES) {
            SignedFrame frame = SignedFrame.split(e, "EBC1|".getBytes(StandardCharsets.US_ASCII));
            assertThat(EnvelopeCodec.asWritten(e, frame)).isNotNull();
            assertThat(EnvelopeCodec.verify(e, id -> Optional.of(KEYS.getPublic()))
                            .isOk())
                    .isTrue();
        }
    }

    private static final Pattern REFERENCE_REGEX = Pattern.compile("[A-Za-z0-9._:/-]{1,64}");
    private static final Pattern DIGEST_REGEX = Pattern.compile("[0-9a-f]{64}");

    @Provide
    Arbitrary<String> ids() {
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(70),
                Arbitraries.strings().withChars("aZ09._:/-+ \\é,|").ofMaxLength(70),
                Arbitraries.strings().withCharRange(' ', '~').ofMinLength(60).ofMaxLength(68),
                Arbitraries.strings()
                        .withChars("0123456789abcdefABCDEFg")
                        .ofMinLength(62)
                        .ofMaxLength(66),
                Arbitraries.strings().withChars("0123456789abcdef").ofLength(64));
    }

    @Property(tries = 5000)
    void referencesAndDigestsAreJudgedAsTheRegularExpressionsJudgedThem(@ForAll("ids") String text) {
        assertThat(PayloadFields.isReference(text))
                .as(text)
                .isEqualTo(REFERENCE_REGEX.matcher(text).matches());
        assertThat(PayloadFields.isHexDigest(text))
                .as(text)
                .isEqualTo(DIGEST_REGEX.matcher(text).matches());
        assertThat(KeyId.isValid(text))
                .as(text)
                .isEqualTo(Pattern.compile("[0-9a-f]{32}").matcher(text).matches());
        if (text.length() >= 32) {
            String id = text.substring(0, 32);
            assertThat(KeyId.isValid(id)).isEqualTo(Pattern.matches("[0-9a-f]{32}", id));
        }
        assertThat(PayloadFields.isReference(null)).isFalse();
        assertThat(PayloadFields.isHexDigest(null)).isFalse();
        assertThat(KeyId.isValid(null)).isFalse();
    }

    @Test
    void aKeyIdFromTheEncodedKeyIsTheKeysId() {
        for (int i = 0; i < 20; i++) {
            KeyPair k = KeyPairs.generate();
            byte[] spki = k.getPublic().getEncoded();
            assertThat(KeyId.ofSpki(spki)).isEqualTo(KeyId.of(k.getPublic()));
            assertThat(KeyId.of(k.getPublic()).hex()).isEqualTo(HexFormat.of().formatHex(Sha256.digest(spki), 0, 16));
        }
    }
}
