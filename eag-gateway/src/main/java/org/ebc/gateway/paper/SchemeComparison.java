package org.ebc.gateway.paper;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.ebc.gateway.credit.pricing.ClosedFormPricing;
import org.ebc.gateway.credit.pricing.LoanGame;
import org.ebc.gateway.credit.pricing.Offer;
import org.ebc.gateway.credit.pricing.PricingInput;
import org.ebc.gateway.credit.pricing.PricingOutcome;

/**
 * Fig. 7: the benefits of 5 credit banks (20 borrowers each) and of their borrowers under our pricing and
 * under the paper's two heuristic schemes. The paper says only that AAS lends an "average amount", RAS a
 * "random amount", both at interest 0.1; our reading (docs/paper-comparison.md §2), fixed before computing:
 *
 * <ul>
 *   <li><b>OPTIMAL</b>: each borrower gets the closed-form offer; a refused borrower gets no loan;
 *   <li><b>AAS</b>: each bank lends the same total B as under OPTIMAL (the bank's coins are limited, §V-C),
 *       split equally, B/20 to each of its borrowers, refused ones included;
 *   <li><b>RAS</b>: the same B split at random, in shares uniform on the simplex (normalised exponential
 *       draws, seeded);
 *   <li>AAS and RAS charge β = 0.1 per month and the penalty α = η t β that goes with it (the paper's own
 *       relation).
 * </ul>
 *
 * A bank's benefit is Σ u_bc (eq. 3) over its borrowers; a borrower's is u_i (eq. 2), which for no loan is
 * λ d ln(θ − Q_min).
 */
public final class SchemeComparison {
    /** How loans are allocated and priced. */
    public enum Scheme {
        OPTIMAL,
        AAS,
        RAS
    }

    /** One borrower's loan under one scheme. */
    public record Loan(
            Population.Borrower borrower,
            Scheme scheme,
            double alpha,
            double loan,
            double bankUtility,
            double borrowerUtility) {}

    /**
     * @param loans every borrower under every scheme, by scheme then borrower
     * @param chosen the ids of the 5 borrowers "randomly chosen" for Fig. 7(b)
     */
    public record Result(PaperSetup setup, List<Loan> loans, List<Integer> chosen) {
        public Result {
            loans = List.copyOf(loans);
            chosen = List.copyOf(chosen);
        }

        public List<Loan> of(Scheme scheme) {
            return loans.stream().filter(l -> l.scheme() == scheme).toList();
        }

        /** Σ u_bc of bank {@code bank} (1-based) under the scheme. */
        public double bankBenefit(Scheme scheme, int bank) {
            return of(scheme).stream()
                    .filter(l -> l.borrower().bank() == bank)
                    .mapToDouble(Loan::bankUtility)
                    .sum();
        }

        /** The banks' benefits averaged over the banks. */
        public double meanBankBenefit(Scheme scheme) {
            double sum = 0;
            for (int b = 1; b <= setup.banks(); b++) {
                sum += bankBenefit(scheme, b);
            }
            return sum / setup.banks();
        }

        /** u_i averaged over the 5 chosen borrowers (Fig. 7(b)). */
        public double meanChosenBorrowerBenefit(Scheme scheme) {
            return of(scheme).stream()
                    .filter(l -> chosen.contains(l.borrower().id()))
                    .mapToDouble(Loan::borrowerUtility)
                    .average()
                    .orElseThrow();
        }

        /** u_i averaged over every borrower. */
        public double meanBorrowerBenefit(Scheme scheme) {
            return of(scheme).stream()
                    .mapToDouble(Loan::borrowerUtility)
                    .average()
                    .orElseThrow();
        }

        /** u_i(R) − u_i(0), the gain over having no loan, averaged over every borrower. */
        public double meanBorrowerGain(Scheme scheme) {
            return of(scheme).stream()
                    .mapToDouble(l ->
                            l.borrowerUtility() - noLoanUtility(l.borrower().input()))
                    .average()
                    .orElseThrow();
        }
    }

    private SchemeComparison() {}

    /** How much better {@code ours} is than {@code other}, in percent of |other|. */
    public static double percentAbove(double ours, double other) {
        return 100 * (ours - other) / Math.abs(other);
    }

    /** u_i with no loan: λ d ln(θ − Q_min) (the rates do not matter at R = 0). */
    public static double noLoanUtility(PricingInput in) {
        return LoanGame.borrowerUtility(in, 1, 0);
    }

    public static Result run(PaperSetup setup, List<Population.Borrower> population) {
        List<Loan> optimal = new ArrayList<>();
        for (Population.Borrower b : population) {
            optimal.add(optimal(b));
        }
        SplittableRandom weights = new SplittableRandom(setup.seed() ^ 0x5A5A_5A5A_5A5A_5A5AL);
        List<Loan> aas = new ArrayList<>();
        List<Loan> ras = new ArrayList<>();
        int n = setup.borrowersPerBank();
        for (int bank = 1; bank <= setup.banks(); bank++) {
            List<Loan> mine = optimal.subList((bank - 1) * n, bank * n);
            double budget = mine.stream().mapToDouble(Loan::loan).sum();
            double[] w = new double[n];
            double total = 0;
            for (int i = 0; i < n; i++) {
                w[i] = -Math.log(1 - weights.nextDouble());
                total += w[i];
            }
            for (int i = 0; i < n; i++) {
                Population.Borrower b = mine.get(i).borrower();
                aas.add(fixed(b, Scheme.AAS, budget / n, setup.schemeInterest()));
                ras.add(fixed(b, Scheme.RAS, budget * w[i] / total, setup.schemeInterest()));
            }
        }
        List<Loan> all = new ArrayList<>(optimal);
        all.addAll(aas);
        all.addAll(ras);
        return new Result(setup, all, choose(setup, population.size(), 5));
    }

    private static Loan optimal(Population.Borrower b) {
        PricingOutcome outcome = ClosedFormPricing.price(b.input());
        if (outcome instanceof Offer o) {
            return new Loan(b, Scheme.OPTIMAL, o.alpha(), o.loan(), o.bankUtility(), o.borrowerUtility());
        }
        return new Loan(b, Scheme.OPTIMAL, 0, 0, 0, noLoanUtility(b.input()));
    }

    private static Loan fixed(Population.Borrower b, Scheme scheme, double loan, double interest) {
        PricingInput in = b.input();
        double alpha = in.eta() * in.months() * interest;
        return new Loan(
                b,
                scheme,
                alpha,
                loan,
                LoanGame.bankUtility(in, alpha, loan),
                LoanGame.borrowerUtility(in, alpha, loan));
    }

    /** {@code k} distinct ids out of {@code n}, seeded (a partial Fisher–Yates shuffle). */
    private static List<Integer> choose(PaperSetup setup, int n, int k) {
        SplittableRandom random = new SplittableRandom(setup.seed() ^ 0x3C3C_3C3C_3C3C_3C3CL);
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
        }
        List<Integer> chosen = new ArrayList<>();
        for (int i = 0; i < Math.min(k, n); i++) {
            int j = i + random.nextInt(n - i);
            int t = ids[i];
            ids[i] = ids[j];
            ids[j] = t;
            chosen.add(ids[i]);
        }
        return chosen;
    }
}
