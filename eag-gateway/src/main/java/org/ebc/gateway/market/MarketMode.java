package org.ebc.gateway.market;

import java.util.Locale;
import java.util.Optional;

/** How a slot's market is run (DESIGN §5). */
public enum MarketMode {
    /**
     * The paper's mode (§II.B.3): buyers send energy requests, the transaction server counts the total demand
     * and broadcasts it with a posted price, sellers answer with offers, and the server matches pro rata.
     */
    POSTED("posted"),
    /** A periodic double auction with limit prices on both sides; see {@link Pricing}. */
    AUCTION("auction");

    private final String wireName;

    MarketMode(String wireName) {
        this.wireName = wireName;
    }

    /** The name in configuration files, book files and allocations: {@code posted} or {@code auction}. */
    public String wireName() {
        return wireName;
    }

    /** The mode named {@code text} (its wire name, any case), or empty. */
    public static Optional<MarketMode> parse(String text) {
        for (MarketMode m : values()) {
            if (m.wireName.equals(text.toLowerCase(Locale.ROOT))) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
