package org.ebc.ocmf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.ebc.crypto.KeyPairs;
import org.ebc.testing.GoldenVectors;
import org.ebc.units.Energy;
import org.ebc.units.PageCounter;
import org.junit.jupiter.api.Test;

/**
 * Committed OCMF records with known bytes, key and signature. If one of these tests fails, the wire format
 * changed: every record already stored by a gateway would stop verifying. Fix the code, not the vector.
 */
class OcmfGoldenVectorTest {
    private static final Instant TIME = Instant.parse("2026-11-21T08:15:00.250Z");

    /** What ocmf-record.txt was made from (see golden/README.md). */
    private static final OcmfPayload GOLDEN = new OcmfPayload(
            "1.0",
            "ebc meter-agent",
            "node-17",
            "0.1.0",
            PageCounter.of(42),
            "Eastron",
            "SDM630",
            "SDM630-0017",
            "1.0",
            List.of(
                    new OcmfReading(
                            TIME, ClockStatus.S, "T", Energy.ofWh(1_234_567), Obis.IMPORT_ACTIVE_ENERGY, "", "G"),
                    new OcmfReading(
                            TIME, ClockStatus.S, "T", Energy.ofWh(89_012), Obis.EXPORT_ACTIVE_ENERGY, "", "G")));

    private final byte[] record = GoldenVectors.bytes("ocmf-record.txt");
    private final PublicKey meterKey = GoldenVectors.publicKey("ocmf-signer-public-key.pem");

    @Test
    void theGoldenRecordStillVerifiesAndParsesToItsExactFieldValues() {
        OcmfResult r = OcmfVerifier.verifyThenParse(record, meterKey);

        assertThat(r.reason()).isEqualTo(OcmfReason.OK);
        OcmfPayload p = r.record().payload();
        assertThat(p.formatVersion()).isEqualTo("1.0");
        assertThat(p.gatewayIdentification()).isEqualTo("ebc meter-agent");
        assertThat(p.gatewaySerial()).isEqualTo("node-17");
        assertThat(p.gatewayVersion()).isEqualTo("0.1.0");
        assertThat(p.page()).isEqualTo(PageCounter.of(42));
        assertThat(p.meterVendor()).isEqualTo("Eastron");
        assertThat(p.meterModel()).isEqualTo("SDM630");
        assertThat(p.meterSerial()).isEqualTo("SDM630-0017");
        assertThat(p.meterFirmware()).isEqualTo("1.0");
        assertThat(p.importRegister()).contains(Energy.ofWh(1_234_567));
        assertThat(p.exportRegister()).contains(Energy.ofWh(89_012));
        assertThat(p.readings()).extracting(OcmfReading::time).containsOnly(TIME);
        assertThat(p.readings()).extracting(OcmfReading::clock).containsOnly(ClockStatus.S);
        assertThat(p.readings()).allMatch(OcmfReading::isGood);
        assertThat(p).isEqualTo(GOLDEN);
        assertThat(r.record().raw()).isSameAs(record);
    }

    @Test
    void todaysEncoderWritesTheGoldenPayloadByteForByte() {
        OcmfRecord golden = OcmfCodec.frame(record).record();

        assertThat(new String(OcmfCodec.payloadBytes(GOLDEN), StandardCharsets.UTF_8))
                .isEqualTo(new String(golden.payloadBytes(), StandardCharsets.UTF_8));
        assertThat(OcmfCodec.payloadBytes(GOLDEN)).isEqualTo(golden.payloadBytes());
        assertThat(OcmfCodec.assemble(golden.payloadBytes(), golden.signatureDer()))
                .isEqualTo(record);
    }

    @Test
    void theGoldenRecordIsABadSignatureUnderAnyOtherKey() {
        assertThat(OcmfVerifier.verifyThenParse(record, KeyPairs.generate().getPublic())
                        .reason())
                .isEqualTo(OcmfReason.BAD_SIGNATURE);
    }

    @Test
    void theGoldenRecordVerifiesWhenItsSignerIsLookedUpFromTheMeterSerial() {
        OcmfResult r = OcmfVerifier.parseThenVerify(
                record,
                p -> p.meterSerial().equals("SDM630-0017") && p.gatewaySerial().equals("node-17")
                        ? Optional.of(meterKey)
                        : Optional.empty());

        assertThat(r.reason()).isEqualTo(OcmfReason.OK);
        assertThat(r.record().payload()).isEqualTo(GOLDEN);
    }

    @Test
    void aRecordAnotherVendorFormattedWithSpacesAndKwhVerifiesOverItsExactBytes() {
        byte[] spaced = GoldenVectors.bytes("ocmf-record-kwh-spaced.txt");

        OcmfResult r = OcmfVerifier.verifyThenParse(spaced, meterKey);

        assertThat(r.reason()).isEqualTo(OcmfReason.OK);
        OcmfPayload p = r.record().payload();
        assertThat(p.gatewayIdentification()).isEqualTo("Other Vendor Gateway");
        assertThat(p.page()).isEqualTo(PageCounter.of(43));
        assertThat(p.meterModel()).isEmpty();
        assertThat(p.readings()).hasSize(1);
        assertThat(p.importRegister()).contains(Energy.ofWh(1_234_568));
        assertThat(p.exportRegister()).isEmpty();
        assertThat(p.readings().get(0).time()).isEqualTo(Instant.parse("2026-11-21T08:15:00Z"));
        // Our encoder would write these values differently; the signature covers the bytes as received.
        assertThat(OcmfCodec.payloadBytes(p)).isNotEqualTo(r.record().payloadBytes());
    }
}
