package org.ebc.gateway.credit.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.math.BigDecimal;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each branch of the corrected eq. (13) and each refusal (docs/credit-pricing.md §4). */
class ClosedFormPricingTest {
    private final PricingInput typical = RandomBorrowers.typical();

    @Test
    void aBorrowerWhoseMinimumDemandIsBelowThetaGetsTheStationaryPointOfEquationTwelve() {
        Offer offer = (Offer) ClosedFormPricing.price(typical);

        assertThat(offer.optimum()).isEqualTo(Optimum.STATIONARY_POINT);
        assertThat(offer.alpha()).isEqualTo(LoanGame.stationaryRate(typical));
        assertThat(offer.beta()).isCloseTo(offer.alpha() / (3.5 * 5), withinPercentage(1e-12));
        assertThat(offer.loan()).isCloseTo(LoanGame.responseScale(typical) / offer.alpha() + typical.k(), within(1e-6));
        double h = 1e-3 * offer.alpha();
        assertThat(LoanGame.leaderUtility(typical, offer.alpha()))
                .isGreaterThan(LoanGame.leaderUtility(typical, offer.alpha() - h))
                .isGreaterThan(LoanGame.leaderUtility(typical, offer.alpha() + h));
        // The maximum in closed form: u* = (√(A g) − √(−k γ t c))².
        double ag = LoanGame.responseScale(typical) * LoanGame.marginSlope(typical);
        double cost = -typical.k() * 0.5 * 5 * 0.15;
        assertThat(offer.bankUtility()).isCloseTo(Math.pow(Math.sqrt(ag) - Math.sqrt(cost), 2), withinPercentage(1e-9));
    }

    @Test
    void whenEquationTwelvesRateIsAboveTheCapTheCapBinds() {
        PricingInput capped = typical.withAlphaMax(2);
        Offer offer = (Offer) ClosedFormPricing.price(capped);

        assertThat(LoanGame.stationaryRate(capped)).isGreaterThan(2);
        assertThat(offer.optimum()).isEqualTo(Optimum.CAP_BINDS);
        assertThat(offer.alpha()).isEqualTo(2);
        assertThat(offer.bankUtility()).isGreaterThan(LoanGame.leaderUtility(capped, 1.99));
    }

    @Test
    void whenKIsPositiveTheBanksUtilityRisesAllTheWayToTheCapNotZeroAsEquationThirteenPrints() {
        PricingInput needy = new PricingInput(20_200, 2_250, 5, 3.5, 0.8, 0.5, 0.15, 1, 3_000, 10);
        Offer offer = (Offer) ClosedFormPricing.price(needy);

        assertThat(needy.k()).isPositive();
        assertThat(offer.optimum()).isEqualTo(Optimum.RISING_TO_CAP);
        assertThat(offer.alpha()).isEqualTo(10);
        assertThat(offer.loan()).isGreaterThan(needy.k());
        double previous = Double.NEGATIVE_INFINITY;
        for (double alpha = 0.01; alpha <= 10; alpha += 0.01) {
            double u = LoanGame.leaderUtility(needy, alpha);
            assertThat(u).as("alpha = %s", alpha).isGreaterThan(previous);
            previous = u;
        }
        // The printed branch, α* = 0: the borrower would take an unbounded loan at no interest, and the bank's
        // utility tends to −∞ there; it is the infimum, not the maximum.
        assertThat(LoanGame.leaderUtility(needy, 1e-9)).isLessThan(-1e9);
    }

    @Test
    void whenKIsZeroTheCapIsTheOptimumToo() {
        PricingInput exact = new PricingInput(20_200, 2_250, 5, 3.5, 0.8, 0.5, 0.15, 1, 2_250, 10);
        Offer offer = (Offer) ClosedFormPricing.price(exact);

        assertThat(exact.k()).isZero();
        assertThat(offer.optimum()).isEqualTo(Optimum.RISING_TO_CAP);
        assertThat(offer.alpha()).isEqualTo(10);
    }

    @Test
    void aBorrowerForWhomEquationTwelveWouldLendANegativeAmountIsRefusedAsUnprofitable() {
        PricingInput reluctant = new PricingInput(20_200, 2_250, 10, 3.5, 0.05, 1, 0.2, 1, 1_000, 10);
        double printedRate = LoanGame.stationaryRate(reluctant);
        double printedLoan = LoanGame.responseScale(reluctant) / printedRate + reluctant.k();
        double printedUtility = LoanGame.bankUtility(reluctant, printedRate, printedLoan);

        // What the printed solution would do: a negative loan at a negative margin, a "positive" utility.
        assertThat(printedLoan).isNegative();
        assertThat(printedUtility).isPositive();
        assertThat(LoanGame.zeroLoanRate(reluctant)).isLessThan(LoanGame.breakEvenRate(reluctant));

        Refusal refusal = (Refusal) ClosedFormPricing.price(reluctant);
        assertThat(refusal.reason()).isEqualTo(PricingRefusal.UNPROFITABLE);
        assertThat(refusal.detail()).contains("wants no loan");
    }

    @Test
    void aCapAtOrBelowTheBreakEvenRateIsRefusedAsUnprofitable() {
        PricingInput lowCap = typical.withAlphaMax(0.5);

        assertThat(LoanGame.breakEvenRate(lowCap)).isGreaterThan(0.5);
        Refusal refusal = (Refusal) ClosedFormPricing.price(lowCap);
        assertThat(refusal.reason()).isEqualTo(PricingRefusal.UNPROFITABLE);
        assertThat(refusal.detail()).contains("alpha-max 0.5");
    }

