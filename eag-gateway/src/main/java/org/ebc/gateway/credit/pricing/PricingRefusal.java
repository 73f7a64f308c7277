package org.ebc.gateway.credit.pricing;

/**
 * Why the pricing made no offer. These are the pricing-side reasons only; the credit bank's own checks of
 * a token request (paper §III step 3: negative credit, no income, no wealth; blacklist; token checks) come
 * before pricing and have their own reasons. The bank reports {@link #UNPROFITABLE} to the borrower as its
 * "unprofitable loan" refusal.
 */
public enum PricingRefusal {
    /** A parameter is outside the model's domain ({@link PricingInput#firstProblem()}); the detail names it. */
    INVALID_PARAMETERS,
    /**
     * λ = 0: the borrower has a record and has never repaid in time. The paper's model needs λ &gt; 0: with
     * λ = 0 the borrower's utility −α R ignores its satisfaction and its best response is the smallest loan
     * the model admits, so there is no equilibrium offer.
     */
    NO_TIMELY_REPAYMENT,
    /**
     * No penalty rate α in (0, α_max] gives the bank a positive utility with a loan R ≥ 0 (of at least one
     * minor unit): either the cap is at or below the break-even rate (β = c when γ = 1), or at every rate
     * that covers the bank's cost the borrower's best response is no loan.
     */
    UNPROFITABLE
}
