package org.ebc.gateway.credit.pricing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Algorithm 1 of the paper, corrected (docs/credit-pricing.md §5): the bank proposes a penalty rate α,
 * the borrower answers with its best response R(α) (eq. 8, never negative), the bank evaluates its utility
 * u_bc(α, R) (eq. 3) and keeps the proposal if it is <em>better</em> than the best so far (the printed
 * algorithm keeps it when it is worse or equal, and then stops). The bank's best starts at "no loan",
 * utility 0, so only a profitable proposal is ever kept; if none is, the loan is refused as
 * {@link PricingRefusal#UNPROFITABLE}.
 *
 * <p><b>Which α to propose.</b> The printed algorithm sweeps α from 0 to α_max in unstated steps. We
 * first ask for the borrower's answer at the break-even rate α_c (below it every loan loses money, and the
 * answer only falls as α rises): no loan there means no profitable rate, and the request is refused after
 * one exchange. Otherwise we search [α_c, α_max] by golden section on ln α: the bank's utility is unimodal
 * in α there (rising to its maximum, then falling, then 0 once the borrower wants no loan), unimodality
 * survives the change of variable, and in ln α the utility is symmetric about its maximum. The next
 * proposal is α_max itself (so an optimum at the cap is found exactly), then two interior points, then
 * one new point per step, each step keeping the part of the interval that must hold the maximum (on a tie
 * the lower part: ties occur only where the borrower wants no loan, above the maximum).
 *
 * <p><b>When to stop.</b> When the interval is at most {@link #TOLERANCE} wide in ln α (its ends differ by
 * a factor of at most e^0.0005 ≈ 1.0005, so the best proposal lies within 0.05 % of the optimal α) and
 * also at most 1 % of the distance from ln α_c to the best proposal (the private stopping rule). For Table
 * II's borrowers with α_max = 10 that is 19 to 25 borrower responses (99.9 % of them; at most 31).
 */
public final class IterativePricing {
    /** The width of the final interval in ln α. */
    public static final double TOLERANCE = 5e-4;

    private static final double INVERSE_PHI = (Math.sqrt(5) - 1) / 2;

    /** A guard against floating-point stalls; never reached for parameters in the model's domain. */
    static final int MAX_PROPOSALS = 200;

    private IterativePricing() {}

    /**
     * One exchange between bank and borrower.
     *
     * @param number 1, 2, … in the order asked
     * @param alpha the proposed penalty rate
     * @param loan the borrower's answer R(α), coins
     * @param bankUtility u_bc(α, R)
     * @param bestAlpha the best rate kept so far (0 while no proposal was profitable)
     * @param bestLoan the loan at the best rate so far (0 while none)
     * @param bestBankUtility the bank's utility at the best rate so far (0 while none)
     */
    public record Iteration(
            int number,
            double alpha,
            double loan,
            double bankUtility,
            double bestAlpha,
            double bestLoan,
            double bestBankUtility) {}

    /** The outcome and every exchange that led to it (empty if refused before searching). */
    public record Search(PricingOutcome outcome, List<Iteration> iterations) {
        public Search {
            iterations = List.copyOf(iterations);
        }
    }

    public static PricingOutcome price(PricingInput in) {
        return run(in, false).outcome();
    }

    /** {@link #price}, recording each exchange (for Fig. 8). */
    public static Search trace(PricingInput in) {
        return run(in, true);
    }

