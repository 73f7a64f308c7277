package org.ebc.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.ebc.crypto.KeyId;
import org.ebc.crypto.KeyPairs;
import org.ebc.json.StrictJson;
import org.ebc.units.EagId;
import org.ebc.units.NodeId;
import org.ebc.wire.Ack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tamper matrix for signed envelopes (smaller than the OCMF one): 50 envelopes of two kinds, every byte
 * flipped with 0x01 and every byte of every fourth envelope also with 0x80; none may be accepted, each for
 * the right reason.
 */
class EnvelopeTamperTest {
    private static final int ENVELOPES = 50;

    enum Region {
        PREFIX,
        PAYLOAD_BRACE,
        PAYLOAD,
        SEPARATOR,
        KEY_ID_HEX,
        SIGNATURE_HEX,
        SIGNATURE_OTHER
    }

    private static final Map<Region, Map<EnvelopeReason, Integer>> counts = new EnumMap<>(Region.class);
    private static int flips;
    private static int maskedEnvelopes;
    private static final Map<KeyId, PublicKey> keys = new java.util.HashMap<>();

    private record Signed(byte[] raw, KeyId keyId) {}

    private static int[] masks(int envelope) {
        return envelope % 4 == 0 ? new int[] {0x01, 0x80} : new int[] {0x01};
    }

    @BeforeAll
    static void flipEveryByteOfEveryEnvelope() {
        Random random = new Random(1121);
        List<KeyPair> signers =
                IntStream.range(0, 3).mapToObj(i -> KeyPairs.generate()).toList();
        signers.forEach(k -> keys.put(KeyId.of(k.getPublic()), k.getPublic()));
        List<Signed> envelopes = new ArrayList<>();
        for (int i = 0; i < ENVELOPES; i++) {
            KeyPair signer = signers.get(i % signers.size());
            int n = i;
            byte[] payload = i % 2 == 0
                    ? new Ack(
                                    EagId.of("eag-" + (i % 3)),
                                    NodeId.of("node-" + i),
                                    i,
                                    1_795_766_400_000L + random.nextInt(1_000_000),
                                    List.of(new Ack.PageRange(1, 1 + random.nextInt(1000))),
                                    List.of())
                            .payloadBytes()
                    : StrictJson.write(g -> {
                        g.writeStartObject();
                        g.writeStringField("typ", "order");
                        g.writeStringField("from", "node-" + n);
                        g.writeNumberField("seq", n);
                        g.writeNumberField("ts", 1_795_766_400_000L + n);
                        g.writeNumberField("wh", 100L * n);
                        g.writeEndObject();
                    });
            byte[] raw = EnvelopeCodec.sign(payload, signer.getPrivate(), KeyId.of(signer.getPublic()));
            assertThat(EnvelopeCodec.verify(raw, EnvelopeTamperTest::lookup).reason())
                    .as("untampered envelope %d", i)
                    .isEqualTo(EnvelopeReason.OK);
            envelopes.add(new Signed(raw, KeyId.of(signer.getPublic())));
        }
        List<Map<Region, Map<EnvelopeReason, Integer>>> perEnvelope = IntStream.range(0, ENVELOPES)
                .parallel()
                .mapToObj(i -> flipAll(envelopes.get(i).raw(), masks(i)))
                .toList();
        for (Map<Region, Map<EnvelopeReason, Integer>> m : perEnvelope) {
            m.forEach((region, byReason) -> byReason.forEach(
                    (reason, n) -> counts.computeIfAbsent(region, r -> new EnumMap<>(EnvelopeReason.class))
                            .merge(reason, n, Integer::sum)));
        }
        for (int i = 0; i < ENVELOPES; i++) {
            flips += envelopes.get(i).raw().length * masks(i).length;
            maskedEnvelopes += masks(i).length;
        }
    }

    private static Optional<PublicKey> lookup(KeyId id) {
        return Optional.ofNullable(keys.get(id));
    }

