package org.ebc.consensus;

import org.ebc.units.EagId;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of {@link Equivocation#check}: a reason and, when proven, who equivocated and where.
 *
 * @param reason the outcome
 * @param detail for the log line
 * @param accused the EAG that signed both (when proven)
 * @param kind the kind of vote (when proven)
 * @param height the height (when proven, else 0)
 * @param round the round (when proven, else 0)
 */
public record EvidenceCheck(
        EvidenceReason reason,
        String detail,
        @Nullable EagId accused,
        @Nullable MessageKind kind,
        long height,
        int round) {

    static EvidenceCheck refuse(EvidenceReason reason, String detail) {
        return new EvidenceCheck(reason, detail, null, null, 0, 0);
    }

    public boolean isProven() {
        return reason == EvidenceReason.OK;
    }
}