    private static Search run(PricingInput in, boolean keepTrace) {
        Optional<Refusal> refused = ClosedFormPricing.precheck(in);
        if (refused.isPresent()) {
            return new Search(refused.get(), List.of());
        }
        Bank bank = new Bank(in, keepTrace);
        double breakEven = LoanGame.breakEvenRate(in);
        // The borrower's answer falls as α rises, and below α_c every loan loses money: if it wants no loan
        // at the break-even rate, no rate is profitable.
        if (!(bank.ask(breakEven) > 0)) {
            return new Search(
                    new Refusal(
                            PricingRefusal.UNPROFITABLE,
                            "the borrower wants no loan at the break-even penalty rate " + breakEven
                                    + ", where interest and penalty just cover the cost"),
                    bank.trace);
        }
        double lo = Math.log(breakEven);
        double hi = Math.log(in.alphaMax());
        double floor = lo;
        bank.propose(in.alphaMax());
        double x1 = hi - INVERSE_PHI * (hi - lo);
        double x2 = lo + INVERSE_PHI * (hi - lo);
        double f1 = bank.propose(Math.exp(x1));
        double f2 = bank.propose(Math.exp(x2));
        while (bank.count < MAX_PROPOSALS && !narrowEnough(hi - lo, bank, floor)) {
            if (f1 >= f2) {
                hi = x2;
                x2 = x1;
                f2 = f1;
                x1 = hi - INVERSE_PHI * (hi - lo);
                f1 = bank.propose(Math.exp(x1));
            } else {
                lo = x1;
                x1 = x2;
                f1 = f2;
                x2 = lo + INVERSE_PHI * (hi - lo);
                f2 = bank.propose(Math.exp(x2));
            }
        }
        PricingOutcome outcome = bank.bestUtility > 0
                ? Offer.at(in, bank.bestAlpha, Optimum.SEARCH, bank.count)
                : new Refusal(
                        PricingRefusal.UNPROFITABLE,
                        "no penalty rate between the break-even rate " + breakEven + " and alpha-max " + in.alphaMax()
                                + " gave a profitable loan in " + bank.count + " proposals");
        return new Search(outcome, bank.trace);
    }

    /**
     * The stopping rule. The maximum in ln α lies midway between ln α_c and ln α_0, so {@code ln(best) − ln α_c}
     * estimates half the width of the profitable range; the interval must be narrower than
     * {@link #TOLERANCE} and than 1 % of that distance, which keeps the bank's utility within about
     * 0.01 % of its maximum even for a barely profitable borrower. While no proposal was profitable (but
     * the break-even answer said one is) the search goes on.
     */
    private static boolean narrowEnough(double width, Bank bank, double lnBreakEven) {
        if (!(bank.bestUtility > 0)) {
            return false;
        }
        return width <= TOLERANCE && width <= 0.01 * (Math.log(bank.bestAlpha) - lnBreakEven);
    }

    /** The leader's side of the exchange: proposes, hears the answer, keeps the best. Not thread-safe. */
    private static final class Bank {
        private final PricingInput in;
        private final List<Iteration> trace;
        private final boolean keepTrace;
        private int count;
        private double bestAlpha;
        private double bestLoan;
        private double bestUtility;

        Bank(PricingInput in, boolean keepTrace) {
            this.in = in;
            this.keepTrace = keepTrace;
            this.trace = keepTrace ? new ArrayList<>() : List.of();
        }

        /** The borrower's answer to α, counted and traced but not a candidate (used at the break-even rate). */
        double ask(double alpha) {
            double loan = LoanGame.bestResponse(in, alpha);
            count++;
            if (keepTrace) {
                double utility = LoanGame.bankUtility(in, alpha, loan);
                trace.add(new Iteration(count, alpha, loan, utility, bestAlpha, bestLoan, bestUtility));
            }
            return loan;
        }

        /** One exchange; returns the bank's utility at α with the borrower's answer. */
        double propose(double alpha) {
            double loan = LoanGame.bestResponse(in, alpha);
            double utility = LoanGame.bankUtility(in, alpha, loan);
            count++;
            if (utility > bestUtility) {
                bestAlpha = alpha;
                bestLoan = loan;
                bestUtility = utility;
            }
            if (keepTrace) {
                trace.add(new Iteration(count, alpha, loan, utility, bestAlpha, bestLoan, bestUtility));
            }
            return utility;
        }
    }
}
