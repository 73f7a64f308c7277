package org.ebc.gateway.market;

import java.util.Optional;

/** Which way an order trades energy. */
public enum Side {
    /** The node takes energy (imports); it pays from the order's wallet address. */
    BUY("buy"),
    /** The node delivers energy (exports); it is paid to the order's wallet address. */
    SELL("sell");

    private final String wireName;

    Side(String wireName) {
        this.wireName = wireName;
    }

    /** {@code buy} or {@code sell}, as in orders, book files and allocations. */
    public String wireName() {
        return wireName;
    }

    /** The side named exactly {@code text} ({@code buy} or {@code sell}), or empty. */
    public static Optional<Side> parse(String text) {
        for (Side s : values()) {
            if (s.wireName.equals(text)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
