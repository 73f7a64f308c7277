package org.ebc.gateway.credit.pricing;

import java.util.Optional;

/**
 * The bank's optimal penalty rate in closed form: eqs. (12)–(13) of the paper, corrected
 * (docs/credit-pricing.md §4). With the break-even rate α_c, the zero-loan rate α_0 and α̂ = √(α_c α_0)
 * of {@link LoanGame}:
 *
 * <ul>
 *   <li>α_max ≤ α_c: no allowed rate covers the cost — refused, {@link PricingRefusal#UNPROFITABLE};
 *   <li>k ≥ 0: u_bc rises with α everywhere — α* = α_max ({@link Optimum#RISING_TO_CAP}; the paper says 0);
 *   <li>k &lt; 0 and α_0 ≤ α_c: every rate that covers the cost makes the borrower want no loan (eq. 12
 *       would offer a negative loan at a negative margin) — refused, {@link PricingRefusal#UNPROFITABLE};
 *   <li>k &lt; 0 otherwise: α* = min(α̂, α_max) ({@link Optimum#STATIONARY_POINT} or {@link Optimum#CAP_BINDS}).
 * </ul>
 *
 * Then β* = α* / (η t) and R* = A/α* + k &gt; 0.
 */
public final class ClosedFormPricing {
    private ClosedFormPricing() {}

    public static PricingOutcome price(PricingInput in) {
        Optional<Refusal> refused = precheck(in);
        if (refused.isPresent()) {
            return refused.get();
        }
        double breakEven = LoanGame.breakEvenRate(in);
        double alphaMax = in.alphaMax();
        if (in.k() >= 0) {
            return Offer.at(in, alphaMax, Optimum.RISING_TO_CAP, 0);
        }
        double zeroLoan = LoanGame.zeroLoanRate(in);
        if (zeroLoan <= breakEven) {
            return new Refusal(
                    PricingRefusal.UNPROFITABLE,
                    "the borrower wants no loan at any penalty rate that covers the bank's cost: zero-loan rate "
                            + zeroLoan + " <= break-even rate " + breakEven);
        }
        double stationary = LoanGame.stationaryRate(in);
        return stationary <= alphaMax
                ? Offer.at(in, stationary, Optimum.STATIONARY_POINT, 0)
                : Offer.at(in, alphaMax, Optimum.CAP_BINDS, 0);
    }

    /**
     * The refusals that do not depend on the optimisation, shared with {@link IterativePricing}: invalid
     * parameters, λ = 0, and a cap at or below the break-even rate.
     */
    static Optional<Refusal> precheck(PricingInput in) {
        Optional<PricingInput.InvalidParameter> problem = in.firstProblem();
        if (problem.isPresent()) {
            return Optional.of(
                    new Refusal(PricingRefusal.INVALID_PARAMETERS, problem.get().message()));
        }
        if (in.lambda() == 0) {
            return Optional.of(new Refusal(
                    PricingRefusal.NO_TIMELY_REPAYMENT,
                    "repayment ability lambda = 0: no earlier loan was repaid in time"));
        }
        double breakEven = LoanGame.breakEvenRate(in);
        if (in.alphaMax() <= breakEven) {
            return Optional.of(new Refusal(
                    PricingRefusal.UNPROFITABLE,
                    "the cap alpha-max " + in.alphaMax() + " is at or below the break-even penalty rate " + breakEven
                            + ", where interest and penalty just cover the cost"));
        }
        return Optional.empty();
    }
}
