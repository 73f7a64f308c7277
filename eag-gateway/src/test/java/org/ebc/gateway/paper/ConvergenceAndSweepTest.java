package org.ebc.gateway.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.ebc.gateway.credit.pricing.ClosedFormPricing;
import org.ebc.gateway.credit.pricing.CreditGrade;
import org.ebc.gateway.credit.pricing.Offer;
import org.junit.jupiter.api.Test;

/** Figs. 8 and 9 are computed from the pricing code as their docs say. */
class ConvergenceAndSweepTest {
    private final PaperSetup setup = PaperSetup.paper(2);
    private final List<Population.Borrower> population = Population.draw(setup);

    @Test
    void theBanksBenefitRisesOverTheIterationsToTheClosedFormsOptimum() {
        Convergence.Result r = Convergence.run(setup, population);

        double previous = Double.NEGATIVE_INFINITY;
        for (Convergence.Row row : r.rows()) {
            assertThat(row.bankBenefit()).isGreaterThanOrEqualTo(previous);
            previous = row.bankBenefit();
        }
        Convergence.Row last = r.rows().get(r.rows().size() - 1);
        assertThat(last.bankBenefit()).isCloseTo(r.bankOptimum(), within(1e-3 * r.bankOptimum()));
        assertThat(last.borrowerLoan()).isCloseTo(r.borrowerOptimalLoan(), within(1e-2 * r.borrowerOptimalLoan()));
        assertThat(r.rows()).hasSizeBetween(15, 40);
        assertThat(r.bankIterationsWithin(0.001)).isLessThanOrEqualTo(r.rows().size());
        assertThat(r.bankIterationsWithin(0.01)).isLessThanOrEqualTo(r.bankIterationsWithin(0.001));
        Population.Borrower chosen = population.get(r.borrower());
        assertThat(chosen.bank()).isEqualTo(r.bank());
        assertThat(ClosedFormPricing.price(chosen.input())).isInstanceOf(Offer.class);
    }

    @Test
    void eachGammaPointPricesTheWholePopulationAtThatGrade() {
        List<ParameterSweep.Point> points = ParameterSweep.gamma(population);

        assertThat(points).hasSize(35);
        ParameterSweep.Point c3 = points.get(CreditGrade.C3.rank() - 1);
        assertThat(c3.value()).isEqualTo(CreditGrade.C3.gamma());
        double bank = 0;
        int offers = 0;
        for (Population.Borrower b : population) {
            if (ClosedFormPricing.price(b.input().withGamma(c3.value())) instanceof Offer o) {
                bank += o.bankUtility();
                offers++;
            }
        }
        assertThat(c3.meanBankUtility()).isCloseTo(bank / population.size(), within(1e-9));
        assertThat(c3.offers()).isEqualTo(offers);
    }

    @Test
    void lambdaRunsFromAOneTwentiethToOne() {
        List<ParameterSweep.Point> points = ParameterSweep.lambda(population);

        assertThat(points).hasSize(20);
        assertThat(points.get(0).value()).isEqualTo(0.05);
        assertThat(points.get(19).value()).isEqualTo(1.0);
    }
}
