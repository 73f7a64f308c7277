package org.ebc.gateway.paper;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.ebc.gateway.credit.pricing.ClosedFormPricing;
import org.ebc.gateway.credit.pricing.CreditGrade;
import org.ebc.gateway.credit.pricing.Offer;
import org.ebc.gateway.credit.pricing.PricingInput;

/**
 * Fig. 9: the effect of the credit grade factor γ on the bank's benefit and of the repayment ability λ on
 * the borrowers'. Each point prices the whole population of Fig. 7 by the closed form with γ (or λ) set to
 * the point's value for every borrower, all else unchanged, and averages per borrower (a refused borrower
 * contributes 0 to the bank and its no-loan utility λ d ln(θ − Q_min) to the borrowers).
 */
public final class ParameterSweep {
    /** One point: the mean utilities per borrower and how many borrowers got an offer. */
    public record Point(double value, double meanBankUtility, double meanBorrowerUtility, int offers) {}

    private ParameterSweep() {}

    /** γ_n of the 35 grades, from A1 (γ = 1) to G5 (γ = 1/35). */
    public static List<Point> gamma(List<Population.Borrower> population) {
        List<Point> points = new ArrayList<>();
        for (CreditGrade g : CreditGrade.values()) {
            points.add(point(g.gamma(), population, in -> in.withGamma(g.gamma())));
        }
        return List.copyOf(points);
    }

    /** λ = 0.05, 0.10, …, 1.00. */
    public static List<Point> lambda(List<Population.Borrower> population) {
        List<Point> points = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            double lambda = i / 20.0;
            points.add(point(lambda, population, in -> in.withLambda(lambda)));
        }
        return List.copyOf(points);
    }

    private static Point point(double value, List<Population.Borrower> population, UnaryOperator<PricingInput> change) {
        double bank = 0;
        double borrower = 0;
        int offers = 0;
        for (Population.Borrower b : population) {
            PricingInput in = change.apply(b.input());
            if (ClosedFormPricing.price(in) instanceof Offer o) {
                bank += o.bankUtility();
                borrower += o.borrowerUtility();
                offers++;
            } else {
                borrower += SchemeComparison.noLoanUtility(in);
            }
        }
        return new Point(value, bank / population.size(), borrower / population.size(), offers);
    }
}
