package org.ebc.gateway.settlement;

import java.util.Locale;

/**
 * Why a border reading does not prove what a node delivered or took (docs/market.md § Settlement without proof).
 */
public enum ProofFailure {
    /** No verified reading at the border, and the settlement grace is over. */
    MISSING,
    /** The reading carries a meter error flag (OCMF {@code EF} not empty). */
    ERROR_FLAG,
    /** The meter says its value must not be trusted (OCMF {@code ST} not {@code G}). */
    STATUS_NOT_GOOD,
    /** The reading's clock was not synchronised (OCMF clock status {@code U} or {@code R}). */
    CLOCK_NOT_SYNCHRONISED,
    /**
     * The registers cannot be right: they went down over the slot, or rose faster than the node's rated
     * connection allows (or the gateway's plausibility check refused the border reading).
     */
    IMPLAUSIBLE;

    /** E.g. {@code clock-not-synchronised}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
