package org.ebc.gateway.credit.pricing;

import java.util.SplittableRandom;

/**
 * Seeded random pricing inputs for the property tests: Table II's ranges for d, θ, t, η, λ, γ and c; p, Q_min
 * and α_max, which the paper leaves open, drawn so that every branch of the solution occurs.
 *
 * <ul>
 *   <li>d ∈ [20000, 20400], θ ∈ [2000, 2500], t ∈ (0, 10] months, η = 3.5, c ∈ [0.1, 0.2] (Table II);
 *   <li>λ ∈ (0, 1] and γ ∈ (0, 1]: Table II's γ ∈ [0, 1] without 0, which no credit grade has and where the
 *       bank's utility has no maximum (docs/credit-pricing.md §4.5);
 *   <li>p ∈ [0.5, 2] coins per unit of energy and Q_min ∈ [0, 3000] units, so k = p(Q_min − θ) is negative for
 *       about three draws in four and positive for the rest;
 *   <li>α_max log-uniform in [1, 100], so the cap binds for some borrowers and not for others.
 * </ul>
 */
final class RandomBorrowers {
    private final SplittableRandom random;

    RandomBorrowers(long seed) {
        this.random = new SplittableRandom(seed);
    }

    PricingInput next() {
        return new PricingInput(
                between(20_000, 20_400),
                between(2_000, 2_500),
                10 * upToOne(),
                3.5,
                upToOne(),
                upToOne(),
                between(0.1, 0.2),
                between(0.5, 2),
                between(0, 3_000),
                Math.exp(Math.log(100) * random.nextDouble()));
    }

    private double between(double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }

    /** Uniform in (0, 1]. */
    private double upToOne() {
        return 1 - random.nextDouble();
    }

    /** A typical borrower: the middle of Table II, p = 1, Q_min = 1000 (k = −1250), α_max = 10. */
    static PricingInput typical() {
        return new PricingInput(20_200, 2_250, 5, 3.5, 0.8, 0.5, 0.15, 1, 1_000, 10);
    }
}
