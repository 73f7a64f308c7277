package org.ebc.ocmf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.ebc.crypto.KeyPairs;
import org.ebc.units.Energy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Correctly signed payloads with one hostile field each: the signature is fine, so the payload parser is the
 * last line of defence. Each one must come back as MALFORMED_PAYLOAD, quickly, from both verification orders.
 */
class OcmfHostilePayloadTest {
    private static final KeyPair METER = KeyPairs.generate();
    private static final String READING =
            "{\"TM\":\"2026-11-21T08:00:00,123+0000 S\",\"TX\":\"T\",\"RV\":12345,\"RI\":\"1-0:1.8.0\",\"RU\":\"Wh\",\"EF\":\"\",\"ST\":\"G\"}";

    /** A minimal valid payload with {@code reading} as its only RD entry and {@code top} spliced in before RD. */
    static String payload(String top, String reading) {
        return "{\"FV\":\"1.0\",\"GS\":\"node-1\",\"PG\":\"T7\",\"MS\":\"SDM630-0001\"" + top + ",\"RD\":[" + reading
                + "]}";
    }

    static String reading(String field, String json) {
        return READING.replaceFirst("\"" + field + "\":(\"[^\"]*\"|[0-9]+)", "\"" + field + "\":" + json);
    }

    static Stream<Arguments> hostilePayloads() {
        return Stream.of(
                Arguments.of("RV as a fraction of a Wh", payload("", reading("RV", "12.5"))),
                Arguments.of("RV negative", payload("", reading("RV", "-1"))),
                Arguments.of("RV beyond a long", payload("", reading("RV", "9223372036854775808"))),
                Arguments.of(
                        "RV with a 40-digit mantissa",
                        payload("", reading("RV", "1234567890123456789012345678901234567890"))),
                Arguments.of("RV as 1e99999999 (a CPU bomb if expanded)", payload("", reading("RV", "1e99999999"))),
                Arguments.of(
                        "RV as 1E2147483647 kWh (scale overflow)",
                        payload("", reading("RV", "1E2147483647").replace("\"Wh\"", "\"kWh\""))),
                Arguments.of(
                        "RV with four decimals in kWh",
                        payload("", reading("RV", "12.3456").replace("\"Wh\"", "\"kWh\""))),
                Arguments.of("RV as a string", payload("", reading("RV", "\"12345\""))),
                Arguments.of("RV as null", payload("", reading("RV", "null"))),
                Arguments.of("RV as NaN", payload("", reading("RV", "NaN"))),
                Arguments.of("RV in an unknown unit", payload("", reading("RU", "\"MWh\""))),
                Arguments.of("RV missing its unit", payload("", READING.replace(",\"RU\":\"Wh\"", ""))),
                Arguments.of("two RV keys", payload("", READING.replace("\"RV\":12345", "\"RV\":12345,\"RV\":99999"))),
                Arguments.of("two PG keys", payload(",\"PG\":\"T8\"", READING)),
                Arguments.of("TM on 30 February", payload("", reading("TM", "\"2026-02-30T08:00:00,123+0000 S\""))),
                Arguments.of("TM at hour 24", payload("", reading("TM", "\"2026-11-21T24:00:00,123+0000 S\""))),
                Arguments.of(
                        "TM with a dot for the decimal comma",
                        payload("", reading("TM", "\"2026-11-21T08:00:00.123+0000 S\""))),
                Arguments.of(
                        "TM with an unknown clock letter",
                        payload("", reading("TM", "\"2026-11-21T08:00:00,123+0000 X\""))),
                Arguments.of(
                        "TM without a clock letter", payload("", reading("TM", "\"2026-11-21T08:00:00,123+0000\""))),
                Arguments.of(
                        "TM with an offset of 25 hours",
                        payload("", reading("TM", "\"2026-11-21T08:00:00,123+2500 S\""))),
                Arguments.of("TM as a number", payload("", reading("TM", "1795766400123"))),
                Arguments.of("TX of two letters", payload("", reading("TX", "\"TT\""))),
                Arguments.of("ST missing", payload("", READING.replace(",\"ST\":\"G\"", ""))),
                Arguments.of("EF as a number", payload("", reading("EF", "0"))),
                Arguments.of("PG T0", payload("", READING).replace("\"T7\"", "\"T0\"")),
                Arguments.of("PG with a leading zero", payload("", READING).replace("\"T7\"", "\"T07\"")),
                Arguments.of("PG beyond a long", payload("", READING).replace("\"T7\"", "\"T9223372036854775808\"")),
                Arguments.of("PG as a number", payload("", READING).replace("\"T7\"", "7")),
                Arguments.of("GS with a topic separator", payload("", READING).replace("\"node-1\"", "\"node/1\"")),
                Arguments.of("MS with an MQTT wildcard", payload("", READING).replace("\"SDM630-0001\"", "\"SDM#1\"")),
                Arguments.of("FV missing", payload("", READING).replace("\"FV\":\"1.0\",", "")),
                Arguments.of("RD empty", payload("", "")),
                Arguments.of(
                        "RD with 17 readings",
                        payload("", String.join(",", java.util.Collections.nCopies(17, READING)))),
                Arguments.of("RD entry not an object", payload("", "[1]")),
                Arguments.of("RD nested 50 deep", payload("", "[".repeat(50) + "]".repeat(50))),
                Arguments.of("a field nested 50 deep", payload(",\"XX\":" + "[".repeat(50) + "]".repeat(50), READING)),
                Arguments.of(
                        "a string of 20000 characters", payload(",\"GI\":\"" + "x".repeat(20_000) + "\"", READING)),
                Arguments.of("trailing content after the object", payload("", READING) + "{}"),
                Arguments.of("a comment", payload("", READING).replace("{\"FV\"", "{/* c */\"FV\"")),
                Arguments.of("single-quoted keys", payload("", READING).replace("\"FV\"", "'FV'")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostilePayloads")
    void aSignedPayloadWithAHostileFieldIsMalformedInBothVerificationOrders(String what, String payload) {
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        byte[] record = OcmfCodec.assemble(bytes, org.ebc.crypto.Signatures.sign(METER.getPrivate(), bytes));

        OcmfResult verified = assertTimeoutPreemptively(
                Duration.ofSeconds(5), () -> OcmfVerifier.verifyThenParse(record, METER.getPublic()));
        OcmfResult decoded = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> OcmfCodec.decode(record));

        assertThat(verified.reason()).as(what).isIn(OcmfReason.MALFORMED_PAYLOAD, OcmfReason.TOO_LARGE);
        assertThat(decoded.reason()).isEqualTo(verified.reason());
        assertThat(verified.record()).isNull();
        assertThat(verified.detail()).isNotBlank();
    }

    @Test
    void invalidUtf8InsideAStringIsMalformed() {
        byte[] bytes = payload(",\"GI\":\"ab\u00ffcd\"", READING).getBytes(StandardCharsets.ISO_8859_1);
        byte[] record = OcmfCodec.assemble(bytes, org.ebc.crypto.Signatures.sign(METER.getPrivate(), bytes));

        assertThat(OcmfVerifier.verifyThenParse(record, METER.getPublic()).reason())
                .isEqualTo(OcmfReason.MALFORMED_PAYLOAD);
    }

    @Test
    void theMinimalPayloadTheseCasesStartFromIsAccepted() {
        byte[] bytes = payload("", READING).getBytes(StandardCharsets.UTF_8);
        byte[] record = OcmfCodec.assemble(bytes, org.ebc.crypto.Signatures.sign(METER.getPrivate(), bytes));

        OcmfResult r = OcmfVerifier.verifyThenParse(record, METER.getPublic());

        assertThat(r.reason()).isEqualTo(OcmfReason.OK);
        assertThat(r.record().payload().importRegister()).contains(Energy.ofWh(12_345));
        assertThat(r.record().payload().readings().get(0).time()).isEqualTo(Instant.parse("2026-11-21T08:00:00.123Z"));
    }

    @Test
    void aRegisterInKwhWithThreeDecimalsIsConvertedToWhExactly() {
        byte[] bytes = payload("", reading("RV", "12.345").replace("\"Wh\"", "\"kWh\""))
                .getBytes(StandardCharsets.UTF_8);
        byte[] record = OcmfCodec.assemble(bytes, org.ebc.crypto.Signatures.sign(METER.getPrivate(), bytes));

        assertThat(OcmfVerifier.verifyThenParse(record, METER.getPublic())
                        .record()
                        .payload()
                        .importRegister())
                .contains(Energy.ofWh(12_345));
    }

    @Test
    void aRecordLargerThanTheLimitIsRefusedBeforeAnyParsing() {
        byte[] huge = ("OCMF|" + payload(",\"GI\":\"" + "x".repeat(OcmfCodec.MAX_RECORD_BYTES) + "\"", READING) + "|{}")
                .getBytes(StandardCharsets.UTF_8);

        assertThat(OcmfVerifier.verifyThenParse(huge, METER.getPublic()).reason())
                .isEqualTo(OcmfReason.TOO_LARGE);
    }
}
