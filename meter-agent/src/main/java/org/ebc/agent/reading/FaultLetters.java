package org.ebc.agent.reading;

import org.ebc.agent.reading.RecordSigner.MeterStatus;
import org.ebc.hardware.MeterFault;

/**
 * OCMF meter-status letters ({@code ST}) for meter faults. Every fault record also carries {@code EF=E}
 * (energy not trustworthy) and repeats the last good registers, so a fault never moves a register.
 */
public final class FaultLetters {
    private FaultLetters() {}

    /** The status a failed read is signed with. */
    public static MeterStatus of(MeterFault fault) {
        String letter = switch (fault) {
            case TIMEOUT -> "T"; // OCMF: timeout
            case DISCONNECTED -> "D"; // disconnected
            case IMPLAUSIBLE -> "O"; // out of range
            case CRC_ERROR, MALFORMED_FRAME, EXCEPTION_RESPONSE -> "F"; // read error
        };
        return new MeterStatus(letter, "E");
    }

    /**
     * An absolute meter reported registers below the persisted ones. OCMF {@code M} (manipulated): the
     * agent cannot tell an exchange or reset from tampering, and the conservative letter stops settlement.
     */
    public static MeterStatus registersWentBackwards() {
        return new MeterStatus("M", "E");
    }
}
