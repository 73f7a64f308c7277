package org.ebc.gateway.verify;

import java.time.Instant;
import java.util.Optional;
import org.ebc.units.Energy;
import org.ebc.units.MeterSerial;

/**
 * The sequence decision's port to what is already stored per meter (including what the current group
 * commit has written but not yet committed). Called only from the single thread that decides and
 * writes, so implementations need not be thread-safe.
 */
public interface MeterHistory {

    /**
     * The registers of one stored page and the time they were read. {@code exportRegister} is null when that
     * record had none.
     */
    record StoredRegisters(long page, Energy importRegister, Energy exportRegister, Instant readingTime) {}

    /** The exact bytes stored for {@code page}, or empty if that page is not stored. */
    Optional<byte[]> storedBytes(MeterSerial meter, long page);

    /** The highest stored page of the meter, or empty for a meter never seen. */
    Optional<StoredRegisters> highest(MeterSerial meter);

    /** The highest stored page below {@code page}. */
    Optional<StoredRegisters> nearestBelow(MeterSerial meter, long page);

    /** The lowest stored page above {@code page}. */
    Optional<StoredRegisters> nearestAbove(MeterSerial meter, long page);
}
