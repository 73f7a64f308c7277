package org.ebc.ocmf;

import java.util.List;
import java.util.Optional;
import org.ebc.units.Energy;
import org.ebc.units.PageCounter;

/**
 * The parsed payload section of an OCMF record (the fields ebc reads; others are kept in the raw bytes).
 *
 * @param formatVersion {@code FV}
 * @param gatewayIdentification {@code GI}: the software that signed ("ebc meter-agent")
 * @param gatewaySerial {@code GS}: the signing agent's node id
 * @param gatewayVersion {@code GV}
 * @param page {@code PG}: the page counter
 * @param meterVendor {@code MV}
 * @param meterModel {@code MM}
 * @param meterSerial {@code MS}: the physical meter's serial, bound to the node by its certificate
 * @param meterFirmware {@code MF}
 * @param readings {@code RD}, at least one
 */
public record OcmfPayload(
        String formatVersion,
        String gatewayIdentification,
        String gatewaySerial,
        String gatewayVersion,
        PageCounter page,
        String meterVendor,
        String meterModel,
        String meterSerial,
        String meterFirmware,
        List<OcmfReading> readings) {

    public OcmfPayload {
        readings = List.copyOf(readings);
    }

    /** The first reading of the given register, if present. */
    public Optional<OcmfReading> reading(String obis) {
        return readings.stream().filter(r -> r.obis().equals(obis)).findFirst();
    }

    public Optional<Energy> importRegister() {
        return reading(Obis.IMPORT_ACTIVE_ENERGY).map(OcmfReading::value);
    }

    public Optional<Energy> exportRegister() {
        return reading(Obis.EXPORT_ACTIVE_ENERGY).map(OcmfReading::value);
    }
}
