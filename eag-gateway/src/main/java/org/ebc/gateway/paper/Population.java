package org.ebc.gateway.paper;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ebc.gateway.credit.pricing.CreditGrade;
import org.ebc.gateway.credit.pricing.PricingInput;

/**
 * The paper's 100 borrowers (§V-C), drawn from Table II: d ∈ [20000, 20400], θ ∈ [2000, 2500], t ∈ (0, 10]
 * months, λ ∈ (0, 1], c ∈ [0.1, 0.2], all uniform and independent; η = 3.5; the grade (hence γ) from
 * {@link LendingClubGrades}; p, Q_min and α_max from the {@link PaperSetup}. Borrowers 0–19 apply to bank 1,
 * 20–39 to bank 2, and so on (the draws are independent, so this is a random split).
 */
public final class Population {
    /** One borrower of the evaluation. */
    public record Borrower(int id, int bank, CreditGrade grade, PricingInput input) {}

    private Population() {}

    public static List<Borrower> draw(PaperSetup setup) {
        SplittableRandom random = new SplittableRandom(setup.seed());
        List<Borrower> list = new ArrayList<>(setup.borrowers());
        for (int i = 0; i < setup.borrowers(); i++) {
            list.add(draw(random, setup, i));
        }
        return List.copyOf(list);
    }

    /** One borrower; the order of the draws is fixed, so a seed always gives the same population. */
    public static Borrower draw(SplittableRandom random, PaperSetup setup, int id) {
        double d = 20_000 + 400 * random.nextDouble();
        double theta = 2_000 + 500 * random.nextDouble();
        double months = 10 * (1 - random.nextDouble());
        double lambda = 1 - random.nextDouble();
        CreditGrade grade = LendingClubGrades.draw(random);
        double cost = 0.1 + 0.1 * random.nextDouble();
        PricingInput in = new PricingInput(
                d,
                theta,
                months,
                setup.eta(),
                lambda,
                grade.gamma(),
                cost,
                setup.price(),
                setup.minDemand(),
                setup.alphaMax());
        return new Borrower(id, 1 + id / setup.borrowersPerBank(), grade, in);
    }
}
