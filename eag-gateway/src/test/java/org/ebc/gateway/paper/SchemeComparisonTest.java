package org.ebc.gateway.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.ebc.gateway.credit.pricing.ClosedFormPricing;
import org.ebc.gateway.credit.pricing.Offer;
import org.ebc.gateway.credit.pricing.PricingOutcome;
import org.ebc.gateway.paper.SchemeComparison.Loan;
import org.ebc.gateway.paper.SchemeComparison.Scheme;
import org.junit.jupiter.api.Test;

/** Fig. 7's three schemes do what docs/paper-comparison.md §2 says they do. */
class SchemeComparisonTest {
    private final PaperSetup setup = PaperSetup.paper(11);
    private final List<Population.Borrower> population = Population.draw(setup);
    private final SchemeComparison.Result result = SchemeComparison.run(setup, population);

    @Test
    void ourSchemeLendsTheClosedFormOfferAndNothingToARefusedBorrower() {
        int refused = 0;
        for (Loan l : result.of(Scheme.OPTIMAL)) {
            PricingOutcome o = ClosedFormPricing.price(l.borrower().input());
            if (o instanceof Offer offer) {
                assertThat(l.loan()).isEqualTo(offer.loan());
                assertThat(l.alpha()).isEqualTo(offer.alpha());
                assertThat(l.bankUtility()).isEqualTo(offer.bankUtility());
            } else {
                refused++;
                assertThat(l.loan()).isZero();
                assertThat(l.bankUtility()).isZero();
                assertThat(l.borrowerUtility())
                        .isEqualTo(SchemeComparison.noLoanUtility(l.borrower().input()));
            }
        }
        assertThat(refused)
                .as("the population should hold some refused borrowers")
                .isPositive();
    }

    @Test
    void eachBankLendsTheSameTotalUnderEverySchemeEquallySplitUnderAasRandomlyUnderRas() {
        for (int bank = 1; bank <= setup.banks(); bank++) {
            double optimal = total(Scheme.OPTIMAL, bank);
            assertThat(total(Scheme.AAS, bank)).isCloseTo(optimal, within(1e-6 * optimal));
            assertThat(total(Scheme.RAS, bank)).isCloseTo(optimal, within(1e-6 * optimal));
            int b = bank;
            List<Double> aas = result.of(Scheme.AAS).stream()
                    .filter(l -> l.borrower().bank() == b)
                    .map(Loan::loan)
                    .distinct()
                    .toList();
            assertThat(aas).hasSize(1);
            long distinctRas = result.of(Scheme.RAS).stream()
                    .filter(l -> l.borrower().bank() == b)
                    .map(Loan::loan)
                    .distinct()
                    .count();
            assertThat(distinctRas).isEqualTo(setup.borrowersPerBank());
        }
    }

    @Test
    void theHeuristicSchemesChargeInterestPointOneAndThePenaltyThatGoesWithIt() {
        for (Scheme s : List.of(Scheme.AAS, Scheme.RAS)) {
            for (Loan l : result.of(s)) {
                var in = l.borrower().input();
                assertThat(l.alpha()).isCloseTo(3.5 * in.months() * 0.1, within(1e-12));
            }
        }
    }

    @Test
    void aBanksBenefitIsTheSumOfItsBorrowersAndTheMeanIsOverBanks() {
        double sum = 0;
        for (int bank = 1; bank <= setup.banks(); bank++) {
            int b = bank;
            double expected = result.of(Scheme.OPTIMAL).stream()
                    .filter(l -> l.borrower().bank() == b)
                    .mapToDouble(Loan::bankUtility)
                    .sum();
            assertThat(result.bankBenefit(Scheme.OPTIMAL, bank)).isEqualTo(expected);
            sum += expected;
        }
        assertThat(result.meanBankBenefit(Scheme.OPTIMAL)).isCloseTo(sum / setup.banks(), within(1e-9));
        assertThat(result.chosen()).hasSize(5).doesNotHaveDuplicates();
    }

    @Test
    void percentAboveIsRelativeToTheOtherSchemesMagnitude() {
        assertThat(SchemeComparison.percentAbove(150, 100)).isEqualTo(50);
        assertThat(SchemeComparison.percentAbove(50, -100)).isEqualTo(150);
    }

    private double total(Scheme s, int bank) {
        return result.of(s).stream()
                .filter(l -> l.borrower().bank() == bank)
                .mapToDouble(Loan::loan)
                .sum();
    }
}
