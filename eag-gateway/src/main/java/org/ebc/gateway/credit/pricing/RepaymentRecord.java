package org.ebc.gateway.credit.pricing;

/**
 * A borrower's loan repayment record RP(s, f) (paper §III): {@code s} loans repaid within their buffer,
 * {@code f} loans not repaid in time. It yields the repayment ability λ of eq. (2).
 *
 * @param repaidInTime s, never negative
 * @param late f, never negative
 */
public record RepaymentRecord(int repaidInTime, int late) {

    /**
     * λ for a borrower with no record at all. The paper's {@code λ = s/(s+f)} is 0/0 there. We use 1/2: the
     * mean of a uniform prior on the probability of repaying in time, which is what Laplace's rule of
     * succession {@code (s+1)/(s+f+2)} gives with no observations. λ = 1 would price a newcomer like a
     * borrower with a spotless record (and reward abandoning a bad record for a new identity, were that
     * possible); refusing newcomers would mean no one ever gets a first loan. docs/credit-pricing.md §1.
     */
    public static final double LAMBDA_WITHOUT_HISTORY = 0.5;

    public static final RepaymentRecord NONE = new RepaymentRecord(0, 0);

    public RepaymentRecord {
        if (repaidInTime < 0 || late < 0) {
            throw new IllegalArgumentException(
                    "a repayment record counts loans, never negative: s=" + repaidInTime + " f=" + late);
        }
    }

    /**
     * λ = s/(s+f) in [0, 1], or {@link #LAMBDA_WITHOUT_HISTORY} when s + f = 0. λ = 0 (no loan ever repaid in
     * time) is outside the paper's model (0 < λ ≤ 1); pricing refuses it as {@link PricingRefusal#NO_TIMELY_REPAYMENT}.
     */
    public double lambda() {
        long n = (long) repaidInTime + late;
        return n == 0 ? LAMBDA_WITHOUT_HISTORY : (double) repaidInTime / n;
    }
}
