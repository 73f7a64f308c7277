package org.ebc.hardware.modbus;

/**
 * Where an Eastron SDM-class meter keeps the values this driver reads: input registers (function 0x04),
 * each value an IEEE-754 float32 in two registers, high word first. Addresses are the protocol addresses
 * (0-based), as in Eastron's "Modbus protocol" documents, not the 3xxxx register numbers (30001 = 0x0000).
 * The map only declares; {@link ModbusMeter} does the reading.
 *
 * @param model        name for config and logs
 * @param voltageL1    phase 1 line-to-neutral voltage, V (read for diagnostics, not on the metering path)
 * @param totalPower   active power of the whole meter, W; positive = import as the meter reports it
 * @param importEnergy total import active energy, kWh (OBIS 1.8.0)
 * @param exportEnergy total export active energy, kWh (OBIS 2.8.0)
 */
public record SdmRegisterMap(String model, int voltageL1, int totalPower, int importEnergy, int exportEnergy) {

    /** Eastron SDM630 (three-phase): 30001 V L1, 30053 total system power, 30073 import, 30075 export. */
    public static final SdmRegisterMap SDM630 = new SdmRegisterMap("sdm630", 0x0000, 0x0034, 0x0048, 0x004A);

    /**
     * Eastron SDM120 / SDM72-class single phase: it has no "total system power" register; its active power
     * (30013) is the total.
     */
    public static final SdmRegisterMap SDM120 = new SdmRegisterMap("sdm120", 0x0000, 0x000C, 0x0048, 0x004A);

    public SdmRegisterMap {
        if (exportEnergy != importEnergy + 2) {
            // the driver reads both energy registers in one request so that they come from one instant
            throw new IllegalArgumentException("import and export energy must be adjacent float32 registers");
        }
    }

    /** Registers in the request that reads both energy totals at once. */
    public int energyBlockRegisters() {
        return 4;
    }
}
