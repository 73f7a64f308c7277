package org.ebc.hardware;

import java.util.Objects;

/** The outcome of one {@link EnergyMeter#read()}: registers, or the reason there are none. */
public sealed interface MeterRead {

    /** The meter answered with values the driver trusts. */
    record Ok(MeterSnapshot snapshot) implements MeterRead {
        public Ok {
            Objects.requireNonNull(snapshot, "snapshot");
        }
    }

    /**
     * The meter could not be read, or what it said cannot be trusted.
     *
     * @param fault  what kind of failure, for counting and for the OCMF error flags
     * @param detail one line for the operator's log (device, address, what was expected)
     */
    record Failed(MeterFault fault, String detail) implements MeterRead {
        public Failed {
            Objects.requireNonNull(fault, "fault");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
