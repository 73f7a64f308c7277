package org.ebc.gateway.ledger;

import org.ebc.consensus.Consortium;
import org.ebc.ledger.Genesis;

/** The consensus view of a verified genesis ({@link Consortium#of}). */
public final class Consortia {
    private Consortia() {}

    public static Consortium of(Genesis genesis) {
        return Consortium.of(genesis);
    }
}
