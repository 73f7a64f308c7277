package org.ebc.agent.reading;

import java.security.PrivateKey;
import java.time.Instant;
import java.util.List;
import org.ebc.agent.register.EnergyRegisters;
import org.ebc.ocmf.ClockStatus;
import org.ebc.ocmf.Obis;
import org.ebc.ocmf.OcmfCodec;
import org.ebc.ocmf.OcmfPayload;
import org.ebc.ocmf.OcmfReading;
import org.ebc.units.MeterSerial;
import org.ebc.units.NodeId;
import org.ebc.units.PageCounter;

/**
 * Signs one OCMF record (DESIGN §3) with the node key: {@code GS} = node id, {@code MS} = meter serial,
 * {@code PG} = page, and two readings, import ({@code 1-0:1.8.0}) and export ({@code 1-0:2.8.0}), in whole
 * Wh, with the time, clock letter, transaction letter, error flags and meter status.
 *
 * <p>Immutable; thread-safe.
 */
public final class RecordSigner {
    /** OCMF format version of the records we write. */
    public static final String FORMAT_VERSION = "1.0";

    public static final String SIGNER_NAME = "ebc meter-agent";

    private final NodeId node;
    private final MeterSerial meter;
    private final String meterModel;
    private final String agentVersion;
    private final PrivateKey key;

    public RecordSigner(NodeId node, MeterSerial meter, String meterModel, String agentVersion, PrivateKey key) {
        this.node = node;
        this.meter = meter;
        this.meterModel = meterModel;
        this.agentVersion = agentVersion;
        this.key = key;
    }

    /** What a record says about the meter: {@code G} with no flags, or a fault letter with {@code EF=E}. */
    public record MeterStatus(String status, String errorFlags) {
        public static final MeterStatus GOOD = new MeterStatus("G", "");

        public boolean isGood() {
            return "G".equals(status) && errorFlags.isEmpty();
        }
    }

    /** The exact bytes to store and publish. */
    public byte[] sign(
            PageCounter page,
            Instant at,
            ClockStatus clock,
            ReadingReason reason,
            EnergyRegisters registers,
            MeterStatus status) {
        List<OcmfReading> readings = List.of(
                new OcmfReading(
                        at,
                        clock,
                        reason.letter(),
                        registers.importEnergy(),
                        Obis.IMPORT_ACTIVE_ENERGY,
                        status.errorFlags(),
                        status.status()),
                new OcmfReading(
                        at,
                        clock,
                        reason.letter(),
                        registers.exportEnergy(),
                        Obis.EXPORT_ACTIVE_ENERGY,
                        status.errorFlags(),
                        status.status()));
        OcmfPayload payload = new OcmfPayload(
                FORMAT_VERSION,
                SIGNER_NAME,
                node.value(),
                agentVersion,
                page,
                "",
                meterModel,
                meter.value(),
                "",
                readings);
        return OcmfCodec.sign(payload, key);
    }
}
