/**
 * Optimal loan pricing of the credit bank (paper §IV): the Stackelberg game between a credit bank (leader,
 * sets the penalty rate α) and a borrower (follower, answers with a loan amount R), solved in closed form
 * ({@link org.ebc.gateway.credit.pricing.ClosedFormPricing}) and by the iterative Algorithm 1
 * ({@link org.ebc.gateway.credit.pricing.IterativePricing}). The mathematics, and every place where it
 * departs from the printed paper, is derived in {@code docs/credit-pricing.md}.
 *
 * <p><b>Units.</b> Loan amounts R are in coins (the double model value) or {@link org.ebc.units.CoinAmount}
 * minor units (what would be lent); the price p is coins per unit of energy, Q_min and θ are units of energy;
 * the loan term t is in months; α is a fraction of the principal (the penalty if repaid late), β = α/(η t)
 * a fraction of the principal per month (the interest). Utilities are in the paper's units (coins for the
 * bank; coins plus the borrower's satisfaction d·ln(·) for the borrower).
 *
 * <p><b>Numbers.</b> The optimisation runs in double. What the bank would lend, store or sign leaves this
 * package only as integers, by one written rule each: the loan is rounded down to a whole minor unit
 * ({@link org.ebc.gateway.credit.pricing.Offer#loanAmount()}); rates are rounded down to whole parts per
 * million ({@link org.ebc.gateway.credit.pricing.Ppm}); amounts due are computed from those integers in
 * integer arithmetic and rounded down.
 *
 * <p>Everything here is a pure function of its inputs: no clock, no randomness, no I/O; all types are
 * immutable and thread-safe.
 */
@org.jspecify.annotations.NullMarked
package org.ebc.gateway.credit.pricing;
