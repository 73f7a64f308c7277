package org.ebc.hardware;

/** What the energy registers of a {@link MeterSnapshot} count from. */
public enum RegisterBase {
    /**
     * Counted by this driver since it started (S0 pulse meters have no register of their own): the
     * registers start at 0 Wh each time the driver is opened. The agent adds them to its persisted
     * registers.
     */
    SINCE_DRIVER_START,
    /** The meter's own cumulative registers (Modbus): absolute, survive restarts of the agent. */
    METER_ABSOLUTE
}
