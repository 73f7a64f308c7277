package org.ebc.gateway.settlement;

import java.util.Objects;
import java.util.Optional;
import org.ebc.gateway.verify.ReadingFlags;
import org.ebc.units.Energy;

/**
 * What one node's meter proved at one border of a slot: its import and export registers from a verified,
 * signed border reading, or why there is no proof. Immutable.
 */
public sealed interface BorderEvidence {

    /**
     * A good border reading's registers.
     *
     * @param imported the import register (OBIS 1-0:1.8.0), Wh, ≥ 0
     * @param exported the export register (OBIS 1-0:2.8.0), Wh, ≥ 0
     */
    record Registers(Energy imported, Energy exported) implements BorderEvidence {
        public Registers {
            Objects.requireNonNull(imported, "imported");
            Objects.requireNonNull(exported, "exported");
            if (imported.isNegative() || exported.isNegative()) {
                throw new IllegalArgumentException("registers are never negative");
            }
        }
    }

    /** No proof at this border, and why. */
    record Unproven(ProofFailure failure) implements BorderEvidence {
        public Unproven {
            Objects.requireNonNull(failure, "failure");
        }
    }

    static BorderEvidence registers(Energy imported, Energy exported) {
        return new Registers(imported, exported);
    }

    static BorderEvidence missing() {
        return new Unproven(ProofFailure.MISSING);
    }

    static BorderEvidence unproven(ProofFailure failure) {
        return new Unproven(failure);
    }

    /**
     * The evidence of a verified border reading ({@code org.ebc.gateway.verify.VerifiedReading}): its registers,
     * unless its {@link ReadingFlags} say the meter reported an error ({@link ProofFailure#ERROR_FLAG}, checked
     * first), its status was not good, or its clock was unsynchronised or relative. A meter without an export
     * register proves an export register of 0 (it cannot have sold what it cannot measure).
     */
    static BorderEvidence ofReading(Energy importRegister, Optional<Energy> exportRegister, int readingFlags) {
        if ((readingFlags & ReadingFlags.METER_ERROR) != 0) {
            return unproven(ProofFailure.ERROR_FLAG);
        }
        if ((readingFlags & ReadingFlags.STATUS_NOT_GOOD) != 0) {
            return unproven(ProofFailure.STATUS_NOT_GOOD);
        }
        if ((readingFlags & (ReadingFlags.CLOCK_UNSYNCHRONISED | ReadingFlags.CLOCK_RELATIVE)) != 0) {
            return unproven(ProofFailure.CLOCK_NOT_SYNCHRONISED);
        }
        if (importRegister.isNegative() || exportRegister.orElse(Energy.ZERO).isNegative()) {
            return unproven(ProofFailure.IMPLAUSIBLE);
        }
        return registers(importRegister, exportRegister.orElse(Energy.ZERO));
    }
}
