package org.ebc.gateway.paper;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ebc.gateway.credit.pricing.ClosedFormPricing;
import org.ebc.gateway.credit.pricing.IterativePricing;
import org.ebc.gateway.credit.pricing.Offer;

/**
 * Fig. 8: the convergence of a randomly chosen bank's benefit and of a randomly chosen borrower's loan over
 * the iterations of Algorithm 1 ({@link IterativePricing}). Each of the bank's borrowers is priced by its
 * own search (the leader's objective is a sum of terms each depending on one borrower's α only, so the
 * searches are independent); at iteration j the bank's benefit is the sum over its borrowers of the best
 * utility each search has kept after j exchanges (its final one once it has stopped). The borrower is
 * drawn among the bank's borrowers who get an offer.
 */
public final class Convergence {
    /**
     * @param iteration j = 1, 2, …
     * @param bankBenefit Σ of the bank's best utilities after j exchanges
     * @param borrowerAlpha the chosen borrower's best α after j exchanges (0 before one was profitable)
     * @param borrowerLoan the loan at that α (0 before)
     * @param probeAlpha the α proposed to the chosen borrower at exchange j (NaN after its search stopped)
     * @param probeLoan its answer (NaN after its search stopped)
     */
    public record Row(
            int iteration,
            double bankBenefit,
            double borrowerAlpha,
            double borrowerLoan,
            double probeAlpha,
            double probeLoan) {}

    /**
     * @param bank the bank, 1-based
     * @param borrower the chosen borrower's id
     * @param bankOptimum Σ of the closed-form bank utilities of the bank's borrowers
     * @param borrowerOptimalLoan the closed-form loan of the chosen borrower
     * @param borrowerOptimalAlpha the closed-form α of the chosen borrower
     */
    public record Result(
            int bank,
            int borrower,
            List<Row> rows,
            double bankOptimum,
            double borrowerOptimalLoan,
            double borrowerOptimalAlpha) {
        public Result {
            rows = List.copyOf(rows);
        }

        /** The first iteration from which on the bank's benefit stays within {@code fraction} of its optimum. */
        public int bankIterationsWithin(double fraction) {
            return settledFrom(rows.stream().mapToDouble(Row::bankBenefit).toArray(), bankOptimum, fraction);
        }

        /** The first iteration from which on the borrower's loan stays within {@code fraction} of its optimum. */
        public int borrowerIterationsWithin(double fraction) {
            return settledFrom(rows.stream().mapToDouble(Row::borrowerLoan).toArray(), borrowerOptimalLoan, fraction);
        }

        private static int settledFrom(double[] values, double target, double fraction) {
            int from = values.length + 1;
            for (int i = values.length - 1; i >= 0; i--) {
                if (Math.abs(values[i] - target) > fraction * Math.abs(target)) {
                    break;
                }
                from = i + 1;
            }
            return from;
        }
    }

    private Convergence() {}

    public static Result run(PaperSetup setup, List<Population.Borrower> population) {
        SplittableRandom random = new SplittableRandom(setup.seed() ^ 0x0F0F_0F0F_0F0F_0F0FL);
        int bank = 1 + random.nextInt(setup.banks());
        List<Population.Borrower> mine =
                population.stream().filter(b -> b.bank() == bank).toList();
        List<List<IterativePricing.Iteration>> traces = new ArrayList<>();
        List<Population.Borrower> offered = new ArrayList<>();
        double optimum = 0;
        int longest = 0;
        for (Population.Borrower b : mine) {
            List<IterativePricing.Iteration> trace =
                    IterativePricing.trace(b.input()).iterations();
            traces.add(trace);
            longest = Math.max(longest, trace.size());
            if (ClosedFormPricing.price(b.input()) instanceof Offer o) {
                optimum += o.bankUtility();
                offered.add(b);
            }
        }
        if (offered.isEmpty()) {
            throw new IllegalStateException("no borrower of bank " + bank + " gets an offer; Fig. 8 needs one");
        }
        Population.Borrower chosen = offered.get(random.nextInt(offered.size()));
        Offer chosenOffer = (Offer) ClosedFormPricing.price(chosen.input());
        List<IterativePricing.Iteration> chosenTrace = traces.get(mine.indexOf(chosen));
        List<Row> rows = new ArrayList<>();
        for (int j = 1; j <= longest; j++) {
            double benefit = 0;
            for (List<IterativePricing.Iteration> t : traces) {
                if (!t.isEmpty()) {
                    benefit += t.get(Math.min(j, t.size()) - 1).bestBankUtility();
                }
            }
            IterativePricing.Iteration c = chosenTrace.get(Math.min(j, chosenTrace.size()) - 1);
            boolean asked = j <= chosenTrace.size();
            rows.add(new Row(
                    j,
                    benefit,
                    c.bestAlpha(),
                    c.bestLoan(),
                    asked ? c.alpha() : Double.NaN,
                    asked ? c.loan() : Double.NaN));
        }
        return new Result(bank, chosen.id(), rows, optimum, chosenOffer.loan(), chosenOffer.alpha());
    }
}
