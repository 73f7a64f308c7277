package org.ebc.gateway.settlement;

import java.util.Objects;
import org.ebc.units.Energy;

/** What a node's two border readings prove about a slot (see {@link NodeEvidence#metering()}). Immutable. */
public sealed interface Metering {

    /**
     * Both borders proven: the energy that flowed during the slot.
     *
     * @param imported end − start of the import register, Wh, ≥ 0
     * @param exported end − start of the export register, Wh, ≥ 0
     */
    record Measured(Energy imported, Energy exported) implements Metering {
        public Measured {
            if (imported.isNegative() || exported.isNegative()) {
                throw new IllegalArgumentException("measured energy is never negative");
            }
        }
    }

    /**
     * No proof: the first border (start before end) that failed, and why.
     *
     * @param border the border
     * @param failure why it proves nothing
     */
    record Unproven(Border border, ProofFailure failure) implements Metering {
        public Unproven {
            Objects.requireNonNull(border, "border");
            Objects.requireNonNull(failure, "failure");
        }

        /** E.g. {@code end-missing}: for the operator and the canonical bytes. */
        public String reason() {
            return border.wireName() + "-" + failure.wireName();
        }
    }
}
