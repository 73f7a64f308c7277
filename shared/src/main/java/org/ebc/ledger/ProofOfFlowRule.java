package org.ebc.ledger;

import org.ebc.units.CoinAmount;

/**
 * The proof-of-flow award (paper §II.B.4; DESIGN §5): each period, the seller that supplied the most energy
 * in an EAG earns {@code award}. The admitting EAG records it as an {@code award} transaction; a later
 * block's coinbase pays it. Periods are aligned to the genesis time:
 * {@code period start = genesis time + k × periodMillis}, {@code k ≥ 0}.
 *
 * @param periodMillis the length of one period, ms (at least 1)
 * @param award what one award pays, minor units (positive)
 */
public record ProofOfFlowRule(long periodMillis, CoinAmount award) {
    public ProofOfFlowRule {
        if (periodMillis < 1) {
            throw new IllegalArgumentException("proof-of-flow period must be at least 1 ms, not " + periodMillis);
        }
        if (award.minorUnits() <= 0) {
            throw new IllegalArgumentException("proof-of-flow award must be positive, not " + award);
        }
    }

    /** True if {@code periodStartMillis} starts a period of a chain whose genesis time is {@code genesisMillis}. */
    public boolean isPeriodStart(long periodStartMillis, long genesisMillis) {
        return periodStartMillis >= genesisMillis && (periodStartMillis - genesisMillis) % periodMillis == 0;
    }
}
