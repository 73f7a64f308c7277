package org.ebc.hardware;

import org.ebc.units.MeterSerial;

/**
 * One physical (or simulated) electricity meter as the meter agent sees it.
 *
 * <p>Thread-safety: every implementation in this module allows {@link #read()} from any thread while the
 * driver's own threads (Pi4J event threads, a simulation thread) update it; {@link #close()} may be
 * called from any thread and is idempotent.
 */
public interface EnergyMeter extends AutoCloseable {

    /** The serial number of the meter (OCMF {@code MS}), as configured. */
    MeterSerial serial();

    /**
     * Reads the meter's registers now. Never throws for a device fault (timeout, bad frame, implausible
     * value, unplugged line): it returns {@link MeterRead.Failed} with the fault instead. It never returns a
     * value it has reason to doubt: a doubtful value is a {@code Failed}, not an {@code Ok}.
     */
    MeterRead read();

    /** Releases GPIO lines and serial ports and stops any simulation thread. Idempotent. */
    @Override
    void close();
}