    @Test
    void aBorrowerWhoNeverRepaidInTimeIsRefusedWithThatReason() {
        PricingInput neverOnTime = typical.withLambda(new RepaymentRecord(0, 3).lambda());

        Refusal refusal = (Refusal) ClosedFormPricing.price(neverOnTime);
        assertThat(refusal.reason()).isEqualTo(PricingRefusal.NO_TIMELY_REPAYMENT);
    }

    @Test
    void anOptimalLoanBelowOneMinorUnitIsRefusedAsUnprofitable() {
        PricingInput tiny = new PricingInput(1e-9, 2, 1, 3.5, 1, 1, 0.1, 1e-10, 1, 10);

        assertThat(LoanGame.bestResponse(tiny, LoanGame.stationaryRate(tiny))).isBetween(0.0, 1e-8);
        Refusal refusal = (Refusal) ClosedFormPricing.price(tiny);
        assertThat(refusal.reason()).isEqualTo(PricingRefusal.UNPROFITABLE);
        assertThat(refusal.detail()).contains("rounds down to zero minor units");
    }

    static Stream<Arguments> invalidInputs() {
        PricingInput t = RandomBorrowers.typical();
        return Stream.of(
                Arguments.of(new PricingInput(0, 2_250, 5, 3.5, 0.8, 0.5, 0.15, 1, 1_000, 10), "d"),
                Arguments.of(new PricingInput(Double.NaN, 2_250, 5, 3.5, 0.8, 0.5, 0.15, 1, 1_000, 10), "d"),
                Arguments.of(new PricingInput(20_200, -1, 5, 3.5, 0.8, 0.5, 0.15, 1, 1_000, 10), "theta"),
                Arguments.of(new PricingInput(20_200, 2_250, 0, 3.5, 0.8, 0.5, 0.15, 1, 1_000, 10), "t"),
                Arguments.of(
                        new PricingInput(20_200, 2_250, Double.POSITIVE_INFINITY, 3.5, 0.8, 0.5, 0.15, 1, 1_000, 10),
                        "t"),
                Arguments.of(new PricingInput(20_200, 2_250, 5, 1, 0.8, 0.5, 0.15, 1, 1_000, 10), "eta"),
                Arguments.of(t.withLambda(1.5), "lambda"),
                Arguments.of(t.withLambda(-0.1), "lambda"),
                Arguments.of(t.withGamma(0), "gamma"),
                Arguments.of(t.withGamma(1.01), "gamma"),
                Arguments.of(new PricingInput(20_200, 2_250, 5, 3.5, 0.8, 0.5, 0, 1, 1_000, 10), "cost"),
                Arguments.of(new PricingInput(20_200, 2_250, 5, 3.5, 0.8, 0.5, 0.15, 0, 1_000, 10), "price"),
                Arguments.of(new PricingInput(20_200, 2_250, 5, 3.5, 0.8, 0.5, 0.15, 1, -1, 10), "q-min"),
                Arguments.of(t.withAlphaMax(0), "alpha-max"),
                Arguments.of(t.withAlphaMax(Double.POSITIVE_INFINITY), "alpha-max"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("invalidInputs")
    void aParameterOutsideTheModelIsRefusedNamingIt(PricingInput input, String name) {
        for (PricingMethod method : PricingMethod.values()) {
            Refusal refusal = (Refusal) method.price(input);
            assertThat(refusal.reason()).isEqualTo(PricingRefusal.INVALID_PARAMETERS);
            assertThat(refusal.detail()).startsWith(name + " must be");
        }
    }

    @Test
    void theLoanIsRoundedDownToAWholeMinorUnitAndTheRatesToWholePartsPerMillion() {
        Offer offer = (Offer) ClosedFormPricing.price(typical);

        BigDecimal exactMinor = new BigDecimal(offer.loan()).movePointRight(8);
        BigDecimal lent = BigDecimal.valueOf(offer.loanAmount().minorUnits());
        assertThat(lent).isLessThanOrEqualTo(exactMinor);
        assertThat(lent.add(BigDecimal.ONE)).isGreaterThan(exactMinor);
        assertPpmFloor(offer.penaltyRate(), offer.alpha());
        assertPpmFloor(offer.interestRatePerMonth(), offer.beta());
        assertPpmFloor(offer.termInterestRate(), offer.alpha() / 3.5);
    }

    @Test
    void theAmountsDueAreTheRatesOfTheLentAmountRoundedDown() {
        Offer offer = (Offer) ClosedFormPricing.price(typical);
        long lent = offer.loanAmount().minorUnits();

        BigDecimal interest = BigDecimal.valueOf(lent)
                .multiply(BigDecimal.valueOf(offer.termInterestRate().partsPerMillion()))
                .movePointLeft(6);
        BigDecimal penalty = BigDecimal.valueOf(lent)
                .multiply(BigDecimal.valueOf(offer.penaltyRate().partsPerMillion()))
                .movePointLeft(6);
        assertThat(BigDecimal.valueOf(offer.interestDue().minorUnits()))
                .isLessThanOrEqualTo(interest)
                .isGreaterThan(interest.subtract(BigDecimal.ONE));
        assertThat(BigDecimal.valueOf(offer.penaltyDue().minorUnits()))
                .isLessThanOrEqualTo(penalty)
                .isGreaterThan(penalty.subtract(BigDecimal.ONE));
    }

    private static void assertPpmFloor(Ppm ppm, double rate) {
        BigDecimal exact = new BigDecimal(rate).movePointRight(6);
        assertThat(BigDecimal.valueOf(ppm.partsPerMillion())).isLessThanOrEqualTo(exact);
        assertThat(BigDecimal.valueOf(ppm.partsPerMillion() + 1)).isGreaterThan(exact);
    }
}
