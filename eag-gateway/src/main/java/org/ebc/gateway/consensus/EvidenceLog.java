package org.ebc.gateway.consensus;

import java.util.HashSet;
import java.util.Set;
import org.ebc.consensus.MessageKind;
import org.ebc.units.EagId;

/** Which equivocations this EAG has already reported, so each is reported once (not per re-delivery). */
final class EvidenceLog {
    private static final int LIMIT = 10_000;
    private final Set<String> seen = new HashSet<>();

    /** True the first time; {@code false} for a repeat. Forgets everything past a large bound. */
    boolean firstSighting(EagId accused, MessageKind kind, long height, int round) {
        if (seen.size() >= LIMIT) {
            seen.clear();
        }
        return seen.add(accused + "|" + kind + "|" + height + "|" + round);
    }
}
