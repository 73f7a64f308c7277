package org.ebc.ocmf;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.ebc.testing.TestAuthority;
import org.ebc.units.Energy;
import org.ebc.units.PageCounter;
import org.junit.jupiter.api.Test;

class OcmfRoundTripTest {
    private final TestAuthority authority = TestAuthority.create();
    private final TestAuthority.Issued node = authority.node("node-1", "SDM630-0001");

    static OcmfPayload payload(long page, long importWh, long exportWh) {
        Instant t = Instant.parse("2026-11-21T08:00:00.123Z");
        return new OcmfPayload(
                "1.0",
                "ebc meter-agent",
                "node-1",
                "0.1.0",
                PageCounter.of(page),
                "Eastron",
                "SDM630",
                "SDM630-0001",
                "1.0",
                List.of(
                        new OcmfReading(
                                t, ClockStatus.S, "T", Energy.ofWh(importWh), Obis.IMPORT_ACTIVE_ENERGY, "", "G"),
                        new OcmfReading(
                                t, ClockStatus.S, "T", Energy.ofWh(exportWh), Obis.EXPORT_ACTIVE_ENERGY, "", "G")));
    }

    @Test
    void aSignedRecordVerifiesAndParsesBackToTheSameValues() {
        byte[] raw = OcmfCodec.sign(payload(7, 12_345, 678), node.keys().getPrivate());

        OcmfResult r = OcmfVerifier.verifyThenParse(raw, node.keys().getPublic());

        assertThat(r.reason()).isEqualTo(OcmfReason.OK);
        assertThat(r.record().payload()).isEqualTo(payload(7, 12_345, 678));
        assertThat(r.record().raw()).isSameAs(raw);
    }

    @Test
    void aRecordSignedByAnotherKeyIsABadSignature() {
        byte[] raw = OcmfCodec.sign(
                payload(7, 1, 2), authority.node("node-2", "X").keys().getPrivate());

        assertThat(OcmfVerifier.verifyThenParse(raw, node.keys().getPublic()).reason())
                .isEqualTo(OcmfReason.BAD_SIGNATURE);
    }
}