    private static Map<Region, Map<EnvelopeReason, Integer>> flipAll(byte[] raw, int[] masks) {
        Map<Region, Map<EnvelopeReason, Integer>> out = new EnumMap<>(Region.class);
        String text = new String(raw, StandardCharsets.US_ASCII);
        int bar = text.lastIndexOf('|');
        int ki = text.lastIndexOf("\"KI\":\"") + 6;
        int sd = text.lastIndexOf("\"SD\":\"") + 6;
        int sdEnd = text.indexOf('"', sd);
        for (int i = 0; i < raw.length; i++) {
            Region region = i < 5
                    ? Region.PREFIX
                    : i == 5 || i == bar - 1
                            ? Region.PAYLOAD_BRACE
                            : i < bar
                                    ? Region.PAYLOAD
                                    : i == bar
                                            ? Region.SEPARATOR
                                            : i >= ki && i < ki + 32
                                                    ? Region.KEY_ID_HEX
                                                    : i >= sd && i < sdEnd
                                                            ? Region.SIGNATURE_HEX
                                                            : Region.SIGNATURE_OTHER;
            for (int mask : masks) {
                byte[] tampered = raw.clone();
                tampered[i] ^= (byte) mask;
                EnvelopeReason reason = EnvelopeCodec.verify(tampered, EnvelopeTamperTest::lookup)
                        .reason();
                out.computeIfAbsent(region, r -> new EnumMap<>(EnvelopeReason.class))
                        .merge(reason, 1, Integer::sum);
            }
        }
        return out;
    }

    @Test
    void noSingleByteFlipOfAnyEnvelopeIsAccepted() {
        int total = counts.values().stream()
                .flatMap(m -> m.values().stream())
                .mapToInt(Integer::intValue)
                .sum();

        assertThat(total).isEqualTo(flips).isGreaterThan(ENVELOPES * 250);
        assertThat(counts.values()).allSatisfy(byReason -> assertThat(byReason).doesNotContainKey(EnvelopeReason.OK));
    }

    @Test
    void everyFlipInsideThePayloadIsABadSignature() {
        assertThat(counts.get(Region.PAYLOAD)).containsOnlyKeys(EnvelopeReason.BAD_SIGNATURE);
    }

    @Test
    void aFlipOfThePrefixTheSeparatorOrThePayloadsBracesIsAMalformedFrame() {
        assertThat(counts.get(Region.PREFIX))
                .containsExactly(Map.entry(EnvelopeReason.MALFORMED_FRAME, maskedEnvelopes * 5));
        assertThat(counts.get(Region.SEPARATOR))
                .containsExactly(Map.entry(EnvelopeReason.MALFORMED_FRAME, maskedEnvelopes));
        assertThat(counts.get(Region.PAYLOAD_BRACE))
                .containsExactly(Map.entry(EnvelopeReason.MALFORMED_FRAME, maskedEnvelopes * 2));
    }

    @Test
    void aFlippedKeyIdNamesNoKnownKeyOrIsMalformed() {
        assertThat(counts.get(Region.KEY_ID_HEX))
                .containsOnlyKeys(EnvelopeReason.UNKNOWN_KEY, EnvelopeReason.MALFORMED_SIGNATURE);
        assertThat(counts.get(Region.KEY_ID_HEX).get(EnvelopeReason.UNKNOWN_KEY))
                .isPositive();
    }

    @Test
    void aFlipInTheSignatureSectionIsABadSignatureAMalformedSignatureOrAnUnsupportedAlgorithm() {
        assertThat(counts.get(Region.SIGNATURE_HEX))
                .containsOnlyKeys(EnvelopeReason.BAD_SIGNATURE, EnvelopeReason.MALFORMED_SIGNATURE);
        assertThat(counts.get(Region.SIGNATURE_OTHER).keySet())
                .isSubsetOf(Set.of(EnvelopeReason.MALFORMED_SIGNATURE, EnvelopeReason.UNSUPPORTED_ALGORITHM))
                .contains(EnvelopeReason.UNSUPPORTED_ALGORITHM, EnvelopeReason.MALFORMED_SIGNATURE);
    }
}
