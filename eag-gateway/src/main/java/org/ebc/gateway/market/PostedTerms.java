package org.ebc.gateway.market;

import java.math.BigInteger;
import java.util.Objects;
import org.ebc.units.Energy;
import org.ebc.units.Price;

/**
 * What the transaction server broadcasts in posted mode at a slot's request closure: the total demand of the
 * slot's buy requests and the posted price, with the reference supply the price was computed from.
 *
 * <h2>The posted price</h2>
 *
 * <pre>
 *   p = feedIn + floor((retail − feedIn) × D / (D + S_ref))
 * </pre>
 *
 * with {@code D} the total energy of all buy requests of the slot (Wh) and {@code S_ref} the total energy of all
 * sell offers of the previous slot (Wh; 0 when there was none). It always lies between the grid's feed-in and
 * retail tariffs, rises with demand and falls with supply, so selling locally pays at least what the grid pays
 * and buying locally costs at most what the grid charges. Empty cases: no demand ({@code D = 0}) gives the
 * feed-in tariff (also when {@code S_ref = 0}); demand with no known supply ({@code S_ref = 0}) gives the retail
 * tariff. Rounded down once, to a whole minor unit per kWh. {@code D} counts every request, including those whose
 * limit turns out to be below {@code p} (they are not matched).
 *
 * @param demand D, the total demand the server counted
 * @param referenceSupply S_ref, the previous slot's total offered supply
 * @param price p
 */
public record PostedTerms(Energy demand, Energy referenceSupply, Price price) {

    public PostedTerms {
        Objects.requireNonNull(demand, "demand");
        Objects.requireNonNull(referenceSupply, "referenceSupply");
        Objects.requireNonNull(price, "price");
        if (demand.isNegative() || referenceSupply.isNegative()) {
            throw new IllegalArgumentException("demand and reference supply are never negative");
        }
    }

    /** The terms for {@code demand} and {@code referenceSupply} under the rule above. */
    public static PostedTerms compute(MarketParameters parameters, Energy demand, Energy referenceSupply) {
        return new PostedTerms(
                demand,
                referenceSupply,
                postedPrice(parameters.feedInTariff(), parameters.retailTariff(), demand, referenceSupply));
    }

    /** The rule above. Both energies must not be negative, and {@code feedIn ≤ retail}. */
    public static Price postedPrice(Price feedIn, Price retail, Energy demand, Energy referenceSupply) {
        long d = demand.wh();
        long s = referenceSupply.wh();
        if (d < 0 || s < 0 || feedIn.compareTo(retail) > 0) {
            throw new IllegalArgumentException("negative energy, or feed-in above retail");
        }
        if (d == 0) {
            return feedIn;
        }
        BigInteger spread = BigInteger.valueOf(retail.minorUnitsPerKWh() - feedIn.minorUnitsPerKWh());
        long rise = spread.multiply(BigInteger.valueOf(d))
                .divide(BigInteger.valueOf(d).add(BigInteger.valueOf(s)))
                .longValueExact();
        return Price.ofMinorUnitsPerKWh(feedIn.minorUnitsPerKWh() + rise);
    }
}
