package org.ebc.gateway.credit.pricing;

/**
 * The utilities of paper §IV and the quantities the corrected solution is built from. Notation as in the
 * paper, with {@code β = α/(η t)} substituted throughout (the paper's {@code α = η t β}). Derivations:
 * docs/credit-pricing.md.
 *
 * <ul>
 *   <li>{@code A = λ d η / (λ + η − λη)}: the follower's best response (eq. 8) is {@code R(α) = A/α + k};
 *   <li>{@code g = (γ + η − γη)/η}: the bank's margin per coin lent is {@code m(α) = g α − γ t c};
 *   <li>{@code α_c = γ t c / g}: the break-even rate, where the margin is zero (for γ = 1, β = c);
 *   <li>{@code α_0 = A/(−k)} (k &lt; 0): the zero-loan rate, above which the borrower wants no loan;
 *   <li>{@code α̂ = √(α_c α_0)}: the stationary point of the bank's utility, eq. (12) simplified.
 * </ul>
 *
 * <p>All methods are pure; inputs are assumed valid ({@link PricingInput#firstProblem()} is empty and λ &gt; 0).
 */
public final class LoanGame {
    private LoanGame() {}

    /** β = α/(η t), the monthly interest rate that goes with the penalty rate α. */
    public static double interestRate(PricingInput in, double alpha) {
        return alpha / (in.eta() * in.months());
    }

    /**
     * The follower's best response to α (eq. 8), constrained to R ≥ 0: {@code max(0, λd/(λβt + (1−λ)α) + k)}.
     * The paper's eq. (8) alone goes negative for k &lt; 0 and α &gt; α_0; a negative loan does not exist, and
     * because u_i is concave in R with {@code ∂u_i/∂R ≤ 0} at R = 0 there, no loan is the best response.
     * For k ≥ 0 the value is always above k, inside eq. (5)'s domain.
     */
    public static double bestResponse(PricingInput in, double alpha) {
        double beta = interestRate(in, alpha);
        double lambda = in.lambda();
        double r = lambda * in.d() / (lambda * beta * in.months() + (1 - lambda) * alpha) + in.k();
        return Math.max(0, r);
    }

    /** The borrower's utility u_i (eq. 2) for the penalty rate α and loan R (coins); −∞ outside eq. (5)'s domain. */
    public static double borrowerUtility(PricingInput in, double alpha, double loan) {
        double energy = loan / in.price() - in.minDemand() + in.theta();
        double satisfaction = energy > 0 ? in.d() * Math.log(energy) : Double.NEGATIVE_INFINITY;
        double beta = interestRate(in, alpha);
        return in.lambda() * (satisfaction - beta * loan * in.months()) - (1 - in.lambda()) * alpha * loan;
    }

    /** The bank's utility u_bc (eq. 3) for the penalty rate α and loan R (coins). */
    public static double bankUtility(PricingInput in, double alpha, double loan) {
        double beta = interestRate(in, alpha);
        double t = in.months();
        return in.gamma() * (beta * loan * t - loan * t * in.unitCost()) + (1 - in.gamma()) * alpha * loan;
    }

    /** A = λ d η / (λ + η − λη), so that eq. (8) reads R = A/α + k. */
    public static double responseScale(PricingInput in) {
        double lambda = in.lambda();
        double eta = in.eta();
        return lambda * in.d() * eta / (lambda + eta - lambda * eta);
    }

    /** g = (γ + η − γη)/η = γ/η + 1 − γ: the bank's earnings per coin lent per unit of α. */
    public static double marginSlope(PricingInput in) {
        double gamma = in.gamma();
        double eta = in.eta();
        return (gamma + eta - gamma * eta) / eta;
    }

    /** α_c = γ t c / g: below it the bank's margin g α − γ t c is negative, so every loan loses money. */
    public static double breakEvenRate(PricingInput in) {
        return in.gamma() * in.months() * in.unitCost() / marginSlope(in);
    }

    /** α_0 = A/(−k) for k &lt; 0, the rate from which on the best response is no loan; +∞ for k ≥ 0. */
    public static double zeroLoanRate(PricingInput in) {
        double k = in.k();
        return k < 0 ? responseScale(in) / -k : Double.POSITIVE_INFINITY;
    }

    /**
     * α̂ = √(α_c α_0), the one stationary point of the bank's utility for k &lt; 0 (eq. 12 of the paper,
     * which is this value written with its h coefficients); NaN for k ≥ 0, where there is none.
     */
    public static double stationaryRate(PricingInput in) {
        return in.k() < 0 ? Math.sqrt(breakEvenRate(in) * zeroLoanRate(in)) : Double.NaN;
    }

    /**
     * The bank's utility with the follower's best response substituted (eq. 9), the function the leader
     * maximises: {@code u_bc(α, R(α))}.
     */
    public static double leaderUtility(PricingInput in, double alpha) {
        return bankUtility(in, alpha, bestResponse(in, alpha));
    }
}
