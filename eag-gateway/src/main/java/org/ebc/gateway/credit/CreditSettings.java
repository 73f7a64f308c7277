package org.ebc.gateway.credit;

import java.time.Duration;
import org.ebc.gateway.credit.pricing.PricingMethod;
import org.ebc.units.CoinAmount;

/**
 * The credit bank's policy.
 *
 * @param validity how long a token pays (its t, in wall time; the accelerated bench shortens it)
 * @param buffer the repayment buffer after the validity: repaid by {@code validity + buffer} is case one
 * @param defaultAfter how long after the buffer an unpaid loan is written off and its borrower blacklisted
 *     (case three; the paper's "such as one year")
 * @param creditDropPerCoin d of {@code Credit_{n+1} = Credit_n − d·amount}: credit points per coin lent, case two
 * @param minIncome the least income within the window that counts as "a regular income" (step 3 b)
 * @param pointsPerGrade credit points per credit grade step: grade rank = 35 − ⌊credit / pointsPerGrade⌋, at
 *     least 1 (A1); a credit value of 0 is G5
 * @param model the borrower model and bank parameters of §IV (d, θ, Q_min, p, η, c, α_max, t in months)
 * @param method how to price (the closed form; Algorithm 1 for a cross-check)
 */
public record CreditSettings(
        Duration validity,
        Duration buffer,
        Duration defaultAfter,
        long creditDropPerCoin,
        CoinAmount minIncome,
        long pointsPerGrade,
        Model model,
        PricingMethod method) {

    /**
     * §IV's parameters the bank supplies for every borrower (docs/credit-pricing.md §7).
     *
     * @param d satisfaction weight d_i
     * @param theta θ_i, energy units
     * @param minDemand Q_i^min, energy units
     * @param price p_i, coins per energy unit
     * @param months the model's t, months
     * @param eta η
     * @param unitCost c, the bank's cost per coin lent and month
     * @param alphaMax the cap on the penalty rate
     */
    public record Model(
            double d,
            double theta,
            double minDemand,
            double price,
            double months,
            double eta,
            double unitCost,
            double alphaMax) {}

    public CreditSettings {
        if (validity.isNegative()
                || validity.isZero()
                || buffer.isNegative()
                || defaultAfter.isNegative()
                || creditDropPerCoin < 0
                || minIncome.isNegative()
                || pointsPerGrade < 1) {
            throw new IllegalArgumentException("bad credit bank settings");
        }
    }

    /** The docs' example borrower model (d 20200, θ 2250, Q_min 1000, p 1, t 5, η 3.5, c 0.15, α_max 10). */
    public static Model exampleModel() {
        return new Model(20_200, 2_250, 1_000, 1, 5, 3.5, 0.15, 10);
    }
}
