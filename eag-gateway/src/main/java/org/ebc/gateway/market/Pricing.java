package org.ebc.gateway.market;

import java.util.Locale;
import java.util.Optional;

/**
 * What a matched pair of an auction trades at. Ignored in {@link MarketMode#POSTED} mode, where every trade is
 * at the posted price.
 */
public enum Pricing {
    /** One uniform clearing price for every trade of the slot (rule in {@link DoubleAuction}). */
    PAY_AS_CLEAR("pay-as-clear"),
    /** Each matched pair trades at the buyer's limit price; the seller receives exactly what the buyer pays. */
    PAY_AS_BID("pay-as-bid");

    private final String wireName;

    Pricing(String wireName) {
        this.wireName = wireName;
    }

    /** The name in configuration files, book files and allocations. */
    public String wireName() {
        return wireName;
    }

    /** The pricing named {@code text} (its wire name, any case), or empty. */
    public static Optional<Pricing> parse(String text) {
        for (Pricing p : values()) {
            if (p.wireName.equals(text.toLowerCase(Locale.ROOT))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
