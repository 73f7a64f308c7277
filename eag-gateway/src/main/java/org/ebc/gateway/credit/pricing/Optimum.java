package org.ebc.gateway.credit.pricing;

/** Which case of the corrected solution (docs/credit-pricing.md §4) produced an offer. */
public enum Optimum {
    /** k &lt; 0 and α_c &lt; α̂ ≤ α_max: the stationary point of eq. (12). */
    STATIONARY_POINT,
    /** k &lt; 0 and α̂ &gt; α_max: the bank's utility still rises at the cap, so α* = α_max (eq. 13's min). */
    CAP_BINDS,
    /**
     * k ≥ 0: the bank's utility rises with α everywhere (no stationary point), so α* = α_max. The paper's
     * eq. (13) gives α* = 0 here, which is the infimum (an unbounded loan at zero interest), not the maximum.
     */
    RISING_TO_CAP,
    /** Found by the iterative search of Algorithm 1, which does not tell the cases apart. */
    SEARCH
}
