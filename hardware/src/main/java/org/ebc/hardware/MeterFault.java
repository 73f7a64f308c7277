package org.ebc.hardware;

/** Why a {@link MeterRead} failed. */
public enum MeterFault {
    /** The device did not answer (no byte) within the configured timeout, after all retries. */
    TIMEOUT,
    /** A frame arrived whose checksum does not match its contents. */
    CRC_ERROR,
    /** The device answered with a Modbus exception (illegal address, busy, …). */
    EXCEPTION_RESPONSE,
    /** A frame arrived but is too short, addressed to another unit, or has an unexpected shape. */
    MALFORMED_FRAME,
    /**
     * The values arrived intact but cannot be right: a register that went backwards, NaN or a negative
     * energy, or S0 pulses faster than the configured plausibility limit.
     */
    IMPLAUSIBLE,
    /** The line or device is gone (serial port error, driver closed). */
    DISCONNECTED
}
