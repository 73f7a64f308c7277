package org.ebc.gateway.credit.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Properties of the pricing over {@value #BORROWERS} seeded random borrowers from Table II's ranges
 * ({@link RandomBorrowers} says how p, Q_min and α_max are drawn). Each test also checks that the draws
 * reached every case it is about, so none of them can pass by not looking.
 */
class PricingPropertiesTest {
    static final int BORROWERS = 2_000;
    static final long SEED = 20_180_801L;

    @Test
    void theClosedFormAndAlgorithmOneAgreeToATenthOfAPercent() {
        RandomBorrowers draws = new RandomBorrowers(SEED);
        Map<Optimum, Integer> offers = new EnumMap<>(Optimum.class);
        int refusals = 0;
        for (int i = 0; i < BORROWERS; i++) {
            PricingInput in = draws.next();
            PricingOutcome closed = ClosedFormPricing.price(in);
            PricingOutcome iterative = IterativePricing.price(in);
            if (closed instanceof Offer c) {
                assertThat(iterative).as("borrower %s: %s", i, in).isInstanceOf(Offer.class);
                Offer a = (Offer) iterative;
                assertThat(relative(a.alpha(), c.alpha())).as("alpha of %s", in).isLessThanOrEqualTo(1e-3);
                assertThat(relative(a.bankUtility(), c.bankUtility()))
                        .as("bank utility of %s", in)
                        .isLessThanOrEqualTo(1e-3);
                offers.merge(c.optimum(), 1, Integer::sum);
            } else {
                assertThat(iterative).as("borrower %s: %s", i, in).isInstanceOf(Refusal.class);
                assertThat(((Refusal) iterative).reason()).isEqualTo(((Refusal) closed).reason());
                refusals++;
            }
        }
        assertThat(offers.getOrDefault(Optimum.STATIONARY_POINT, 0)).isGreaterThan(BORROWERS / 4);
        assertThat(offers.getOrDefault(Optimum.CAP_BINDS, 0)).isGreaterThan(BORROWERS / 50);
        assertThat(offers.getOrDefault(Optimum.RISING_TO_CAP, 0)).isGreaterThan(BORROWERS / 10);
        assertThat(refusals).isGreaterThan(BORROWERS / 50);
    }

    @Test
    void noOfferIsEverANegativeLoanOrOutsideTheRatesTheDerivationAllows() {
        RandomBorrowers draws = new RandomBorrowers(SEED + 1);
        int offers = 0;
        for (int i = 0; i < BORROWERS; i++) {
            PricingInput in = draws.next();
            for (PricingMethod method : PricingMethod.values()) {
                if (method.price(in) instanceof Offer o) {
                    offers++;
                    assertThat(o.loan()).as("%s %s", method, in).isPositive().isGreaterThan(in.k());
                    assertThat(o.loanAmount().minorUnits()).isPositive();
                    assertThat(BigDecimal.valueOf(o.loanAmount().minorUnits()))
                            .isLessThanOrEqualTo(new BigDecimal(o.loan()).movePointRight(8));
                    assertThat(o.alpha())
                            .isGreaterThan(LoanGame.breakEvenRate(in))
                            .isLessThanOrEqualTo(in.alphaMax());
                    assertThat(o.beta()).isEqualTo(LoanGame.interestRate(in, o.alpha()));
                    assertThat(o.bankUtility()).isPositive();
                    assertThat(o.penaltyRate().partsPerMillion()).isLessThanOrEqualTo((long) (in.alphaMax() * 1e6));
                }
            }
        }
        assertThat(offers).isGreaterThan(BORROWERS);
    }

    @Test
    void theBorrowersUtilityIsConcaveInTheLoanAndTheBanksInTheRateWhereTheDerivationSays() {
        RandomBorrowers draws = new RandomBorrowers(SEED + 2);
        int bankChecks = 0;
        for (int i = 0; i < BORROWERS; i++) {
            PricingInput in = draws.next();
            if (in.firstProblem().isPresent()) {
                continue;
            }
            // Eq. (7): u_i is strictly concave in R on its whole domain R > k (and R ≥ 0). Its second difference
            // with step h is exactly λ d ln(1 − (h/p)²/x²), x = R/p − Q_min + θ: the linear terms cancel.
            double alpha = in.alphaMax() / 3;
            double lowest = Math.max(0, in.k());
            for (double r : new double[] {lowest + 1, lowest + 100, lowest + 5_000, lowest + 50_000}) {
                double h = 0.1 * (r - in.k());
                double second = LoanGame.borrowerUtility(in, alpha, r + h)
                        - 2 * LoanGame.borrowerUtility(in, alpha, r)
                        + LoanGame.borrowerUtility(in, alpha, r - h);
                double x = r / in.price() - in.minDemand() + in.theta();
                double step = h / in.price();
                double expected = in.lambda() * in.d() * Math.log1p(-step * step / (x * x));
                assertThat(second).as("u_i'' at R = %s for %s", r, in).isNegative();
                assertThat(relative(second, expected))
                        .as("u_i'' at R = %s for %s", r, in)
                        .isLessThan(1e-5);
            }
            // Eq. (11): u_bc(α, R(α)) is strictly concave in α wherever the borrower wants a loan (α < α_0): it is
            // a constant − C/α + a linear term, C = η λ d γ t c / (λ + η − λη), so its second difference with
            // step h is exactly −2 C h² / (α (α² − h²)).
            double upper = Math.min(LoanGame.zeroLoanRate(in), 10 * in.alphaMax());
            double curvature = in.eta()
                    * in.lambda()
                    * in.d()
                    * in.gamma()
                    * in.months()
                    * in.unitCost()
                    / (in.lambda() + in.eta() - in.lambda() * in.eta());
            for (double f : new double[] {0.01, 0.1, 0.3, 0.6, 0.9}) {
                double a = f * upper;
                double h = 0.1 * a;
                double second = LoanGame.leaderUtility(in, a + h)
                        - 2 * LoanGame.leaderUtility(in, a)
                        + LoanGame.leaderUtility(in, a - h);
                double expected = -2 * curvature * h * h / (a * (a * a - h * h));
                assertThat(second).as("u_bc'' at alpha = %s for %s", a, in).isNegative();
                assertThat(relative(second, expected))
                        .as("u_bc'' at alpha = %s for %s", a, in)
                        .isLessThan(1e-3);
                bankChecks++;
            }
        }
        assertThat(bankChecks).isGreaterThan(4 * BORROWERS);
    }

    @Test
    void aBorrowerTheBankCannotProfitablyLendToIsRefusedAsUnprofitable() {
        RandomBorrowers draws = new RandomBorrowers(SEED + 3);
        int refused = 0;
        int offered = 0;
        for (int i = 0; i < BORROWERS; i++) {
            PricingInput in = draws.next();
            // Brute force, independent of the derivation: the best of 4000 rates spread evenly in ln α over
            // (α_max·10⁻⁶, α_max], each with the borrower's best response.
            double best = 0;
            for (int j = 1; j <= 4_000; j++) {
                double alpha = in.alphaMax() * Math.exp(-Math.log(1e6) * (4_000 - j) / 4_000);
                best = Math.max(best, LoanGame.leaderUtility(in, alpha));
            }
            for (PricingMethod method : PricingMethod.values()) {
                PricingOutcome outcome = method.price(in);
                if (best <= 0) {
                    assertThat(outcome).as("%s %s", method, in).isInstanceOf(Refusal.class);
                    assertThat(((Refusal) outcome).reason()).isEqualTo(PricingRefusal.UNPROFITABLE);
                } else if (outcome instanceof Offer o) {
                    assertThat(o.bankUtility()).as("%s %s", method, in).isGreaterThanOrEqualTo(best * (1 - 1e-6));
                } else {
                    // Profitable on the grid, yet refused: only allowed for a loan below one minor unit.
                    assertThat(((Refusal) outcome).detail())
                            .as("%s %s", method, in)
                            .contains("minor units");
                }
            }
            if (best <= 0) {
                refused++;
            } else {
                offered++;
            }
        }
        assertThat(refused).isGreaterThan(BORROWERS / 50);
        assertThat(offered).isGreaterThan(BORROWERS / 2);
    }

    private static double relative(double a, double b) {
        return Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
    }
}
