package org.ebc.gateway.paper;

/**
 * The inputs of Figs. 7–9 that the paper states (Table II, §V-C) and those it leaves open, which we chose
 * before computing any figure and do not tune (docs/paper-comparison.md §2).
 *
 * @param seed seeds every random draw of the population and of RAS
 * @param borrowers 100 (§V-C)
 * @param banks 5, each lending to borrowers / banks of them (§V-C)
 * @param price p, coins per unit of energy: <b>our choice</b>, 1 (the paper gives none; d and θ fix the
 *     scale, and p only converts coins to energy in eq. 1)
 * @param minDemand Q_min, units of energy: <b>our choice</b>, 1000 for every borrower (the paper gives none;
 *     below θ ∈ [2000, 2500], so that k &lt; 0 and the paper's main case, eq. 12, applies)
 * @param alphaMax α_max: <b>our choice</b>, 10 (the paper uses α_max without a value)
 * @param eta η = 3.5 (Table II)
 * @param schemeInterest the interest rate of AAS and RAS, 0.1 (§V-C), per month; their penalty rate is
 *     η t × 0.1, the paper's α = η t β
 */
public record PaperSetup(
        long seed,
        int borrowers,
        int banks,
        double price,
        double minDemand,
        double alphaMax,
        double eta,
        double schemeInterest) {

    public static final long DEFAULT_SEED = 1;

    public PaperSetup {
        if (borrowers < 1 || banks < 1 || borrowers % banks != 0) {
            throw new IllegalArgumentException(
                    "borrowers must be a positive multiple of banks: " + borrowers + " / " + banks);
        }
    }

    /** The setup of docs/paper-comparison.md with the given seed. */
    public static PaperSetup paper(long seed) {
        return new PaperSetup(seed, 100, 5, 1, 1_000, 10, 3.5, 0.1);
    }

    public int borrowersPerBank() {
        return borrowers / banks;
    }
}
