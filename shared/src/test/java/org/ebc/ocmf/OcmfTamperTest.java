package org.ebc.ocmf;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.ebc.crypto.KeyPairs;
import org.ebc.testing.SampleReadings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The tamper matrix: 200 signed records, every single byte of every record flipped with mask 0x01 (the
 * nearest neighbour: it turns '}' into '|', 'S' into 'R' and hex digits into other hex digits), and every
 * byte of every fourth record also with 0x80 (a byte that is no longer ASCII or valid UTF-8). Every flip must
 * be refused by {@link OcmfVerifier#verifyThenParse}, and for the right reason: about 100,000 signature
 * checks, some 10 s on two idle cores. (0x80 on all 200 records would nearly double that for little more
 * evidence: every payload flip takes the same path.)
 */
class OcmfTamperTest {
    private static final int RECORDS = 200;
    private static final int SECOND_MASK_EVERY = 4;

    /** Where in {@code OCMF|<payload>|<signature>} a flipped byte sits. */
    enum Region {
        PREFIX,
        PAYLOAD_BRACE,
        PAYLOAD,
        SEPARATOR,
        SIGNATURE_HEX,
        SIGNATURE_OTHER
    }

    private static final Map<Region, Map<OcmfReason, Integer>> counts = new EnumMap<>(Region.class);
    private static int flips;
    private static int hexToHexFlips;
    /** Records times masks: how often each position kind was flipped. */
    private static int maskedRecords;

    private static int[] masks(int record) {
        return record % SECOND_MASK_EVERY == 0 ? new int[] {0x01, 0x80} : new int[] {0x01};
    }

    private record Signed(byte[] raw, PublicKey signer) {}

    @BeforeAll
    static void flipEveryByteOfEveryRecord() {
        Random random = new Random(20261121);
        List<KeyPair> meters =
                IntStream.range(0, 4).mapToObj(i -> KeyPairs.generate()).toList();
        List<Signed> records = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            KeyPair meter = meters.get(i % meters.size());
            OcmfPayload p = SampleReadings.payload(
                    "node-" + i,
                    "SDM630-" + (1000 + i),
                    1 + random.nextInt(1_000_000),
                    random.nextLong(0, 10_000_000_000L),
                    random.nextLong(0, 1_000_000),
                    Instant.parse("2026-01-01T00:00:00Z")
                            .plus(Duration.ofMillis(random.nextLong(0, 365L * 24 * 3600 * 1000))));
            if (i % 3 == 0) {
                p = new OcmfPayload(
                        p.formatVersion(),
                        p.gatewayIdentification(),
                        p.gatewaySerial(),
                        p.gatewayVersion(),
                        p.page(),
                        p.meterVendor(),
                        p.meterModel(),
                        p.meterSerial(),
                        p.meterFirmware(),
                        p.readings().subList(0, 1));
            }
            byte[] raw = OcmfCodec.sign(p, meter.getPrivate());
            assertThat(OcmfVerifier.verifyThenParse(raw, meter.getPublic()).reason())
                    .as("the untampered record %d", i)
                    .isEqualTo(OcmfReason.OK);
            records.add(new Signed(raw, meter.getPublic()));
        }
        List<Map<Region, Map<OcmfReason, Integer>>> perRecord = IntStream.range(0, RECORDS)
                .parallel()
                .mapToObj(i -> flipAll(records.get(i), masks(i)))
                .toList();
        for (Map<Region, Map<OcmfReason, Integer>> m : perRecord) {
            m.forEach((region, byReason) -> byReason.forEach((reason, n) -> {
                counts.computeIfAbsent(region, r -> new EnumMap<>(OcmfReason.class))
                        .merge(reason, n, Integer::sum);
            }));
        }
        for (int r = 0; r < RECORDS; r++) {
            Signed s = records.get(r);
            flips += s.raw().length * masks(r).length;
            maskedRecords += masks(r).length;
            int sd = sdStart(s.raw());
            for (int i = sd; i < sd + sdLength(s.raw()); i++) {
                for (int mask : masks(r)) {
                    if (isUpperHex((byte) (s.raw()[i] ^ mask))) {
                        hexToHexFlips++;
                    }
                }
            }
        }
    }

    private static Map<Region, Map<OcmfReason, Integer>> flipAll(Signed s, int[] masks) {
        Map<Region, Map<OcmfReason, Integer>> out = new EnumMap<>(Region.class);
        byte[] raw = s.raw();
        int bar = lastBar(raw);
        int sd = sdStart(raw);
        int sdEnd = sd + sdLength(raw);
        for (int i = 0; i < raw.length; i++) {
            Region region = i < 5
                    ? Region.PREFIX
                    : i == 5 || i == bar - 1
                            ? Region.PAYLOAD_BRACE
                            : i < bar
                                    ? Region.PAYLOAD
                                    : i == bar
                                            ? Region.SEPARATOR
                                            : i >= sd && i < sdEnd ? Region.SIGNATURE_HEX : Region.SIGNATURE_OTHER;
            for (int mask : masks) {
                byte[] tampered = raw.clone();
                tampered[i] ^= (byte) mask;
                OcmfReason reason =
                        OcmfVerifier.verifyThenParse(tampered, s.signer()).reason();
                out.computeIfAbsent(region, r -> new EnumMap<>(OcmfReason.class))
                        .merge(reason, 1, Integer::sum);
            }
        }
        return out;
    }

    @Test
    void noSingleByteFlipOfAnyRecordIsAccepted() {
        int total = counts.values().stream()
                .flatMap(m -> m.values().stream())
                .mapToInt(Integer::intValue)
                .sum();

        assertThat(total).isEqualTo(flips).isGreaterThan(RECORDS * 400);
        assertThat(counts.values()).allSatisfy(byReason -> assertThat(byReason).doesNotContainKey(OcmfReason.OK));
    }

    @Test
    void everyFlipInsideThePayloadIsABadSignatureBecauseTheSignatureIsCheckedBeforeParsing() {
        assertThat(counts.get(Region.PAYLOAD)).containsOnlyKeys(OcmfReason.BAD_SIGNATURE);
    }

    @Test
    void aFlipOfThePayloadsOpeningOrClosingBraceIsAMalformedFrame() {
        assertThat(counts.get(Region.PAYLOAD_BRACE))
                .containsExactly(Map.entry(OcmfReason.MALFORMED_FRAME, maskedRecords * 2));
    }

    @Test
    void aFlipOfTheOcmfPrefixOrTheSeparatorIsAMalformedFrame() {
        assertThat(counts.get(Region.PREFIX)).containsExactly(Map.entry(OcmfReason.MALFORMED_FRAME, maskedRecords * 5));
        assertThat(counts.get(Region.SEPARATOR)).containsExactly(Map.entry(OcmfReason.MALFORMED_FRAME, maskedRecords));
    }

    @Test
    void aFlipTurningOneSignatureHexDigitIntoAnotherIsABadSignatureAndAnyOtherIsMalformed() {
        Map<OcmfReason, Integer> hex = counts.get(Region.SIGNATURE_HEX);

        assertThat(hex).containsOnlyKeys(OcmfReason.BAD_SIGNATURE, OcmfReason.MALFORMED_SIGNATURE);
        assertThat(hex.get(OcmfReason.BAD_SIGNATURE)).isEqualTo(hexToHexFlips);
    }

    @Test
    void everyOtherFlipInTheSignatureSectionIsAMalformedSignatureOrAnUnsupportedAlgorithm() {
        Map<OcmfReason, Integer> other = counts.get(Region.SIGNATURE_OTHER);

        assertThat(other.keySet()).isSubsetOf(Set.of(OcmfReason.MALFORMED_SIGNATURE, OcmfReason.UNSUPPORTED_ALGORITHM));
        assertThat(other.get(OcmfReason.UNSUPPORTED_ALGORITHM))
                .as("flips inside \"ECDSA-secp256r1-SHA256\"")
                .isPositive();
        assertThat(other.get(OcmfReason.MALFORMED_SIGNATURE))
                .as("flips of quotes, colons, braces and key names")
                .isPositive();
    }

    static int lastBar(byte[] raw) {
        for (int i = raw.length - 1; i >= 0; i--) {
            if (raw[i] == '|') {
                return i;
            }
        }
        throw new AssertionError("no separator");
    }

    /** Index of the first hex digit of the SD value. */
    static int sdStart(byte[] raw) {
        String text = new String(raw, java.nio.charset.StandardCharsets.US_ASCII);
        int at = text.lastIndexOf("\"SD\":\"");
        assertThat(at).isPositive();
        return at + 6;
    }

    static int sdLength(byte[] raw) {
        int start = sdStart(raw);
        int end = start;
        while (isUpperHex(raw[end])) {
            end++;
        }
        return end - start;
    }

    static boolean isUpperHex(byte b) {
        return (b >= '0' && b <= '9') || (b >= 'A' && b <= 'F');
    }
}
