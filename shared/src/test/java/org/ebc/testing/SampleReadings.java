package org.ebc.testing;

import java.time.Instant;
import java.util.List;
import org.ebc.ocmf.ClockStatus;
import org.ebc.ocmf.Obis;
import org.ebc.ocmf.OcmfPayload;
import org.ebc.ocmf.OcmfReading;
import org.ebc.units.Energy;
import org.ebc.units.PageCounter;

/** Realistic OCMF payloads for tests and benchmarks: an Eastron meter with an import and an export register. */
public final class SampleReadings {
    /** The reading time every sample uses unless told otherwise (millisecond precision, as OCMF writes it). */
    public static final Instant TIME = Instant.parse("2026-11-21T08:00:00.123Z");

    private SampleReadings() {}

    /** Node {@code node-1}, meter {@code SDM630-0001}, page {@code page}, both registers at {@link #TIME}. */
    public static OcmfPayload payload(long page, long importWh, long exportWh) {
        return payload("node-1", "SDM630-0001", page, importWh, exportWh, TIME);
    }

    public static OcmfPayload payload(
            String nodeId, String meterSerial, long page, long importWh, long exportWh, Instant time) {
        return new OcmfPayload(
                "1.0",
                "ebc meter-agent",
                nodeId,
                "0.1.0",
                PageCounter.of(page),
                "Eastron",
                "SDM630",
                meterSerial,
                "1.0",
                List.of(
                        new OcmfReading(
                                time, ClockStatus.S, "T", Energy.ofWh(importWh), Obis.IMPORT_ACTIVE_ENERGY, "", "G"),
                        new OcmfReading(
                                time, ClockStatus.S, "T", Energy.ofWh(exportWh), Obis.EXPORT_ACTIVE_ENERGY, "", "G")));
    }
}
