package org.ebc.gateway.credit.pricing;

import java.util.Optional;

/**
 * Everything the Stackelberg game of paper §IV needs about one loan: the borrower's satisfaction factors,
 * its repayment ability and demand, the bank's grade factor, cost and cap. A plain value: it is not
 * validated on construction (it may come from an operator's file); {@link #firstProblem()} says what is out
 * of range and the pricing methods refuse such an input as {@link PricingRefusal#INVALID_PARAMETERS}.
 *
 * @param d the borrower's satisfaction factor d_i of eq. (1), &gt; 0
 * @param theta θ_i of eq. (1), units of energy, &gt; 0
 * @param months the loan term t_i in months, &gt; 0 (the paper calls it "the time when the loan began"; it
 *     multiplies the monthly interest, so it is the term)
 * @param eta η_i, the ratio of penalty to term interest ({@code α = η t β}), &gt; 1 (paper: e.g. 3.5)
 * @param lambda the borrower's repayment ability λ_i, in (0, 1]; see {@link RepaymentRecord#lambda()}; 0
 *     is refused as {@link PricingRefusal#NO_TIMELY_REPAYMENT}
 * @param gamma the bank's credit grade factor γ_i, in (0, 1]; see {@link CreditGrade#gamma()}
 * @param unitCost c_i, the bank's cost per coin lent per month, &gt; 0
 * @param price p_i, coins per unit of energy, &gt; 0
 * @param minDemand Q_i^min, the borrower's minimum energy demand, units of energy, ≥ 0
 * @param alphaMax α_i^max, the largest penalty rate the bank may charge (a fraction of the principal),
 *     finite and &gt; 0
 */
public record PricingInput(
        double d,
        double theta,
        double months,
        double eta,
        double lambda,
        double gamma,
        double unitCost,
        double price,
        double minDemand,
        double alphaMax) {

    /** Parameter names as the operator command and its files spell them (docs/credit-pricing.md §6). */
    public static final String D = "d";

    public static final String THETA = "theta";
    public static final String MONTHS = "t";
    public static final String ETA = "eta";
    public static final String LAMBDA = "lambda";
    public static final String GAMMA = "gamma";
    public static final String UNIT_COST = "cost";
    public static final String PRICE = "price";
    public static final String MIN_DEMAND = "q-min";
    public static final String ALPHA_MAX = "alpha-max";

    /**
     * k_i = Q_i^min p_i − θ_i p_i (eq. 8), coins: the loan at which the satisfaction's argument
     * R/p − Q_min + θ is zero. Eq. (5)'s constraint R &gt; k is the domain of eq. (1).
     */
    public double k() {
        return price * (minDemand - theta);
    }

    public PricingInput withGamma(double newGamma) {
        return new PricingInput(d, theta, months, eta, lambda, newGamma, unitCost, price, minDemand, alphaMax);
    }

    public PricingInput withLambda(double newLambda) {
        return new PricingInput(d, theta, months, eta, newLambda, gamma, unitCost, price, minDemand, alphaMax);
    }

    public PricingInput withAlphaMax(double newAlphaMax) {
        return new PricingInput(d, theta, months, eta, lambda, gamma, unitCost, price, minDemand, newAlphaMax);
    }

    /**
     * The first parameter outside the model's domain, in the order of the record, or empty. λ = 0 is inside
     * the domain checked here (it is a real record, s = 0 and f ≥ 1); the pricing refuses it with its own
     * reason.
     */
    public Optional<InvalidParameter> firstProblem() {
        if (!(d > 0) || !Double.isFinite(d)) {
            return bad(D, d, "a finite number > 0");
        }
        if (!(theta > 0) || !Double.isFinite(theta)) {
            return bad(THETA, theta, "a finite number > 0 (units of energy)");
        }
        if (!(months > 0) || !Double.isFinite(months)) {
            return bad(MONTHS, months, "a finite number of months > 0");
        }
        if (!(eta > 1) || !Double.isFinite(eta)) {
            return bad(ETA, eta, "a finite number > 1");
        }
        if (!(lambda >= 0 && lambda <= 1)) {
            return bad(LAMBDA, lambda, "a number in [0, 1]");
        }
        if (!(gamma > 0 && gamma <= 1)) {
            return bad(GAMMA, gamma, "a number in (0, 1]");
        }
        if (!(unitCost > 0) || !Double.isFinite(unitCost)) {
            return bad(UNIT_COST, unitCost, "a finite number > 0 (coins per coin lent per month)");
        }
        if (!(price > 0) || !Double.isFinite(price)) {
            return bad(PRICE, price, "a finite number > 0 (coins per unit of energy)");
        }
        if (!(minDemand >= 0) || !Double.isFinite(minDemand)) {
            return bad(MIN_DEMAND, minDemand, "a finite number >= 0 (units of energy)");
        }
        if (!(alphaMax > 0) || !Double.isFinite(alphaMax)) {
            return bad(ALPHA_MAX, alphaMax, "a finite number > 0");
        }
        return Optional.empty();
    }

    private static Optional<InvalidParameter> bad(String name, double value, String expected) {
        return Optional.of(new InvalidParameter(name, value, expected));
    }

    /** One parameter outside the model's domain. */
    public record InvalidParameter(String name, double value, String expected) {
        public String message() {
            return name + " must be " + expected + ", not " + value;
        }
    }
}
