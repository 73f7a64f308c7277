package org.ebc.ledger;

import java.util.Optional;

/** The kinds of ledger transaction (SPEC-payments, "Ledger transaction"), by their wire name. */
public enum TxKind {
    /** Moves coins from a payer to a payee: a payer-signed transfer with the payee's cosign. */
    TRANSFER("transfer"),
    /** The initial allocation the genesis grants a registered node. Mints coins. */
    ALLOCATION("allocation"),
    /** A proof-of-flow award, recorded as pending; a later block's coinbase pays it (mints) once. */
    AWARD("award"),
    /** Two conflicting signed consensus messages of one EAG (Part E consensus). */
    EVIDENCE("evidence"),
    /** A credit-bank-signed record (Part F); checked by a rule plugged into the block validator. */
    CREDIT("credit");

    private final String wire;

    TxKind(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Optional<TxKind> fromWire(String wire) {
        for (TxKind k : values()) {
            if (k.wire.equals(wire)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
