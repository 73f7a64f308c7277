package org.ebc.gateway.credit.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The corrected Algorithm 1 (docs/credit-pricing.md §5): what it asks, what it keeps, when it stops. */
class IterativePricingTest {
    private final PricingInput typical = RandomBorrowers.typical();

    @Test
    void theSearchFindsTheClosedFormsOptimumInAboutTwentyExchanges() {
        Offer closed = (Offer) ClosedFormPricing.price(typical);
        IterativePricing.Search search = IterativePricing.trace(typical);
        Offer found = (Offer) search.outcome();

        assertThat(found.optimum()).isEqualTo(Optimum.SEARCH);
        assertThat(found.alpha()).isCloseTo(closed.alpha(), withinPercentage(0.05));
        assertThat(found.bankUtility()).isCloseTo(closed.bankUtility(), withinPercentage(0.001));
        assertThat(found.iterations())
                .isBetween(15, 30)
                .isEqualTo(search.iterations().size());
    }

    @Test
    void itAsksAtTheBreakEvenRateFirstThenAtTheCapThenInside() {
        List<IterativePricing.Iteration> trace = IterativePricing.trace(typical).iterations();

        assertThat(trace.get(0).alpha()).isEqualTo(LoanGame.breakEvenRate(typical));
        assertThat(trace.get(0).bestBankUtility()).isZero();
        assertThat(trace.get(1).alpha()).isEqualTo(typical.alphaMax());
        for (IterativePricing.Iteration i : trace.subList(2, trace.size())) {
            assertThat(i.alpha()).isBetween(LoanGame.breakEvenRate(typical), typical.alphaMax());
        }
    }

    @Test
    void itKeepsAProposalOnlyWhenItIsBetterSoTheBestNeverFalls() {
        List<IterativePricing.Iteration> trace = IterativePricing.trace(typical).iterations();

        double best = 0;
        for (IterativePricing.Iteration i : trace) {
            assertThat(i.bestBankUtility()).isGreaterThanOrEqualTo(best);
            assertThat(i.bestBankUtility()).isGreaterThanOrEqualTo(i.bankUtility());
            if (i.bankUtility() > best) {
                assertThat(i.bestAlpha()).isEqualTo(i.alpha());
                assertThat(i.bestLoan()).isEqualTo(i.loan());
            }
            best = i.bestBankUtility();
        }
        assertThat(best).isPositive();
    }

    @Test
    void anOptimumAtTheCapIsFoundExactly() {
        PricingInput needy = new PricingInput(20_200, 2_250, 5, 3.5, 0.8, 0.5, 0.15, 1, 3_000, 10);
        PricingInput capped = typical.withAlphaMax(2);

        assertThat(((Offer) IterativePricing.price(needy)).alpha()).isEqualTo(10);
        assertThat(((Offer) IterativePricing.price(capped)).alpha()).isEqualTo(2);
    }

    @Test
    void aBorrowerWhoWantsNoLoanAtTheBreakEvenRateIsRefusedAfterOneExchange() {
        PricingInput reluctant = new PricingInput(20_200, 2_250, 10, 3.5, 0.05, 1, 0.2, 1, 1_000, 10);
        IterativePricing.Search search = IterativePricing.trace(reluctant);

        assertThat(((Refusal) search.outcome()).reason()).isEqualTo(PricingRefusal.UNPROFITABLE);
        assertThat(search.iterations()).hasSize(1);
        assertThat(search.iterations().get(0).loan()).isZero();
    }

    @Test
    void aCapBelowTheBreakEvenRateIsRefusedWithoutAsking() {
        IterativePricing.Search search = IterativePricing.trace(typical.withAlphaMax(0.5));

        assertThat(((Refusal) search.outcome()).reason()).isEqualTo(PricingRefusal.UNPROFITABLE);
        assertThat(search.iterations()).isEmpty();
    }

    @Test
    void aBarelyProfitableBorrowerIsStillPricedToATenthOfAPercentOfTheBanksUtility() {
        PricingInput marginal = typical.withLambda(lambdaWhereZeroLoanRateIs(1.002 * LoanGame.breakEvenRate(typical)));
        Offer closed = (Offer) ClosedFormPricing.price(marginal);
        Offer found = (Offer) IterativePricing.price(marginal);

        assertThat(LoanGame.zeroLoanRate(marginal) / LoanGame.breakEvenRate(marginal))
                .isCloseTo(1.002, withinPercentage(0.01));
        assertThat(found.alpha()).isCloseTo(closed.alpha(), withinPercentage(0.1));
        assertThat(found.bankUtility()).isCloseTo(closed.bankUtility(), withinPercentage(0.1));
        assertThat(found.iterations()).isLessThan(IterativePricing.MAX_PROPOSALS);
    }

    /** λ such that α_0 = target for the typical borrower (α_0 rises with λ), by bisection. */
    private double lambdaWhereZeroLoanRateIs(double target) {
        double lo = 1e-9;
        double hi = 1;
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            if (LoanGame.zeroLoanRate(typical.withLambda(mid)) < target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return (lo + hi) / 2;
    }
}
