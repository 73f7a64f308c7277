package org.ebc.gateway.paper;

import java.util.ArrayList;
import java.util.List;
import org.ebc.gateway.paper.SchemeComparison.Scheme;

/**
 * How much Fig. 7's percentages depend on the seed and on the inputs the paper leaves open. Not a search
 * for agreeable values: the variants are fixed here, and all of them are reported.
 */
public final class Robustness {
    /** Fig. 7's comparisons, in percent of the heuristic scheme's value ({@link SchemeComparison#percentAbove}). */
    public record Percentages(
            double bankVsAas,
            double bankVsRas,
            double chosenVsAas,
            double chosenVsRas,
            double allVsAas,
            double allVsRas,
            double gainVsAas,
            double gainVsRas,
            int refused) {

        public static Percentages of(SchemeComparison.Result r) {
            int refused = (int)
                    r.of(Scheme.OPTIMAL).stream().filter(l -> l.loan() == 0).count();
            return new Percentages(
                    SchemeComparison.percentAbove(r.meanBankBenefit(Scheme.OPTIMAL), r.meanBankBenefit(Scheme.AAS)),
                    SchemeComparison.percentAbove(r.meanBankBenefit(Scheme.OPTIMAL), r.meanBankBenefit(Scheme.RAS)),
                    SchemeComparison.percentAbove(
                            r.meanChosenBorrowerBenefit(Scheme.OPTIMAL), r.meanChosenBorrowerBenefit(Scheme.AAS)),
                    SchemeComparison.percentAbove(
                            r.meanChosenBorrowerBenefit(Scheme.OPTIMAL), r.meanChosenBorrowerBenefit(Scheme.RAS)),
                    SchemeComparison.percentAbove(
                            r.meanBorrowerBenefit(Scheme.OPTIMAL), r.meanBorrowerBenefit(Scheme.AAS)),
                    SchemeComparison.percentAbove(
                            r.meanBorrowerBenefit(Scheme.OPTIMAL), r.meanBorrowerBenefit(Scheme.RAS)),
                    SchemeComparison.percentAbove(r.meanBorrowerGain(Scheme.OPTIMAL), r.meanBorrowerGain(Scheme.AAS)),
                    SchemeComparison.percentAbove(r.meanBorrowerGain(Scheme.OPTIMAL), r.meanBorrowerGain(Scheme.RAS)),
                    refused);
        }
    }

    public record SeedRow(long seed, Percentages percentages) {}

    /** One variant of the unstated inputs, everything else as in {@link PaperSetup#paper}. */
    public record SensitivityRow(String change, PaperSetup setup, Percentages percentages) {}

    private Robustness() {}

    /** Fig. 7 for the seeds first, first + 1, …, first + count − 1. */
    public static List<SeedRow> seeds(long first, int count) {
        List<SeedRow> rows = new ArrayList<>();
        for (long s = first; s < first + count; s++) {
            PaperSetup setup = PaperSetup.paper(s);
            rows.add(new SeedRow(s, Percentages.of(SchemeComparison.run(setup, Population.draw(setup)))));
        }
        return List.copyOf(rows);
    }

    /** Fig. 7 with one unstated input changed at a time (same seed). */
    public static List<SensitivityRow> sensitivity(long seed) {
        PaperSetup base = PaperSetup.paper(seed);
        List<SensitivityRow> rows = new ArrayList<>();
        rows.add(row("as chosen (p = 1, Q_min = 1000, alpha_max = 10)", base));
        rows.add(row("Q_min = 0", with(base, base.price(), 0, base.alphaMax())));
        rows.add(row("Q_min = 1900", with(base, base.price(), 1_900, base.alphaMax())));
        rows.add(row("p = 0.5", with(base, 0.5, base.minDemand(), base.alphaMax())));
        rows.add(row("p = 2", with(base, 2, base.minDemand(), base.alphaMax())));
        rows.add(row("alpha_max = 5", with(base, base.price(), base.minDemand(), 5)));
        rows.add(row("alpha_max = 100", with(base, base.price(), base.minDemand(), 100)));
        return List.copyOf(rows);
    }

    private static PaperSetup with(PaperSetup s, double price, double minDemand, double alphaMax) {
        return new PaperSetup(
                s.seed(), s.borrowers(), s.banks(), price, minDemand, alphaMax, s.eta(), s.schemeInterest());
    }

    private static SensitivityRow row(String change, PaperSetup setup) {
        return new SensitivityRow(change, setup, Percentages.of(SchemeComparison.run(setup, Population.draw(setup))));
    }
}
