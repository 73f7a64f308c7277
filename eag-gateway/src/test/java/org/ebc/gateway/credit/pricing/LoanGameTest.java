package org.ebc.gateway.credit.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import org.junit.jupiter.api.Test;

/**
 * Eqs. (6)–(12) of the paper, checked term by term against the utilities (2) and (3): each printed
 * expression is transcribed here with the paper's symbols and compared with our simplified forms and with
 * numerical derivatives. These are the parts of §IV-B that are right; docs/credit-pricing.md §3.
 */
class LoanGameTest {
    private final PricingInput in = RandomBorrowers.typical();
    private final double lambda = in.lambda();
    private final double d = in.d();
    private final double t = in.months();
    private final double eta = in.eta();
    private final double gamma = in.gamma();
    private final double c = in.unitCost();
    private final double k = in.k();

    @Test
    void equationSixIsTheDerivativeOfTheBorrowersUtility() {
        double alpha = 2.5;
        double beta = alpha / (eta * t);
        for (double r : new double[] {10, 800, 5_000, 40_000}) {
            double printed = lambda * d / (r - in.minDemand() * in.price() + in.theta() * in.price())
                    - lambda * beta * t
                    - (1 - lambda) * alpha;
            double h = 1e-3;
            double numeric =
                    (LoanGame.borrowerUtility(in, alpha, r + h) - LoanGame.borrowerUtility(in, alpha, r - h)) / (2 * h);
            assertThat(numeric).as("R = %s", r).isCloseTo(printed, within(1e-6));
        }
    }

    @Test
    void equationSevenIsTheSecondDerivativeAndIsNegative() {
        double alpha = 2.5;
        for (double r : new double[] {10, 800, 5_000, 40_000}) {
            double x = r - in.minDemand() * in.price() + in.theta() * in.price();
            double printed = -lambda * d / (x * x);
            double h = 1;
            double numeric = (LoanGame.borrowerUtility(in, alpha, r + h)
                            - 2 * LoanGame.borrowerUtility(in, alpha, r)
                            + LoanGame.borrowerUtility(in, alpha, r - h))
                    / (h * h);
            assertThat(printed).isNegative();
            assertThat(numeric).as("R = %s", r).isCloseTo(printed, withinPercentage(0.1));
        }
    }

    @Test
    void equationEightIsWhereEquationSixVanishes() {
        for (double alpha : new double[] {0.5, 2.5, 4}) {
            double beta = alpha / (eta * t);
            double printed = lambda * d / (lambda * beta * t + (1 - lambda) * alpha) + k;
            assertThat(LoanGame.bestResponse(in, alpha)).isCloseTo(printed, within(1e-9));
            assertThat(LoanGame.bestResponse(in, alpha))
                    .isCloseTo(LoanGame.responseScale(in) / alpha + k, withinPercentage(1e-10));
            double h = 1e-3;
            double slope = (LoanGame.borrowerUtility(in, alpha, printed + h)
                            - LoanGame.borrowerUtility(in, alpha, printed - h))
                    / (2 * h);
            assertThat(slope).as("alpha = %s", alpha).isCloseTo(0, within(1e-6));
        }
    }

    @Test
    void equationsNineAndTenAreTheBanksUtilityWithTheBestResponseSubstituted() {
        for (double alpha : new double[] {0.5, 2.5, 4}) {
            double beta = alpha / (eta * t);
            double margin = gamma * beta * t - gamma * t * c + (1 - gamma) * alpha;
            double eq9 = lambda * d * margin / (lambda * beta * t + (1 - lambda) * alpha) + k * margin;
            double h1 = lambda * d * gamma * t;
            double h2 = lambda * d * gamma * t * c;
            double h3 = lambda * d * (1 - gamma);
            double h4 = k * gamma * t;
            double h5 = k * gamma * t * c;
            double h6 = k * (1 - gamma);
            double eq10 = (h1 * beta - h2 + h3 * alpha) / (lambda * beta * t + (1 - lambda) * alpha)
                    + h4 * beta
                    - h5
                    + h6 * alpha;
            assertThat(LoanGame.leaderUtility(in, alpha)).isCloseTo(eq9, withinPercentage(1e-9));
            assertThat(eq10).isCloseTo(eq9, withinPercentage(1e-9));
        }
    }

    @Test
    void equationElevenIsTheSecondDerivativeInAlphaAndIsNegative() {
        double h2 = lambda * d * gamma * t * c;
        for (double alpha : new double[] {0.5, 2.5, 4}) {
            double printed = -2 * h2 * eta / ((lambda + eta - lambda * eta) * Math.pow(alpha, 3));
            double h = 1e-3 * alpha;
            double numeric = (LoanGame.leaderUtility(in, alpha + h)
                            - 2 * LoanGame.leaderUtility(in, alpha)
                            + LoanGame.leaderUtility(in, alpha - h))
                    / (h * h);
            assertThat(printed).isNegative();
            assertThat(numeric).as("alpha = %s", alpha).isCloseTo(printed, withinPercentage(0.1));
        }
    }

    @Test
    void equationTwelveIsTheGeometricMeanOfTheBreakEvenAndZeroLoanRates() {
        double h2 = lambda * d * gamma * t * c;
        double h4 = k * gamma * t;
        double h6 = k * (1 - gamma);
        double printed = Math.sqrt(-h2 * eta * eta * t / ((h4 + h6 * eta * t) * (lambda + eta - lambda * eta)));

        assertThat(LoanGame.stationaryRate(in)).isCloseTo(printed, withinPercentage(1e-10));
        assertThat(printed * printed)
                .isCloseTo(LoanGame.breakEvenRate(in) * LoanGame.zeroLoanRate(in), withinPercentage(1e-10));
        double h = 1e-4 * printed;
        double slope = (LoanGame.leaderUtility(in, printed + h) - LoanGame.leaderUtility(in, printed - h)) / (2 * h);
        assertThat(slope).isCloseTo(0, within(1e-3));
    }

    @Test
    void atTheBreakEvenRateTheBankEarnsNothingAndAtTheZeroLoanRateTheBorrowerWantsNothing() {
        double breakEven = LoanGame.breakEvenRate(in);
        double zeroLoan = LoanGame.zeroLoanRate(in);

        assertThat(LoanGame.bankUtility(in, breakEven, 1_000)).isCloseTo(0, within(1e-9));
        assertThat(LoanGame.bestResponse(in, zeroLoan)).isCloseTo(0, within(1e-9));
        assertThat(LoanGame.bestResponse(in, 2 * zeroLoan)).isZero();
    }

    @Test
    void withGammaOneTheBreakEvenInterestRateIsTheUnitCost() {
        PricingInput grade1 = in.withGamma(1);

        assertThat(LoanGame.interestRate(grade1, LoanGame.breakEvenRate(grade1)))
                .isCloseTo(c, within(1e-15));
    }
}
