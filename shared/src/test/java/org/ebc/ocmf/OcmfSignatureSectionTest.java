package org.ebc.ocmf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import org.ebc.crypto.Hex;
import org.ebc.crypto.KeyPairs;
import org.ebc.crypto.Signatures;
import org.ebc.testing.SampleReadings;
import org.junit.jupiter.api.Test;

/** The unsigned signature section is read strictly: only what OCMF defines, with the values we speak. */
class OcmfSignatureSectionTest {
    private static final KeyPair METER = KeyPairs.generate();
    private static final byte[] PAYLOAD = OcmfCodec.payloadBytes(SampleReadings.payload(3, 100, 0));
    private static final String SD = Hex.upper(Signatures.sign(METER.getPrivate(), PAYLOAD));

    private static OcmfReason withSignatureSection(String section) {
        byte[] raw = ("OCMF|" + new String(PAYLOAD, StandardCharsets.UTF_8) + "|" + section)
                .getBytes(StandardCharsets.UTF_8);
        return OcmfVerifier.verifyThenParse(raw, METER.getPublic()).reason();
    }

    @Test
    void theSectionOurEncoderWritesIsAccepted() {
        assertThat(withSignatureSection("{\"SA\":\"ECDSA-secp256r1-SHA256\",\"SD\":\"" + SD + "\"}"))
                .isEqualTo(OcmfReason.OK);
    }

    @Test
    void encodingAndMimeTypeMayBeSpelledOutWithTheOnlyValuesWeSpeak() {
        assertThat(withSignatureSection(
                        "{\"SA\":\"ECDSA-secp256r1-SHA256\",\"SE\":\"hex\",\"SM\":\"application/x-der\",\"SD\":\"" + SD
                                + "\"}"))
                .isEqualTo(OcmfReason.OK);
        assertThat(withSignatureSection("{\"SA\":\"ECDSA-secp256r1-SHA256\",\"SE\":\"base64\",\"SD\":\"" + SD + "\"}"))
                .isEqualTo(OcmfReason.UNSUPPORTED_ALGORITHM);
        assertThat(withSignatureSection(
                        "{\"SA\":\"ECDSA-secp256r1-SHA256\",\"SM\":\"application/x-plain\",\"SD\":\"" + SD + "\"}"))
                .isEqualTo(OcmfReason.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void aMissingOrOtherAlgorithmIsUnsupported() {
        assertThat(withSignatureSection("{\"SD\":\"" + SD + "\"}"))
                .as("OCMF's default for a missing SA is not P-256")
                .isEqualTo(OcmfReason.UNSUPPORTED_ALGORITHM);
        assertThat(withSignatureSection("{\"SA\":\"ECDSA-secp192k1-SHA256\",\"SD\":\"" + SD + "\"}"))
                .isEqualTo(OcmfReason.UNSUPPORTED_ALGORITHM);
        assertThat(withSignatureSection("{\"SA\":1,\"SD\":\"" + SD + "\"}"))
                .isEqualTo(OcmfReason.UNSUPPORTED_ALGORITHM);
    }

    @Test
    void aFieldOcmfDoesNotDefineForTheSectionIsMalformed() {
        assertThat(withSignatureSection("{\"SA\":\"ECDSA-secp256r1-SHA256\",\"SD\":\"" + SD + "\",\"X\":1}"))
                .isEqualTo(OcmfReason.MALFORMED_SIGNATURE);
        assertThat(withSignatureSection(
                        "{\"RA\":\"ECDSA-secp256r1-SHA256\",\"SA\":\"ECDSA-secp256r1-SHA256\",\"SD\":\"" + SD + "\"}"))
                .isEqualTo(OcmfReason.MALFORMED_SIGNATURE);
    }

    @Test
    void signatureDataMustBeUppercaseHexOfAPlausibleDerLength() {
        assertThat(withSignatureSection(
                        "{\"SA\":\"ECDSA-secp256r1-SHA256\",\"SD\":\"" + SD.toLowerCase(java.util.Locale.ROOT) + "\"}"))
                .isEqualTo(OcmfReason.MALFORMED_SIGNATURE);
        assertThat(withSignatureSection("{\"SA\":\"ECDSA-secp256r1-SHA256\",\"SD\":\"" + SD.substring(1) + "\"}"))
                .isEqualTo(OcmfReason.MALFORMED_SIGNATURE);
        assertThat(withSignatureSection("{\"SA\":\"ECDSA-secp256r1-SHA256\",\"SD\":\"30060201\"}"))
                .isEqualTo(OcmfReason.MALFORMED_SIGNATURE);
        assertThat(withSignatureSection("{\"SA\":\"ECDSA-secp256r1-SHA256\"}"))
                .isEqualTo(OcmfReason.MALFORMED_SIGNATURE);
        assertThat(withSignatureSection(
                        "{\"SA\":\"ECDSA-secp256r1-SHA256\",\"SD\":\"" + SD + "\",\"SD\":\"" + SD + "\"}"))
                .as("a duplicate SD")
                .isEqualTo(OcmfReason.MALFORMED_SIGNATURE);
    }

    @Test
    void aSectionDamagedIntoAnExtraSeparatorIsASignatureProblemNotAFrameProblem() {
        String ours = "{\"SA\":\"ECDSA-secp256r1-SHA256\",\"SD\":\"" + SD + "\"}";

        assertThat(withSignatureSection(ours.substring(0, ours.length() - 1) + "|"))
                .isEqualTo(OcmfReason.MALFORMED_SIGNATURE);
        assertThat(withSignatureSection("")).isEqualTo(OcmfReason.MALFORMED_SIGNATURE);
    }
}
