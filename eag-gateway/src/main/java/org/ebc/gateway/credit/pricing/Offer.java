package org.ebc.gateway.credit.pricing;

import org.ebc.units.CoinAmount;

/**
 * The bank's optimal offer for one borrower: the model values (double, for display, plots and the bank's
 * what-if) and the fixed-point values the bank would lend and sign.
 *
 * @param alpha α*, the penalty rate (fraction of the principal charged if repaid late), in (α_c, α_max]
 * @param beta β* = α* / (η t), the interest rate per month
 * @param loan R*, the borrower's best response to α*, coins, &gt; 0
 * @param bankUtility u_bc at (α*, R*), eq. (3), &gt; 0
 * @param borrowerUtility u_i at (α*, R*), eq. (2)
 * @param optimum which case of the solution gave it
 * @param iterations borrower responses the search asked for (Algorithm 1); 0 for the closed form
 * @param loanAmount what would be lent: R* rounded down to a whole minor unit, at least one
 * @param penaltyRate α* rounded down to whole ppm
 * @param interestRatePerMonth β* rounded down to whole ppm
 * @param termInterestRate the interest for the whole term, β* t = α* / η, rounded down to whole ppm
 */
public record Offer(
        double alpha,
        double beta,
        double loan,
        double bankUtility,
        double borrowerUtility,
        Optimum optimum,
        int iterations,
        CoinAmount loanAmount,
        Ppm penaltyRate,
        Ppm interestRatePerMonth,
        Ppm termInterestRate)
        implements PricingOutcome {

    public Offer {
        if (loanAmount.minorUnits() < 1 || !(loan > 0) || !(bankUtility > 0) || iterations < 0) {
            throw new IllegalArgumentException("an offer lends at least one minor unit at a profit: loan " + loan + ", "
                    + loanAmount + ", bank utility " + bankUtility + ", iterations " + iterations);
        }
    }

    /**
     * The offer at penalty rate α, with the borrower's best response, or a refusal when that is not a
     * profitable loan of at least one minor unit.
     */
    static PricingOutcome at(PricingInput in, double alpha, Optimum optimum, int iterations) {
        double loan = LoanGame.bestResponse(in, alpha);
        double bank = LoanGame.bankUtility(in, alpha, loan);
        if (!(loan > 0) || !(bank > 0)) {
            return new Refusal(
                    PricingRefusal.UNPROFITABLE,
                    "at the best penalty rate " + alpha + " the loan is " + loan + " coins and the bank's utility "
                            + bank);
        }
        long minor;
        try {
            minor = floorMinorUnits(loan);
        } catch (ArithmeticException e) {
            return new Refusal(
                    PricingRefusal.INVALID_PARAMETERS,
                    "the optimal loan " + loan + " coins does not fit a coin amount");
        }
        if (minor < 1) {
            return new Refusal(
                    PricingRefusal.UNPROFITABLE, "the optimal loan " + loan + " coins rounds down to zero minor units");
        }
        double beta = LoanGame.interestRate(in, alpha);
        return new Offer(
                alpha,
                beta,
                loan,
                bank,
                LoanGame.borrowerUtility(in, alpha, loan),
                optimum,
                iterations,
                CoinAmount.ofMinorUnits(minor),
                Ppm.floorOf(alpha),
                Ppm.floorOf(beta),
                Ppm.floorOf(alpha / in.eta()));
    }

    /** ⌊coins × 10^8⌋, exactly from the double's value ({@link ExactFloor}). */
    static long floorMinorUnits(double coins) {
        return ExactFloor.of(coins, 1e8, 8);
    }

    /** The interest due when repaid in time (case one): {@link #termInterestRate} of {@link #loanAmount}, rounded down. */
    public CoinAmount interestDue() {
        return termInterestRate.of(loanAmount);
    }

    /** The penalty due when repaid late (case two): {@link #penaltyRate} of {@link #loanAmount}, rounded down. */
    public CoinAmount penaltyDue() {
        return penaltyRate.of(loanAmount);
    }
}
